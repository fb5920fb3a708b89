"""The student API, written once: graded functions in the order students write them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class GradedFunction:
    """One graded function: its exact name, its parameters in order, and what it returns."""

    name: str
    parameters: tuple
    returns: str
    """'array', 'float', 'forward' ((A2, cache) tuple) or 'grads' (dict of four arrays)."""
    anchor: str
    """Heading id of the notebook section that derives it."""


GRADED = (
    GradedFunction("forward_propagation", ("X", "parameters"), "forward", "forward-propagation"),
    GradedFunction("compute_cost", ("A2", "Y"), "float", "loss-versus-cost"),
    GradedFunction("compute_dZ2", ("A2", "Y"), "array", "deriving-dz2"),
    GradedFunction("compute_dZ1", ("dZ2", "W2", "Z1", "A1"), "array", "deriving-dz1"),
    GradedFunction("compute_dW", ("dZ", "A_prev"), "array", "deriving-dw"),
    GradedFunction("compute_db", ("dZ",), "array", "why-db-keeps-its-column"),
    GradedFunction("backward_propagation", ("parameters", "cache", "X", "Y"), "grads",
                   "backward-propagation"),
)

GRADED_BY_NAME = {function.name: function for function in GRADED}
GRADED_NAMES = tuple(function.name for function in GRADED)

PROVIDED_NAMES = ("sigmoid", "initialize_parameters", "update_parameters", "nn_model", "predict")
"""Given to students and not graded."""

CACHE_KEYS = ("Z1", "A1", "Z2", "A2")
GRAD_KEYS = ("dW1", "db1", "dW2", "db2")
PARAMETER_KEYS = ("W1", "b1", "W2", "b2")
