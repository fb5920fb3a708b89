"""db as np.mean(dZ, axis=1): the right average, but the column is dropped. backward_propagation
is inline and right.

expect: compute_db=B19
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    return float(-np.sum(np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1)))


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.matmul(W2.T, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.matmul(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.mean(dZ, axis=1)


def backward_propagation(parameters, cache, X, Y):
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = np.matmul(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
    return {"dW1": np.matmul(dZ1, X.T) / X.shape[1], "db1": np.mean(dZ1, axis=1, keepdims=True),
            "dW2": np.matmul(dZ2, A1.T) / X.shape[1], "db2": np.mean(dZ2, axis=1, keepdims=True)}
