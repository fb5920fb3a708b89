"""The student's linear(A_prev, W, b) helper takes the input first, but forward_propagation calls
it as linear(W1, X, b1) in the first layer, so it computes X . W1 and raises.

expect: forward_propagation
wrong-line: forward_propagation: Z1 = linear(W1, X, b1)
kind: argument-order
"""
import numpy as np


def linear(A_prev, W, b):
    """Linear part of a layer: W . A_prev + b."""
    return np.dot(W, A_prev) + b


def tanh_activation(Z):
    return np.tanh(Z)


def sigmoid_activation(Z):
    return 1 / (1 + np.exp(-Z))


def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = linear(W1, X, b1)
    A1 = tanh_activation(Z1)
    Z2 = linear(A1, W2, b2)
    A2 = sigmoid_activation(Z2)
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
