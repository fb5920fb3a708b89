"""Correct, with the student's own helpers: the cost picks log(A2) or log(1 - A2) with np.where
on the 0/1 labels, tanh_backward multiplies by 1 - A^2, and the 1/m scalings work in place on
copies, never on the caller's arrays.

expect: none
"""
import numpy as np


def stable_sigmoid(z):
    """Sigmoid that never overflows exp."""
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out


def tanh_backward(dA, A):
    return dA * (1 - A * A)


def averaged(M):
    """M / (number of columns), on a copy."""
    out = np.array(M, dtype=float, copy=True)
    out /= M.shape[1]
    return out


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = stable_sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    probability_of_label = np.where(Y == 1, A2, 1 - A2)
    return float(-np.sum(np.log(probability_of_label)) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return tanh_backward(np.dot(W2.T, dZ2), A1)


def compute_dW(dZ, A_prev):
    return np.dot(averaged(dZ), A_prev.T)


def compute_db(dZ):
    return np.sum(averaged(dZ), axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dW2 = compute_dW(dZ2, cache["A1"])
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
