"""compute_dW divides with // instead of /, a floor division that rounds every entry of dW down;
backward_propagation calls compute_dW.

expect: compute_dW, backward_propagation
inherits: backward_propagation
wrong-line: compute_dW: return dZ @ A_prev.T // m
kind: integer-division
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
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(losses.sum() / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ @ A_prev.T // m


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2, db2 = compute_dW(dZ2, A1), compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1, db1 = compute_dW(dZ1, X), compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
