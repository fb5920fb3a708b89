"""Correct, with the cost as the mean over axis 1 (the examples) summed over the output units,
tanh' recomputed as 1 - np.tanh(Z1)**2, np.matmul, and m from dZ.shape[1].

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    cache = {}
    cache["Z1"], cache["A1"], cache["Z2"], cache["A2"] = Z1, A1, Z2, A2
    return A2, cache


def compute_cost(A2, Y):
    loss = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(np.mean(loss, axis=1)))


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.matmul(W2.T, dZ2) * (1 - np.tanh(Z1) ** 2)


def compute_dW(dZ, A_prev):
    m = dZ.shape[1]
    return np.matmul(dZ, A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=1, keepdims=True) / m


def backward_propagation(parameters, cache, X, Y):
    grads = {}
    dZ2 = compute_dZ2(cache["A2"], Y)
    grads["dW2"] = compute_dW(dZ2, cache["A1"])
    grads["db2"] = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads["dW1"] = compute_dW(dZ1, X)
    grads["db1"] = compute_db(dZ1)
    return grads
