"""Correct, with tanh' as 1/cosh(Z1)**2, db as np.mean, and the cost as np.float64 (no float())."""
import numpy as np


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = np.exp(-np.logaddexp(0, -Z2))  # a numerically stable sigmoid
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    per_unit = np.mean(Y * np.log(A2) + (1 - Y) * np.log1p(-A2), axis=1)
    return -np.sum(per_unit)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) / np.cosh(Z1) ** 2


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / np.size(A_prev, 1)


def compute_db(dZ):
    return np.mean(dZ, axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
