"""compute_dW takes m from A_prev.shape[0], the number of units of the previous layer, instead
of the number of examples; backward_propagation is inline and takes m from X correctly.

expect: compute_dW
wrong-line: compute_dW: m = A_prev.shape[0]
kind: scale
"""

import numpy as np


def sigmoid(x):
    """
    Compute the sigmoid of x
    """
    s = 1 / (1 + np.exp(-x))
    return s


# GRADED FUNCTION: forward_propagation

def forward_propagation(X, parameters):
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
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    ### END CODE HERE ###

    assert(A2.shape == (W2.shape[0], X.shape[1]))

    cache = {"Z1": Z1,
             "A1": A1,
             "Z2": Z2,
             "A2": A2}

    return A2, cache


# GRADED FUNCTION: compute_cost

def compute_cost(A2, Y):
    m = Y.shape[1]  # number of example

    # Compute the cross-entropy cost
    ### START CODE HERE ### (≈ 2 lines of code)
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))
    cost = - (1 / m) * np.sum(logprobs)
    ### END CODE HERE ###

    cost = float(np.squeeze(cost))  # makes sure cost is the dimension we expect.
    assert(isinstance(cost, float))

    return cost


# GRADED FUNCTION: compute_dZ2

def compute_dZ2(A2, Y):
    ### START CODE HERE ### (≈ 1 line of code)
    dZ2 = A2 - Y
    ### END CODE HERE ###
    assert(dZ2.shape == A2.shape)
    return dZ2


# GRADED FUNCTION: compute_dZ1

def compute_dZ1(dZ2, W2, Z1, A1):
    ### START CODE HERE ### (≈ 1 line of code)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    ### END CODE HERE ###
    assert(dZ1.shape == Z1.shape)
    return dZ1


# GRADED FUNCTION: compute_dW

def compute_dW(dZ, A_prev):
    m = A_prev.shape[0]
    ### START CODE HERE ### (≈ 1 line of code)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    ### END CODE HERE ###
    assert(dW.shape == (dZ.shape[0], A_prev.shape[0]))
    return dW


# GRADED FUNCTION: compute_db

def compute_db(dZ):
    m = dZ.shape[1]
    ### START CODE HERE ### (≈ 1 line of code)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    ### END CODE HERE ###
    assert(db.shape == (dZ.shape[0], 1))
    return db


# GRADED FUNCTION: backward_propagation

def backward_propagation(parameters, cache, X, Y):
    """
    Implement the backward propagation using the instructions above.
    """
    m = X.shape[1]

    # First, retrieve W1 and W2 from the dictionary "parameters".
    ### START CODE HERE ### (≈ 2 lines of code)
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    ### END CODE HERE ###

    # Retrieve also A1 and A2 from dictionary "cache".
    ### START CODE HERE ### (≈ 2 lines of code)
    A1 = cache["A1"]
    A2 = cache["A2"]
    ### END CODE HERE ###

    # Backward propagation: calculate dW1, db1, dW2, db2.
    ### START CODE HERE ### (≈ 6 lines of code, corresponding to 6 equations on slide above)
    dZ2 = A2 - Y
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    ### END CODE HERE ###

    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}

    return grads
