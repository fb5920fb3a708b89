"""Correct, copying its inputs defensively (copy.deepcopy) and using in-place operations on the
copies only, with float32 nowhere and type hints everywhere."""
import copy

import numpy as np


def forward_propagation(X: np.ndarray, parameters: dict) -> tuple:
    params = copy.deepcopy(parameters)
    Z1 = params["W1"] @ X
    Z1 += params["b1"]
    A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1
    Z2 += params["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2: np.ndarray, Y: np.ndarray) -> float:
    m = Y.shape[1]
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(losses.sum() / m)


def compute_dZ2(A2: np.ndarray, Y: np.ndarray) -> np.ndarray:
    dZ2 = A2.copy()
    dZ2 -= Y
    return dZ2


def compute_dZ1(dZ2, W2, Z1, A1):
    dZ1 = W2.T @ dZ2
    dZ1 *= 1 - A1 ** 2
    return dZ1


def compute_dW(dZ, A_prev):
    dW = dZ @ A_prev.T
    dW /= A_prev.shape[1]
    return dW


def compute_db(dZ):
    db = dZ.sum(axis=1, keepdims=True)
    db /= dZ.shape[1]
    return db


def backward_propagation(parameters, cache, X, Y):
    cache = copy.deepcopy(cache)
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    return {"dW1": compute_dW(dZ1, X), "db1": compute_db(dZ1),
            "dW2": compute_dW(dZ2, cache["A1"]), "db2": compute_db(dZ2)}
