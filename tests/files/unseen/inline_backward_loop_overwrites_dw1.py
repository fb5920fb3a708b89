"""The inline backward_propagation builds dW1 in a loop over the examples but assigns with = where
it should accumulate with +=, so only the last example's outer product survives.

expect: backward_propagation
wrong-line: backward_propagation: dW1 = np.outer(dZ1[:, i], X[:, i])
kind: accumulate
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


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
    cost = 0.0
    for i in range(m):
        a, y = A2[:, i], Y[:, i]
        cost -= np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))
    return float(cost / m)


def compute_dZ2(A2, Y):
    return A2 - Y


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - A1 ** 2)


def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.zeros((dZ.shape[0], A_prev.shape[0]))
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
    return dW / m


def compute_db(dZ):
    m = dZ.shape[1]
    db = np.zeros((dZ.shape[0], 1))
    for i in range(m):
        db[:, 0] += dZ[:, i]
    return db / m


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]

    dZ2 = A2 - Y
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)

    dW2 = np.zeros(W2.shape)
    dW1 = np.zeros((A1.shape[0], X.shape[0]))
    for i in range(m):
        dW2 += np.outer(dZ2[:, i], A1[:, i])
        dW1 = np.outer(dZ1[:, i], X[:, i])
    dW2 /= m
    dW1 /= m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
