"""Two mistakes in two functions: compute_dZ2 returns dA2 = -(Y/A2 - (1-Y)/(1-A2)) instead of
A2 - Y, and compute_dW divides with //; backward_propagation calls both.

expect: compute_dZ2, compute_dW, backward_propagation
inherits: backward_propagation
wrong-line: compute_dZ2: dZ2 = -(Y / A2 - (1 - Y) / (1 - A2))
wrong-line: compute_dW: dW = np.dot(dZ, A_prev.T) // m
kind: dA-for-dZ, integer-division
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


def compute_dZ2(A2, Y):
    dZ2 = -(Y / A2 - (1 - Y) / (1 - A2))
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    return dZ1


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) // m
    return dW


def compute_db(dZ):
    m = dZ.shape[1]
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return db


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2 = compute_dW(dZ2, A1)
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
