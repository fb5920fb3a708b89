"""compute_dZ1 reuses the student's relu_backward helper (written for another exercise) for the
tanh hidden layer, so g'(Z1) is the ReLU slope (Z1 > 0); backward_propagation calls compute_dZ1.

expect: compute_dZ1, backward_propagation
inherits: backward_propagation
wrong-line: compute_dZ1: return relu_backward(dA1, Z1)
kind: relu-slope
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(Z):
    return np.maximum(0, Z)


def relu_backward(dA, Z):
    """dZ = dA * g'(Z) for g = relu."""
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    dA1 = W2.T @ dZ2
    return relu_backward(dA1, Z1)


def compute_dW(dZ, A_prev):
    return dZ @ A_prev.T / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
