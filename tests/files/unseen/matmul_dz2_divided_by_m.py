"""compute_dZ2 already divides by m, so dZ2 carries a 1/m that compute_dW and compute_db apply a
second time; backward_propagation calls compute_dZ2.

expect: compute_dZ2, backward_propagation
inherits: backward_propagation
wrong-line: compute_dZ2: return (A2 - Y) / Y.shape[1]
kind: scale
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    return (A2 := sigmoid(Z2)), {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return (A2 - Y) / Y.shape[1]


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads = {}
    grads["dW2"], grads["db2"] = compute_dW(dZ2, cache["A1"]), compute_db(dZ2)
    grads["dW1"], grads["db1"] = compute_dW(dZ1, X), compute_db(dZ1)
    return grads
