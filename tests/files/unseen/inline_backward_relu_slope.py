"""The inline backward_propagation multiplies by the ReLU slope (Z1 > 0) instead of the tanh
derivative 1 - A1^2; compute_dZ1 itself is right.

expect: backward_propagation
wrong-line: backward_propagation: dZ1 = np.matmul(W2.T, dZ2) * (Z1 > 0)
kind: relu-slope
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    pre_hidden = np.matmul(W1, X)
    Z1 = pre_hidden + b1
    A1 = np.tanh(Z1)
    pre_out = np.matmul(W2, A1)
    Z2 = pre_out + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    positive_part = Y * np.log(A2)
    negative_part = (1 - Y) * np.log(1 - A2)
    total = np.sum(positive_part + negative_part)
    cost = -total / m
    return float(cost)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.matmul(W2.T, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return np.matmul(dZ, A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=1, keepdims=True) / m


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    Z1 = cache["Z1"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = A2 - Y
    dW2 = np.matmul(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.matmul(W2.T, dZ2) * (Z1 > 0)
    dW1 = np.matmul(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
