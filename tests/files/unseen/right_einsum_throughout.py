"""Correct: every product is an np.einsum, db is an einsum summed over the examples with keepdims
rebuilt by [:, None], and the cost is one einsum over both terms.

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.einsum("hx,xm->hm", W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.einsum("yh,hm->ym", W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    total = np.einsum("ym,ym->", Y, np.log(A2)) + np.einsum("ym,ym->", 1 - Y, np.log(1 - A2))
    return float(-total / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.einsum("yh,ym->hm", W2, dZ2) * (1 - np.einsum("hm,hm->hm", A1, A1))


def compute_dW(dZ, A_prev):
    return np.einsum("nm,pm->np", dZ, A_prev) / A_prev.shape[1]


def compute_db(dZ):
    return np.einsum("nm->n", dZ)[:, None] / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = np.einsum("yh,ym->hm", parameters["W2"], dZ2) * (1 - A1 ** 2)
    return {
        "dW1": np.einsum("hm,xm->hx", dZ1, X) / m,
        "db1": np.einsum("hm->h", dZ1)[:, None] / m,
        "dW2": np.einsum("ym,hm->yh", dZ2, A1) / m,
        "db2": np.einsum("ym->y", dZ2)[:, None] / m,
    }
