"""compute_dZ1 multiplies by the student's sigmoid_derivative helper, A1 * (1 - A1), although the
hidden layer is tanh; backward_propagation gets dZ1 from compute_dZ1.

expect: compute_dZ1, backward_propagation
inherits: backward_propagation
wrong-line: compute_dZ1: dZ1 = np.dot(W2.T, dZ2) * sigmoid_derivative(A1)
kind: derivative
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(A):
    """Slope of the sigmoid, from its output A."""
    return A * (1 - A)


def layer_gradients(dZ, A_prev):
    """dW and db of one layer, from the graded functions."""
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
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = np.dot(W2.T, dZ2) * sigmoid_derivative(A1)
    return dZ1


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return np.dot(dZ, A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=1, keepdims=True) / m


def backward_propagation(parameters, cache, X, Y):
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2, db2 = layer_gradients(dZ2, A1)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], A1)
    dW1, db1 = layer_gradients(dZ1, X)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
