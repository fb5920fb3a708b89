"""A ReLU hidden layer written as a mask, Z1 * (Z1 > 0), with np.matmul.

expect: forward_propagation=F12
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
    A1 = Z1 * (Z1 > 0)
    Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.multiply(np.matmul(W2.T, dZ2), 1 - np.power(A1, 2))


def compute_dW(dZ, A_prev):
    return np.matmul(dZ, A_prev.T) / dZ.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.matmul(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.multiply(np.matmul(parameters["W2"].T, dZ2), 1 - np.power(cache["A1"], 2))
    dW1 = np.matmul(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
