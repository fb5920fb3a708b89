"""Correct: m taken as A_prev.shape[-1], dW written (dZ @ A_prev.T) * (1/m), db as
dZ.mean(axis=1, keepdims=True), and the cost as a mean over examples of a sum over units.

expect: none
"""
import numpy as np


def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    per_example = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)).sum(axis=0)
    return float(per_example.mean())


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return (W2.T @ dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = A_prev.shape[-1]
    return (dZ @ A_prev.T) * (1 / m)


def compute_db(dZ):
    return dZ.mean(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
