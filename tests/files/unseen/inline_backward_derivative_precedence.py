"""In the inline backward_propagation the derivative is written 1 - A1 ** 2 * upstream, so
only A1^2 is multiplied by the upstream gradient and the result is subtracted from 1.

expect: backward_propagation
wrong-line: backward_propagation: dZ1 = 1 - A1 ** 2 * upstream
kind: precedence
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = np.matmul(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.matmul(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-log_likelihood.sum() / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    upstream = np.matmul(W2.T, dZ2)
    return upstream * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.matmul(dZ, A_prev.T) / A_prev.shape[1]


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]

    # output layer
    dZ2 = A2 - Y
    dW2 = np.matmul(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m

    # hidden layer
    upstream = np.matmul(W2.T, dZ2)
    dZ1 = 1 - A1 ** 2 * upstream
    dW1 = np.matmul(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
