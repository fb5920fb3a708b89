"""The cost keeps only the (1 - Y) log(1 - A2) term. np.matmul and np.multiply style, m from
dZ.shape[1], db reshaped instead of keepdims.

expect: compute_cost=C12
"""
import numpy as np


def sigmoid(z):
    return 1. / (1. + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(1. / m) * np.sum(np.multiply(1 - Y, np.log(1 - A2)))
    return float(cost)


def compute_dZ2(A2, Y):
    return np.subtract(A2, Y)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.multiply(np.matmul(W2.T, dZ2), 1 - np.multiply(A1, A1))


def compute_dW(dZ, A_prev):
    m = dZ.shape[1]
    return np.matmul(dZ, A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=1).reshape(dZ.shape[0], 1) / m


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads = {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
             "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
    return grads
