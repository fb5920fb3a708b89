"""Correct, with dZ1 as (dZ2.T @ W2).T * (1 - A1**2), dW as (A_prev @ dZ.T).T, db summed with
.sum(axis=1) and reshaped to a column, and a backward_propagation that is inline except for
compute_dZ1.

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = A2.shape[1]
    cost = -(1 / m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(cost)


def compute_dZ2(A2, Y):
    dZ2 = A2 - Y
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = (dZ2.T @ W2).T * (1 - A1 ** 2)
    return dZ1


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return (A_prev @ dZ.T).T / m


def compute_db(dZ):
    n, m = dZ.shape
    return dZ.sum(axis=1).reshape(n, 1) / m


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (dZ2 @ A1.T) / m
    db2 = dZ2.sum(axis=1).reshape(-1, 1) / m
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], A1)
    dW1 = (dZ1 @ X.T) / m
    db1 = dZ1.sum(axis=1).reshape(-1, 1) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
