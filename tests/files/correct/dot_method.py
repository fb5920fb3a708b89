"""Correct, written with the .dot method, (1 - A1)(1 + A1) for tanh', and * (1/m)."""
import numpy as np


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1.dot(X) + b1
    A1 = np.tanh(Z1)
    Z2 = W2.dot(A1) + b2
    A2 = 1.0 / (1.0 + np.exp(-Z2))
    return A2, dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)


def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(cost)


def compute_dZ2(A2, Y):
    dZ2 = A2 - Y
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    return W2.T.dot(dZ2) * ((1 - A1) * (1 + A1))


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return (1 / m) * dZ.dot(A_prev.T)


def compute_db(dZ):
    m = dZ.shape[1]
    return (1 / m) * dZ.sum(axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = compute_dZ2(A2, Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], Z1, A1)
    grads = {}
    grads["dW2"] = compute_dW(dZ2, A1)
    grads["db2"] = compute_db(dZ2)
    grads["dW1"] = compute_dW(dZ1, X)
    grads["db1"] = compute_db(dZ1)
    return grads
