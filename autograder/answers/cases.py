"""Honest inputs for every graded function, and the reference's outputs on them.

A design is a recipe for sizes; a case is one design at one seed. Every design keeps the inputs
honest (docs/architecture.md, "Designs that separate mistakes"): caches come from a real forward
pass, so 1 - tanh(Z1)**2 and 1 - A1**2 agree; biases are non-zero; each row of Y holds both classes;
weights are large enough that |Z1| reaches past 1, so a forgotten or misplaced tanh' cannot hide
under the tolerance.
"""

import functools
import zlib

import numpy as np

from autograder.answers.reference import reference
from autograder.judge.designs import DESIGNS, DESIGNS_BY_NAME, Call, Design  # noqa: F401


@functools.lru_cache(maxsize=64)
def make_calls(exercise: str, seed: int) -> tuple:
    """Every call that grades `exercise`, on every design, in a fixed order.

    Cached: a class graded with one seed shares its inputs, answers and mutant outcomes, so
    they are computed once, not once per student. Calls are frozen and never mutated (the
    sandbox sends copies, and the reference and the mutants run on copies).
    """
    calls = []
    for design in DESIGNS:
        call_seed = case_seed(seed, exercise, design.name)
        network = make_network(design, call_seed)
        for label, args in _arguments(exercise, network):
            expected = getattr(reference, exercise)(*_copy(args))
            calls.append(Call(exercise, design, label, args, expected, call_seed, network,
                              mutant_outcomes=_MutantOutcomes(args, exercise)))
    return tuple(calls)


def case_seed(seed: int, exercise: str, design_name: str) -> int:
    """A stable seed per exercise and design: adding a design never changes another's inputs."""
    return (seed + zlib.crc32(f"{exercise}/{design_name}".encode())) % 2**32


def make_network(design: Design, seed: int) -> dict:
    """X, Y, parameters and a cache from a real forward pass, redrawn until they are honest."""
    rng = np.random.default_rng(seed)
    while True:
        network = _draw_network(design, rng)
        if is_honest(network):
            return network


def is_honest(network: dict) -> bool:
    """True when the inputs can tell the catalogued mistakes apart (see the module docstring)."""
    parameters, cache, Y = network["parameters"], network["cache"], network["Y"]
    Z1, A2 = cache["Z1"], cache["A2"]
    both_classes = all(0 < row.sum() < row.size for row in np.asarray(Y, dtype=float))
    biases_nonzero = all(np.all(np.abs(parameters[name]) > 0.1) for name in ("b1", "b2"))
    return (both_classes and biases_nonzero
            and np.abs(Z1).max() > 1.2 and np.abs(Z1).min() < 0.6
            and (Z1 > 0).any() and (Z1 < 0).any()
            and 0.03 < A2.min() and A2.max() < 0.97)


def _draw_network(design: Design, rng) -> dict:
    n_x, n_h, n_y, m = design.n_x, design.n_h, design.n_y, design.m
    X = rng.standard_normal((n_x, m))
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)) * 1.5 / np.sqrt(n_x),
        "b1": _nonzero(rng, (n_h, 1)),
        "W2": rng.standard_normal((n_y, n_h)),
        "b2": _nonzero(rng, (n_y, 1)),
    }
    A2, cache = reference.forward_propagation(X, parameters)
    Y = (rng.random((n_y, m)) < 0.5).astype(design.y_dtype)
    return {"X": X, "Y": Y, "parameters": parameters, "cache": cache}


def _nonzero(rng, shape):
    """Entries in ±[0.2, 1], so that a forgotten bias always shows."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.2, 1.0, size=shape)


def _arguments(exercise: str, network: dict):
    """(label, args) pairs for one exercise on one network, args in the API's order."""
    X, Y, parameters, cache = network["X"], network["Y"], network["parameters"], network["cache"]
    A2, A1, Z1, W2 = cache["A2"], cache["A1"], cache["Z1"], parameters["W2"]
    dZ2 = reference.compute_dZ2(A2, Y)
    dZ1 = reference.compute_dZ1(dZ2, W2, Z1, A1)
    if exercise == "forward_propagation":
        return [("", (X, parameters))]
    if exercise in ("compute_cost", "compute_dZ2"):
        return [("", (A2, Y))]
    if exercise == "compute_dZ1":
        return [("", (dZ2, W2, Z1, A1))]
    if exercise == "compute_dW":
        return [("layer 2", (dZ2, A1)), ("layer 1", (dZ1, X))]
    if exercise == "compute_db":
        return [("layer 2", (dZ2,)), ("layer 1", (dZ1,))]
    if exercise == "backward_propagation":
        return [("", (parameters, cache, X, Y))]
    raise KeyError(exercise)


def _copy(value):
    """A deep copy of arrays and dicts of arrays, so the reference cannot touch the inputs."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(item) for item in value)
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


class _MutantOutcomes:
    """mutants.LiveOutcomes for one call, made (and the mutants imported) on the first .get:
    only a function that fails asks the catalogue's mutants anything (issue 19)."""

    def __init__(self, args, exercise):
        self._args, self._exercise, self._live = args, exercise, None

    def get(self, mistake_id):
        if self._live is None:
            from autograder.answers.mutants import LiveOutcomes

            self._live = LiveOutcomes(self._args, self._exercise)
        return self._live.get(mistake_id)
