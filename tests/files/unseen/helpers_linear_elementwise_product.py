"""The student's linear helper multiplies W and A with * (elementwise) instead of a matrix
product, so forward_propagation raises on every shape used.

expect: forward_propagation
wrong-line: linear: return W * A + b
kind: star-vs-dot
"""
import numpy as np


def linear(W, A, b):
    """Pre-activation of a layer."""
    return W * A + b


def my_sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def forward_propagation(X, parameters):
    Z1 = linear(parameters["W1"], X, parameters["b1"])
    A1 = np.tanh(Z1)
    Z2 = linear(parameters["W2"], A1, parameters["b2"])
    A2 = my_sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
