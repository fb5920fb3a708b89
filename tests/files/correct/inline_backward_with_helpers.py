"""Correct, with extra helpers and imports, prints at import, a __main__ block that trains,
and a backward_propagation that does the maths inline instead of calling the components."""
import functools
import math

import numpy as np

print("Loading my network...")
LEARNING_RATE = 1.2


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tanh_derivative_from_activation(a):
    return 1 - np.square(a)


@functools.lru_cache(maxsize=None)
def one_over(m):
    return 1.0 / m


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    return -one_over(m) * float(np.sum(np.where(Y == 1, np.log(A2), np.log(1 - A2))))


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * tanh_derivative_from_activation(A1)


def compute_dW(dZ, A_prev):
    return one_over(A_prev.shape[1]) * np.dot(dZ, A_prev.T)


def compute_db(dZ):
    return one_over(dZ.shape[1]) * np.sum(dZ, axis=1, keepdims=True)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 400))
    Y = (X[0:1] * X[1:2] > 0).astype(int)
    params = {"W1": rng.standard_normal((4, 2)) * 0.01, "b1": np.zeros((4, 1)),
              "W2": rng.standard_normal((1, 4)) * 0.01, "b2": np.zeros((1, 1))}
    for i in range(10000):
        A2, cache = forward_propagation(X, params)
        grads = backward_propagation(params, cache, X, Y)
        params = {k: params[k] - LEARNING_RATE * grads["d" + k] for k in params}
    print("cost", compute_cost(A2, Y), math.pi)
