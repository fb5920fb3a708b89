"""forward_propagation forgets b2 in the output layer; @ style, cache filled key by key.

expect: forward_propagation=F16
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    cache = {}
    cache["Z1"] = parameters["W1"] @ X + parameters["b1"]
    cache["A1"] = np.tanh(cache["Z1"])
    cache["Z2"] = parameters["W2"] @ cache["A1"]
    cache["A2"] = sigmoid(cache["Z2"])
    return cache["A2"], cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return dZ.sum(axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    grads = {}
    dZ2 = compute_dZ2(cache["A2"], Y)
    grads["dW2"] = compute_dW(dZ2, cache["A1"])
    grads["db2"] = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads["dW1"] = compute_dW(dZ1, X)
    grads["db1"] = compute_db(dZ1)
    return grads
