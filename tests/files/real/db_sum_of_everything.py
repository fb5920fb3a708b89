"""db as dZ.sum() / m: one number for the whole layer. backward_propagation inline and right.

expect: compute_db=B21
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = parameters["W1"].dot(X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"].dot(A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-(np.log(A2) * Y + np.log(1 - A2) * (1 - Y)).sum() / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T.dot(dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ.dot(A_prev.T) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return dZ.sum() / m


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2.dot(A1.T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = parameters["W2"].T.dot(dZ2) * (1 - A1 ** 2)
    dW1 = dZ1.dot(X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
