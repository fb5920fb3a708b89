"""The inline backward_propagation rounds A2 to 0/1 predictions before subtracting Y, so dZ2 and
every gradient after it are computed from the rounded predictions.

expect: backward_propagation
wrong-line: backward_propagation: dZ2 = np.round(A2) - Y
kind: rounding
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
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    first = np.multiply(Y, np.log(A2))
    second = np.multiply(1 - Y, np.log(1 - A2))
    cost = -np.sum(first + second) / m
    return float(cost)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = np.round(A2) - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
