"""backward_propagation calls the student's layer_grads(dZ, A_prev) helper with its arguments
swapped for the output layer, layer_grads(A1, dZ2); the graded functions themselves are right.

expect: backward_propagation
wrong-line: backward_propagation: dW2, db2 = layer_grads(A1, dZ2)
kind: argument-order
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def layer_grads(dZ, A_prev):
    """Both gradients of one layer at once."""
    return compute_dW(dZ, A_prev), compute_db(dZ)


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
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
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2, db2 = layer_grads(A1, dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1, db1 = layer_grads(dZ1, X)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
