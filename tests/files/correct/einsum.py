"""Correct, with every product written as np.einsum over named indices."""
import numpy as np


def forward_propagation(X, parameters):
    Z1 = np.einsum("hx,xm->hm", parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.einsum("yh,hm->ym", parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    Y = Y.astype(float)
    m = Y.shape[1]
    total = np.einsum("ym,ym->", Y, np.log(A2)) + np.einsum("ym,ym->", 1 - Y, np.log(1 - A2))
    return float(-total / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.einsum("yh,ym->hm", W2, dZ2) * (1 - A1 * A1)


def compute_dW(dZ, A_prev):
    return np.einsum("nm,pm->np", dZ, A_prev) / dZ.shape[1]


def compute_db(dZ):
    return np.einsum("nm->n", dZ)[:, np.newaxis] / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
