"""forward_propagation uses the sigmoid in the hidden layer where the course asks for tanh.

expect: forward_propagation
wrong-line: forward_propagation: A1 = sigmoid(Z1)
kind: activation
"""

import numpy as np


def sigmoid(x):
    """
    Compute the sigmoid of x

    Arguments:
    x -- A scalar or numpy array of any size.

    Return:
    s -- sigmoid(x)
    """
    s = 1 / (1 + np.exp(-x))
    return s


# GRADED FUNCTION: forward_propagation

def forward_propagation(X, parameters):
    """
    Argument:
    X -- input data of size (n_x, m)
    parameters -- python dictionary containing your parameters (output of initialization function)

    Returns:
    A2 -- The sigmoid output of the second activation
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2"
    """
    # Retrieve each parameter from the dictionary "parameters"
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    ### END CODE HERE ###

    # Implement Forward Propagation to calculate A2 (probabilities)
    ### START CODE HERE ### (≈ 4 lines of code)
    Z1 = np.dot(W1, X) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    ### END CODE HERE ###

    assert(A2.shape == (1, X.shape[1]) or A2.shape == (W2.shape[0], X.shape[1]))

    cache = {"Z1": Z1,
             "A1": A1,
             "Z2": Z2,
             "A2": A2}

    return A2, cache


# GRADED FUNCTION: compute_cost

def compute_cost(A2, Y):
    """
    Computes the cross-entropy cost given in equation (13)
    """
    m = Y.shape[1]  # number of example

    # Compute the cross-entropy cost
    ### START CODE HERE ### (≈ 2 lines of code)
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(logprobs) / m
    ### END CODE HERE ###

    cost = float(np.squeeze(cost))
    assert(isinstance(cost, float))

    return cost


# GRADED FUNCTION: compute_dZ2

def compute_dZ2(A2, Y):
    ### START CODE HERE ### (≈ 1 line of code)
    dZ2 = A2 - Y
    ### END CODE HERE ###
    return dZ2


# GRADED FUNCTION: compute_dZ1

def compute_dZ1(dZ2, W2, Z1, A1):
    ### START CODE HERE ### (≈ 1 line of code)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    ### END CODE HERE ###
    return dZ1


# GRADED FUNCTION: compute_dW

def compute_dW(dZ, A_prev):
    m = A_prev.shape[1]
    ### START CODE HERE ### (≈ 1 line of code)
    dW = 1. / m * np.dot(dZ, A_prev.T)
    ### END CODE HERE ###
    return dW


# GRADED FUNCTION: compute_db

def compute_db(dZ):
    m = dZ.shape[1]
    ### START CODE HERE ### (≈ 1 line of code)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    ### END CODE HERE ###
    return db


# GRADED FUNCTION: backward_propagation

def backward_propagation(parameters, cache, X, Y):
    ### START CODE HERE ### (≈ 2 lines of code)
    W2 = parameters["W2"]
    ### END CODE HERE ###

    ### START CODE HERE ### (≈ 3 lines of code)
    Z1 = cache["Z1"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    ### END CODE HERE ###

    ### START CODE HERE ### (≈ 6 lines of code)
    dZ2 = compute_dZ2(A2, Y)
    dW2 = compute_dW(dZ2, A1)
    db2 = compute_db(dZ2)
    dZ1 = compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = compute_dW(dZ1, X)
    db1 = compute_db(dZ1)
    ### END CODE HERE ###

    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}

    return grads
