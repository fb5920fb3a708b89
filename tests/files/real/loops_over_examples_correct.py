"""Correct, written one example at a time: forward and the cost loop over the columns, dW adds
one outer product per example, db keeps its column by slicing.

expect: none
"""
import math

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    for i in range(m):
        Z1[:, i:i + 1] = W1.dot(X[:, i:i + 1]) + b1
    A1 = np.tanh(Z1)
    for i in range(m):
        Z2[:, i:i + 1] = W2.dot(A1[:, i:i + 1]) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    n_y, m = Y.shape
    total = 0.0
    for j in range(n_y):
        for i in range(m):
            if Y[j, i]:
                total += math.log(A2[j, i])
            else:
                total += math.log(1 - A2[j, i])
    return -total / m


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T.dot(dZ2) * (1 - A1 * A1)


def compute_dW(dZ, A_prev):
    m = dZ.shape[1]
    dW = np.zeros((dZ.shape[0], A_prev.shape[0]))
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
    return dW / m


def compute_db(dZ):
    m = dZ.shape[1]
    db = np.zeros((dZ.shape[0], 1))
    for i in range(m):
        db += dZ[:, i:i + 1]
    return db / m


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
