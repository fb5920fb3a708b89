"""compute_db calls compute_db(dZ) where np.sum belongs: infinite recursion (RecursionError).

expect: compute_db=S-recursion
"""
import numpy as np


def sigmoid(Z):
    return 1. / (1. + np.exp(-Z))


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = A2.shape[1]
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    return float(cost)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - A1 * A1)


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / dZ.shape[1]


def compute_db(dZ):
    m = dZ.shape[1]
    db = compute_db(dZ) / m
    return db


def backward_propagation(parameters, cache, X, Y):
    m = Y.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dz2 = A2 - Y
    dw2 = np.dot(dz2, A1.T) / m
    db2 = np.sum(dz2, axis=1, keepdims=True) / m
    dz1 = np.dot(W2.T, dz2) * (1 - A1 * A1)
    dw1 = np.dot(dz1, X.T) / m
    db1 = np.sum(dz1, axis=1, keepdims=True) / m

    return {"dW1": dw1, "db1": db1, "dW2": dw2, "db2": db2}

