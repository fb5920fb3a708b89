"""forward_propagation uses the student's relu helper in the hidden layer instead of tanh.

expect: forward_propagation
wrong-line: forward_propagation: A1 = relu(Z1)
kind: activation
"""
import numpy as np


def relu(Z):
    return np.maximum(0, Z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def affine(W, A, b):
    return np.dot(W, A) + b


def forward_propagation(X, parameters):
    Z1 = affine(parameters["W1"], X, parameters["b1"])
    A1 = relu(Z1)
    Z2 = affine(parameters["W2"], A1, parameters["b2"])
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
