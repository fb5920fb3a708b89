"""The cost is rounded to three decimal places before it is returned, as if for printing.

expect: compute_cost
wrong-line: compute_cost: cost = round(-np.sum(logprobs) / m, 3)
kind: rounding
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
    """
    Computes the cross-entropy cost given in equation (13)

    Arguments:
    A2 -- The sigmoid output of the second activation, of shape (n_y, number of examples)
    Y -- "true" labels vector of shape (n_y, number of examples)

    Returns:
    cost -- cross-entropy cost given equation (13)
    """
    m = Y.shape[1]  # number of example

    # Compute the cross-entropy cost
    ### START CODE HERE ### (≈ 2 lines of code)
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = round(-np.sum(logprobs) / m, 3)
    ### END CODE HERE ###

    cost = float(np.squeeze(cost))  # makes sure cost is the dimension we expect.
    assert(isinstance(cost, float))

    return cost


# GRADED FUNCTION: compute_dZ2

def compute_dZ2(A2, Y):
    """dZ2 = A2 - Y, one column per example."""
    ### START CODE HERE ### (≈ 1 line of code)
    dZ2 = A2 - Y
    ### END CODE HERE ###
    assert(dZ2.shape == A2.shape)
    return dZ2


# GRADED FUNCTION: compute_dZ1

def compute_dZ1(dZ2, W2, Z1, A1):
    """dZ1 = W2^T dZ2 * g'(Z1), with g = tanh so g'(Z1) = 1 - A1^2."""
    ### START CODE HERE ### (≈ 1 line of code)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
    ### END CODE HERE ###
    assert(dZ1.shape == Z1.shape)
    return dZ1


# GRADED FUNCTION: compute_dW

def compute_dW(dZ, A_prev):
    """dW = 1/m dZ A_prev^T"""
    m = A_prev.shape[1]
    ### START CODE HERE ### (≈ 1 line of code)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    ### END CODE HERE ###
    assert(dW.shape == (dZ.shape[0], A_prev.shape[0]))
    return dW


# GRADED FUNCTION: compute_db

def compute_db(dZ):
    """db = 1/m sum of dZ over the examples"""
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

    Arguments:
    parameters -- python dictionary containing our parameters
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2".
    X -- input data of shape (2, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)

    Returns:
    grads -- python dictionary containing your gradients with respect to different parameters
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
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    ### END CODE HERE ###

    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}

    return grads
