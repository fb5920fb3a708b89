"""The inline backward_propagation divides the sum for db2 with // m, a floor division that
rounds db2 down to a whole number.

expect: backward_propagation
wrong-line: backward_propagation: db2 = np.sum(dZ2, axis=1, keepdims=True) // m
kind: integer-division
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    hidden_linear = np.matmul(W1, X) + b1
    hidden_act = np.tanh(hidden_linear)
    out_linear = np.matmul(W2, hidden_act) + b2
    out_act = sigmoid(out_linear)
    cache = {"Z1": hidden_linear, "A1": hidden_act, "Z2": out_linear, "A2": out_act}
    return out_act, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.matmul(W2.T, dZ2) * (1 - A1 * A1)


def compute_dW(dZ, A_prev):
    return np.matmul(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.matmul(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) // m
    dZ1 = np.matmul(W2.T, dZ2) * (1 - A1 * A1)
    dW1 = np.matmul(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
