"""compute_db takes the mean over the examples and then divides by m again, confusing np.sum and
np.mean; backward_propagation computes db inline with .mean and is right.

expect: compute_db
wrong-line: compute_db: return dZ.mean(axis=1, keepdims=True) / dZ.shape[1]
kind: sum-mean
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    cross_entropy = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return -float(cross_entropy.sum()) / Y.shape[1]


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T @ dZ2 * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / dZ.shape[1]


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    A1, A2 = cache["A1"], cache["A2"]
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.mean(axis=1, keepdims=True)
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.mean(axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
