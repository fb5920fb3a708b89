"""backward_propagation computes dW1 from A1 instead of X, the hidden layer's output where its
input is needed; the graded helpers are right.

expect: backward_propagation
wrong-line: backward_propagation: dW1 = compute_dW(dZ1, A1)
kind: name-swap
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)).sum() / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2 = compute_dW(dZ2, A1)
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = compute_dW(dZ1, A1)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
