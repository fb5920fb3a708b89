"""The student's scale_by_m helper divides its argument by m in place, and compute_dW passes dZ
to it: dW is right but the caller's dZ changes, so in backward_propagation db2 and everything
after are computed from a dZ2 already divided by m.

expect: compute_dW, backward_propagation
inherits: backward_propagation
wrong-line: scale_by_m: M *= 1 / M.shape[1]
kind: in-place
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def scale_by_m(M):
    """Divide by the number of examples (columns)."""
    M *= 1 / M.shape[1]
    return M


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    return np.dot(scale_by_m(dZ), A_prev.T)


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = compute_dZ2(A2, Y)
    dW2 = compute_dW(dZ2, A1)
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
