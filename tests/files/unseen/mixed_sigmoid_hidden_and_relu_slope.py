"""Two mistakes in two functions: forward_propagation uses the sigmoid in the hidden layer, and
compute_dZ1 multiplies by the ReLU slope (Z1 > 0); backward_propagation is inline and right.

expect: forward_propagation, compute_dZ1
wrong-line: forward_propagation: A1 = sigmoid(Z1)
wrong-line: compute_dZ1: return (W2.T @ dZ2) * (Z1 > 0)
kind: activation, relu-slope
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)).sum() / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (Z1 > 0)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True),
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True)}
