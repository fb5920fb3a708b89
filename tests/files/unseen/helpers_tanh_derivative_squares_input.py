"""The student's tanh_derivative helper returns 1 - Z^2 for the pre-activation Z, which is the
formula for the activation (1 - tanh(Z)^2 is meant); compute_dZ1 calls it with Z1, and
backward_propagation calls compute_dZ1.

expect: compute_dZ1, backward_propagation
inherits: backward_propagation
wrong-line: tanh_derivative: return 1 - Z ** 2
kind: derivative
"""
import numpy as np


# ---- my helpers -------------------------------------------------------------

def my_sigmoid(z):
    """Logistic function, elementwise."""
    return 1.0 / (1.0 + np.exp(-z))


def linear(W, A, b):
    """Z = W A + b for one layer."""
    return np.dot(W, A) + b


def tanh_derivative(Z):
    """g'(Z) for g = tanh."""
    return 1 - Z ** 2


def n_examples(M):
    """Number of examples = number of columns."""
    return M.shape[1]


# ---- graded functions -------------------------------------------------------

def forward_propagation(X, parameters):
    Z1 = linear(parameters["W1"], X, parameters["b1"])
    A1 = np.tanh(Z1)
    Z2 = linear(parameters["W2"], A1, parameters["b2"])
    A2 = my_sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = n_examples(Y)
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * tanh_derivative(Z1)


def compute_dW(dZ, A_prev):
    return np.dot(dZ, A_prev.T) / n_examples(A_prev)


def compute_db(dZ):
    return np.sum(dZ, axis=1, keepdims=True) / n_examples(dZ)


def backward_propagation(parameters, cache, X, Y):
    dZ2 = compute_dZ2(cache["A2"], Y)
    dZ1 = compute_dZ1(dZ2, parameters["W2"], cache["Z1"], cache["A1"])
    grads = {
        "dW1": compute_dW(dZ1, X),
        "db1": compute_db(dZ1),
        "dW2": compute_dW(dZ2, cache["A1"]),
        "db2": compute_db(dZ2),
    }
    return grads


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
