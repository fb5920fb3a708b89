"""The cost pairs log(A2) with (1 - Y) and log(1 - A2) with Y: the labels are swapped.

expect: compute_cost
wrong-line: compute_cost: J = -np.mean(np.sum((1 - Y) * np.log(A2) + Y * np.log(1 - A2), axis=0))
kind: log-term
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    A1 = np.tanh(Z1 := parameters["W1"] @ X + parameters["b1"])
    A2 = sigmoid(Z2 := parameters["W2"] @ A1 + parameters["b2"])
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    # sum over output units, mean over examples
    J = -np.mean(np.sum((1 - Y) * np.log(A2) + Y * np.log(1 - A2), axis=0))
    return float(J)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T @ dZ2 * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return np.mean(dZ, axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
