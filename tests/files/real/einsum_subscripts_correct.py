"""Correct, every product an np.einsum with ij/jk subscripts, db as an einsum over the examples
with a new axis, and the cost as one einsum over both terms stacked.

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.einsum("ij,jk->ik", W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.einsum("ij,jk->ik", W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    labels = np.stack([Y, 1 - Y]).astype(float)
    logs = np.stack([np.log(A2), np.log(1 - A2)])
    return float(-np.einsum("tij,tij->", labels, logs) / m)


def compute_dZ2(A2, Y):
    return np.subtract(A2, Y)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.einsum("ji,jk->ik", W2, dZ2) * (1 - np.einsum("ij,ij->ij", A1, A1))


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    return np.einsum("ik,jk->ij", dZ, A_prev) / m


def compute_db(dZ):
    m = dZ.shape[1]
    return (np.einsum("ik->i", dZ) / m)[..., None]


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return dict(dW1=dW1, db1=db1, dW2=dW2, db2=db2)
