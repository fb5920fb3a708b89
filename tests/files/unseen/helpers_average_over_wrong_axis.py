"""The student's average_over_examples helper averages over axis 0, the units, so compute_db
returns a (1, m) row; backward_propagation calls compute_db.

expect: compute_db, backward_propagation
inherits: backward_propagation
wrong-line: average_over_examples: return np.mean(M, axis=0, keepdims=True)
kind: db-axis
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def average_over_examples(M):
    """Mean of each row of M over the examples (columns)."""
    return np.mean(M, axis=0, keepdims=True)


def outer_average(dZ, A_prev):
    """(1/m) dZ A_prev^T"""
    return np.dot(dZ, A_prev.T) / A_prev.shape[1]


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.square(A1))


def compute_dW(dZ, A_prev):
    return outer_average(dZ, A_prev)


def compute_db(dZ):
    return average_over_examples(dZ)


def backward_propagation(parameters, cache, X, Y):
    A1 = cache["A1"]
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], A1)
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, A1), "db2": compute_db(dZ2)}
