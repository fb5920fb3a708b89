"""Correct, written with explicit Python loops over the examples, as a beginner might."""
import math

import numpy as np


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    for j in range(m):
        Z1[:, j] = W1 @ X[:, j] + b1[:, 0]
    A1 = np.tanh(Z1)
    for j in range(m):
        Z2[:, j] = W2 @ A1[:, j] + b2[:, 0]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    n_y, m = A2.shape
    total = 0.0
    for i in range(n_y):
        for j in range(m):
            y = float(Y[i, j])
            total += y * math.log(A2[i, j]) + (1 - y) * math.log(1 - A2[i, j])
    return -total / m


def compute_dZ2(A2, Y):
    dZ2 = np.empty(A2.shape)
    for i in range(A2.shape[0]):
        for j in range(A2.shape[1]):
            dZ2[i, j] = A2[i, j] - Y[i, j]
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = np.zeros(A1.shape)
    for j in range(A1.shape[1]):
        for h in range(A1.shape[0]):
            upstream = sum(W2[k, h] * dZ2[k, j] for k in range(W2.shape[0]))
            dZ1[h, j] = upstream * (1 - A1[h, j] ** 2)
    return dZ1


def compute_dW(dZ, A_prev):
    m = dZ.shape[1]
    dW = np.zeros((dZ.shape[0], A_prev.shape[0]))
    for j in range(m):
        dW += np.outer(dZ[:, j], A_prev[:, j])
    return dW / m


def compute_db(dZ):
    m = dZ.shape[1]
    db = np.zeros((dZ.shape[0], 1))
    for j in range(m):
        db[:, 0] += dZ[:, j]
    return db / m


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
