"""forward_propagation loops over the examples one column at a time but with range(m - 1), so the
last column of Z1, A1, Z2 and A2 is never filled in and stays 0.

expect: forward_propagation
wrong-line: forward_propagation: for i in range(m - 1):
kind: off-by-one
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    A1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    A2 = np.zeros((W2.shape[0], m))
    for i in range(m - 1):
        x = X[:, [i]]
        Z1[:, [i]] = W1 @ x + b1
        A1[:, [i]] = np.tanh(Z1[:, [i]])
        Z2[:, [i]] = W2 @ A1[:, [i]] + b2
        A2[:, [i]] = sigmoid(Z2[:, [i]])
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    return {
        "dW1": dZ1 @ X.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ A1.T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    }
