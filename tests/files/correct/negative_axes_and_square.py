"""Correct, with axis=-1 sums, np.square, np.true_divide, 1./m, and forward written as one
stacked expression per layer."""
import numpy as np


def forward_propagation(X, parameters):
    cache = {}
    cache["Z1"] = parameters["W1"].dot(X) + parameters["b1"]
    cache["A1"] = np.tanh(cache["Z1"])
    cache["Z2"] = parameters["W2"].dot(cache["A1"]) + parameters["b2"]
    cache["A2"] = np.true_divide(1., 1. + np.exp(-cache["Z2"]))
    return cache["A2"], cache


def compute_cost(A2, Y):
    m = Y.shape[-1]
    return float(-1. / m * np.sum(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=-1)))


def compute_dZ2(A2, Y):
    return -(Y - A2)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.matmul(W2.transpose(), dZ2) * (1. - np.square(A1))


def compute_dW(dZ, A_prev):
    return 1. / A_prev.shape[-1] * np.matmul(dZ, A_prev.transpose())


def compute_db(dZ):
    return np.true_divide(np.sum(dZ, axis=-1, keepdims=True), dZ.shape[-1])


def backward_propagation(parameters, cache, X, Y):
    grads = {}
    dZ2 = compute_dZ2(cache["A2"], Y)
    grads["dW2"], grads["db2"] = compute_dW(dZ2, cache["A1"]), compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads["dW1"], grads["db1"] = compute_dW(dZ1, X), compute_db(dZ1)
    return grads
