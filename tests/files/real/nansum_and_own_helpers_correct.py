"""Correct, with helpers of the student's own (tanh_derivative, average_over_examples), the
cost through np.nansum, np.multiply everywhere and snake_case names like d_Z1 and g_prime.

expect: none
"""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def tanh_derivative(A):
    """Slope of tanh, from its output: 1 - tanh(z)^2 = 1 - A^2."""
    return 1 - np.multiply(A, A)


def average_over_examples(total, reference):
    return total / reference.shape[1]


def forward_propagation(X, parameters):
    W1 = parameters['W1']
    b1 = parameters['b1']
    W2 = parameters['W2']
    b2 = parameters['b2']
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}
    return A2, cache


def compute_cost(A2, Y):
    log_likelihood = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    cost = -average_over_examples(np.nansum(log_likelihood), Y)
    return float(cost)


def compute_dZ2(A2, Y):
    d_Z2 = A2 - Y
    return d_Z2


def compute_dZ1(dZ2, W2, Z1, A1):
    g_prime = tanh_derivative(A1)
    d_Z1 = np.multiply(np.dot(W2.T, dZ2), g_prime)
    return d_Z1


def compute_dW(dZ, A_prev):
    d_W = average_over_examples(np.dot(dZ, A_prev.T), A_prev)
    return d_W


def compute_db(dZ):
    d_b = average_over_examples(np.sum(dZ, axis=1, keepdims=True), dZ)
    return d_b


def backward_propagation(parameters, cache, X, Y):
    d_Z2 = compute_dZ2(cache['A2'], Y)
    d_W2 = compute_dW(d_Z2, cache['A1'])
    d_b2 = compute_db(d_Z2)
    d_Z1 = compute_dZ1(d_Z2, parameters['W2'], cache['Z1'], cache['A1'])
    d_W1 = compute_dW(d_Z1, X)
    d_b1 = compute_db(d_Z1)
    return {'dW1': d_W1, 'db1': d_b1, 'dW2': d_W2, 'db2': d_b2}
