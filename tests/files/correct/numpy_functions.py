"""Correct, written with np.matmul, np.multiply, np.power, np.subtract and np.divide."""
import numpy as np


def sigmoid(z):
    return np.divide(1.0, np.add(1.0, np.exp(np.negative(z))))


def forward_propagation(X, parameters):
    Z1 = np.add(np.matmul(parameters["W1"], X), parameters["b1"])
    A1 = np.tanh(Z1)
    Z2 = np.add(np.matmul(parameters["W2"], A1), parameters["b2"])
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = A2.shape[1]
    logprobs = np.add(np.multiply(Y, np.log(A2)), np.multiply(np.subtract(1, Y), np.log(np.subtract(1, A2))))
    return float(np.divide(-np.sum(logprobs), m))


def compute_dZ2(A2, Y):
    return np.subtract(A2, Y)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.multiply(np.matmul(np.transpose(W2), dZ2), np.subtract(1, np.power(A1, 2)))


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return np.divide(np.matmul(dZ, np.transpose(A_prev)), m)


def compute_db(dZ):
    m = dZ.shape[1]
    return np.divide(np.sum(dZ, axis=1, keepdims=True), m)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
