"""The student's own my_sigmoid helper computes 1 / (1 + exp(+z)), i.e. sigmoid(-z), and
forward_propagation uses it for the output layer.

expect: forward_propagation
wrong-line: my_sigmoid: return 1 / (1 + np.exp(z))
kind: sign
"""
import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def my_sigmoid(z):
    # my version, so I understand it
    return 1 / (1 + np.exp(z))


def my_tanh(z):
    return np.tanh(z)


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = np.dot(W1, X) + b1
    A1 = my_tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = my_sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return np.dot(dZ, A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=1, keepdims=True) / m


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = compute_dZ2(A2, Y)
    dW2 = compute_dW(dZ2, A1)
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
