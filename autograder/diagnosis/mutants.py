"""One small wrong implementation per catalogued mistake: the reference with one thing changed.

Instructor-only: a mutant is a near-solution, so this module is never shipped to students (the
student bundle carries mutant *outputs* instead). The grader runs a failing function's mutants
on the same inputs as the student's call; a mutant whose outputs match names the mistake.

Each mutant has the exact signature of the graded function it imitates and is registered with
@mutant(mistake id, function name). Mutants for backward_propagation are built from the reference
components, so they differ from the reference in one place only.
"""

import numpy as np

from autograder.reference import reference as ref

MUTANTS = {}
"""Mistake id -> (graded function name, wrong implementation)."""


def mutant(mistake_id: str, function: str):
    """Register a wrong implementation of `function` for catalogue entry `mistake_id`."""
    def register(implementation):
        MUTANTS[mistake_id] = (function, implementation)
        return implementation
    return register


@mutant("B31", "compute_dZ1")
def b31_dz1_w2_not_transposed(dZ2, W2, Z1, A1):
    return np.dot(W2, dZ2) * (1 - np.power(A1, 2))


@mutant("B19", "compute_db")
def b19_db_without_keepdims(dZ):
    return np.sum(dZ, axis=1) / dZ.shape[1]


@mutant("B26", "compute_dW")
def b26_dw_missing_one_over_m(dZ, A_prev):
    return np.dot(dZ, A_prev.T)
