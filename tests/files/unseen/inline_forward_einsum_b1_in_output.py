"""forward_propagation, written with np.einsum, adds b1 in the output layer instead of b2.

expect: forward_propagation
wrong-line: forward_propagation: Z2 = np.einsum("ij,jk->ik", W2, A1) + b1
kind: wrong-bias
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.einsum("ij,jk->ik", W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.einsum("ij,jk->ik", W2, A1) + b1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    log_terms = np.einsum("ij,ij->", Y, np.log(A2)) + np.einsum("ij,ij->", 1 - Y, np.log(1 - A2))
    return float(-log_terms / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.einsum("ji,jk->ik", W2, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.einsum("ik,jk->ij", dZ, A_prev) / A_prev.shape[1]


def compute_db(dZ):
    return np.einsum("ik->i", dZ).reshape(-1, 1) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.einsum("ik,jk->ij", dZ2, A1) / m
    db2 = np.einsum("ik->i", dZ2).reshape(-1, 1) / m
    dZ1 = np.einsum("ji,jk->ik", parameters["W2"], dZ2) * (1 - A1 ** 2)
    dW1 = np.einsum("ik,jk->ij", dZ1, X) / m
    db1 = np.einsum("ik->i", dZ1).reshape(-1, 1) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
