"""Correct, with m read from the last axis, 1/m folded into a factor of the product, db as a
product with a column of ones, and the cost from dot products of flattened rows."""
import numpy as np


def forward_propagation(X, parameters):
    Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = A2.shape[-1]
    y = np.asarray(Y, dtype=float).ravel()
    total = np.dot(y, np.log(A2).ravel()) + np.dot(1 - y, np.log(1 - A2).ravel())
    return float(-total / m)


def compute_dZ2(A2, Y):
    return A2 - Y.astype(A2.dtype)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(dZ2.T, W2).T * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = dZ.shape[-1]
    return np.dot(dZ / m, A_prev.T)


def compute_db(dZ):
    m = dZ.shape[-1]
    return np.dot(dZ, np.ones((m, 1))) / m


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
