"""A two-layer neural network for binary classification, in numpy: your assignment.

Notation (Andrew Ng's): X (n_x, m), Y (n_y, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h),
b2 (n_y, 1); tanh hidden layer, sigmoid output, cross-entropy cost averaged over the m examples.

Write the seven graded functions below, in order: replace each "# YOUR CODE HERE" and the
"raise NotImplementedError()" under it with your code. Keep the names, the arguments and what
each function returns exactly as they are. Check your work, in this folder, with:

    python check.py            (add --more for each hint's next rung)

It runs the autograder's own checks and hints on fixed inputs. Hints point at the sections of
derivations.md, the notebook's text (backprop/backprop.ipynb is the notebook itself).
"""

import numpy as np


def forward_propagation(X, parameters):
    """Forward propagation through both layers.

    Arguments:
    X -- input data, shape (n_x, m): one column per example
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)

    Returns:
    A2 -- the output of the sigmoid layer, shape (n_y, m)
    cache -- dict with "Z1" (n_h, m), "A1" (n_h, m), "Z2" (n_y, m), "A2" (n_y, m)
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def compute_cost(A2, Y):
    """Cross-entropy cost J: the average over the m examples of the loss L.

    Arguments:
    A2 -- the output of the sigmoid layer, shape (n_y, m)
    Y -- true labels (0 or 1), shape (n_y, m)

    Returns:
    cost -- J = -(1/m) * sum over examples (and output units) of
            [Y log A2 + (1 - Y) log(1 - A2)], as a Python float
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def compute_dZ2(A2, Y):
    """Gradient of the loss L of each example with respect to Z2.

    Arguments:
    A2 -- the output of the sigmoid layer, shape (n_y, m)
    Y -- true labels (0 or 1), shape (n_y, m)

    Returns:
    dZ2 -- dL/dZ2, shape (n_y, m): one column per example, with no 1/m
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def compute_dZ1(dZ2, W2, Z1, A1):
    """Gradient of the loss L of each example with respect to Z1 (g = tanh).

    Arguments:
    dZ2 -- dL/dZ2, shape (n_y, m)
    W2 -- weights of the output layer, shape (n_y, n_h)
    Z1 -- pre-activation of the hidden layer, shape (n_h, m)
    A1 -- activation of the hidden layer, A1 = tanh(Z1), shape (n_h, m)

    Returns:
    dZ1 -- dL/dZ1, shape (n_h, m): W2 transposed times dZ2, times g'(Z1) entry by entry
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def compute_dW(dZ, A_prev):
    """Gradient of the cost J with respect to a layer's weights.

    Arguments:
    dZ -- dL/dZ for this layer, shape (n, m): one column per example
    A_prev -- the input of this layer, shape (n_prev, m): A1 for layer 2, X for layer 1

    Returns:
    dW -- dJ/dW, shape (n, n_prev): the same shape as W
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def compute_db(dZ):
    """Gradient of the cost J with respect to a layer's bias.

    Arguments:
    dZ -- dL/dZ for this layer, shape (n, m): one column per example

    Returns:
    db -- dJ/db, shape (n, 1): the same shape as b
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def backward_propagation(parameters, cache, X, Y):
    """Backward propagation: the gradients of the cost J, built from the four functions above.

    Arguments:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    cache -- dict with "Z1" (n_h, m), "A1" (n_h, m), "Z2" (n_y, m), "A2" (n_y, m)
    X -- input data, shape (n_x, m)
    Y -- true labels (0 or 1), shape (n_y, m)

    Returns:
    grads -- dict with "dW1" (n_h, n_x), "db1" (n_h, 1), "dW2" (n_y, n_h), "db2" (n_y, 1)
    """
    # YOUR CODE HERE
    raise NotImplementedError()


# Provided: you do not need to change anything below.


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def initialize_parameters(n_x, n_h, n_y, seed=2):
    """Small random weights and zero biases, shapes as in the notation above."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.standard_normal((n_h, n_x)) * 0.01,
        "b1": np.zeros((n_h, 1)),
        "W2": rng.standard_normal((n_y, n_h)) * 0.01,
        "b2": np.zeros((n_y, 1)),
    }


def update_parameters(parameters, grads, learning_rate=1.2):
    """One step of gradient descent; returns new arrays and leaves `parameters` as it was."""
    return {
        name: parameters[name] - learning_rate * grads["d" + name]
        for name in ("W1", "b1", "W2", "b2")
    }


def nn_model(X, Y, n_h, num_iterations=10000, learning_rate=1.2, print_cost=False, seed=2):
    """Train the network by gradient descent and return the learnt parameters."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=seed)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


def predict(parameters, X):
    """Class predictions (0 or 1) for each example: A2 > 0.5."""
    A2, _ = forward_propagation(np.asarray(X, dtype=float), parameters)
    return (A2 > 0.5).astype(int)
