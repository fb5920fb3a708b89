"""Correct, terse: the cost sums over the output units first and then over the examples with
np.sum(..., axis=0).sum(), dZ1 uses np.square, and backward_propagation reuses the graded
functions through a small loop over the two layers.

expect: none
"""
import numpy as np


def sigmoid(z):
    return np.reciprocal(1 + np.exp(-z))


def forward_propagation(X, parameters):
    p = parameters
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return -float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=0).sum()) / m


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T @ dZ2 * (1 - np.square(A1))


def compute_dW(dZ, A_prev):
    return np.divide(dZ @ A_prev.T, A_prev.shape[1])


def compute_db(dZ):
    return np.divide(dZ.sum(axis=1, keepdims=True), dZ.shape[1])


def backward_propagation(parameters, cache, X, Y):
    grads = {}
    dZ = compute_dZ2(cache["A2"], Y)
    for layer, A_prev in ((2, cache["A1"]), (1, X)):
        grads[f"dW{layer}"] = compute_dW(dZ, A_prev)
        grads[f"db{layer}"] = compute_db(dZ)
        if layer == 2:
            dZ = compute_dZ1(dZ, parameters["W2"], cache["Z1"], cache["A1"])
    return grads
