"""Correct, with np.tensordot for every matrix product and np.add.reduce for the sums.

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.tensordot(W1, X, axes=1) + b1
    A1 = np.tanh(Z1)
    Z2 = np.tensordot(W2, A1, axes=1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.add.reduce(logprobs, axis=None) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.tensordot(W2, dZ2, axes=([0], [0])) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.tensordot(dZ, A_prev, axes=([1], [1])) / A_prev.shape[1]


def compute_db(dZ):
    return np.add.reduce(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, A1), "db2": compute_db(dZ2)}
