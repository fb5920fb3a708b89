"""Correct, written with explicit Python loops over examples and units everywhere, with
math.log in the cost and outer products accumulated with += for dW.

expect: none
"""
import math

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    n_h, n_y, m = W1.shape[0], W2.shape[0], X.shape[1]
    Z1 = np.zeros((n_h, m))
    Z2 = np.zeros((n_y, m))
    for i in range(m):
        Z1[:, i] = W1 @ X[:, i] + b1[:, 0]
    A1 = np.tanh(Z1)
    for i in range(m):
        Z2[:, i] = W2 @ A1[:, i] + b2[:, 0]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    n_y, m = Y.shape
    total = 0.0
    for k in range(n_y):
        for i in range(m):
            y, a = Y[k, i], A2[k, i]
            total += y * math.log(a) + (1 - y) * math.log(1 - a)
    return -total / m


def compute_dZ2(A2, Y):
    dZ2 = np.empty(A2.shape)
    for k in range(A2.shape[0]):
        for i in range(A2.shape[1]):
            dZ2[k, i] = A2[k, i] - Y[k, i]
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = np.empty(A1.shape)
    for i in range(A1.shape[1]):
        dZ1[:, i] = (W2.T @ dZ2[:, i]) * (1 - A1[:, i] ** 2)
    return dZ1


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.zeros((dZ.shape[0], A_prev.shape[0]))
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
    return dW / m


def compute_db(dZ):
    m = dZ.shape[1]
    db = np.zeros((dZ.shape[0], 1))
    for i in range(m):
        db[:, 0] += dZ[:, i]
    return db / m


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
