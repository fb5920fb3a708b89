"""Centered-difference gradient check of the cost J, the oracle for backward_propagation.

The numerical gradient comes from the reference forward pass and cost, never from student code,
and it works on copies: the caller's parameters are never perturbed.
"""

import numpy as np

from autograder.judge.checks.gradients import relative_error  # noqa: F401 (part of this module's API)
from autograder.judge.student_api import PARAMETER_KEYS


def cost_at(parameters: dict, X, Y) -> float:
    """J(parameters) on (X, Y), by the reference forward pass and cost."""
    from autograder.answers.reference import reference

    A2, _ = reference.forward_propagation(X, parameters)
    return reference.compute_cost(A2, np.asarray(Y, dtype=float))


def numerical_gradient(parameters: dict, X, Y, epsilon: float) -> dict:
    """dJ/dθ for every entry θ of W1, b1, W2, b2, as (J(θ + ε) - J(θ - ε)) / 2ε.

    Returns a dict keyed "dW1", "db1", "dW2", "db2", each the shape of its parameter.
    """
    shifted = {name: np.array(parameters[name], dtype=float) for name in PARAMETER_KEYS}
    gradient = {}
    for name in PARAMETER_KEYS:
        values = shifted[name]
        result = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = cost_at(shifted, X, Y)
            values[index] = original - epsilon
            minus = cost_at(shifted, X, Y)
            values[index] = original
            result[index] = (plus - minus) / (2 * epsilon)
        gradient["d" + name] = result
    return gradient
