"""The student's to_scalar helper turns the cost into np.float32, which is not a Python float
(and loses precision), instead of float().

expect: compute_cost
wrong-line: to_scalar: return np.float32(np.squeeze(x))
kind: cast
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def to_scalar(x):
    """[[J]] -> J"""
    return np.float32(np.squeeze(x))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    cost = -np.sum(logprobs, keepdims=True) / m
    return to_scalar(cost)


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
