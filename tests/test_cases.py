"""Are the grader's inputs honest, and do they cover the sizes the issue asks for?"""

import numpy as np
import pytest

from autograder.answers.cases import DESIGNS, case_seed, make_calls, make_network
from autograder.judge.student_api import GRADED_NAMES


@pytest.mark.parametrize("design", DESIGNS, ids=lambda design: design.name)
@pytest.mark.parametrize("seed", range(20))
def test_networks_are_honest(design, seed):
    network = make_network(design, seed)
    cache, parameters = network["cache"], network["parameters"]
    assert np.array_equal(cache["A1"], np.tanh(cache["Z1"]))
    assert np.allclose(1 - np.tanh(cache["Z1"]) ** 2, 1 - cache["A1"] ** 2)
    assert np.allclose(cache["A2"], 1 / (1 + np.exp(-cache["Z2"])))
    assert np.all(np.abs(parameters["b1"]) > 0.1) and np.all(np.abs(parameters["b2"]) > 0.1)
    for row in np.asarray(network["Y"], dtype=float):
        assert 0 < row.sum() < row.size, "each output unit sees both classes"
    assert np.abs(cache["Z1"]).max() > 1.2, "tanh' far from 1 somewhere"
    assert network["X"].shape == (design.n_x, design.m)
    assert network["Y"].dtype == np.dtype(design.y_dtype)


def test_designs_cover_the_required_sizes():
    sizes = [(d.n_x, d.n_h, d.n_y, d.m) for d in DESIGNS]
    assert any(len({n_x, n_h, m}) == 3 for n_x, n_h, _, m in sizes), "non-square"
    assert any(len(set(size)) == 1 for size in sizes), "all sizes equal"
    assert any(n_y >= 2 for _, _, n_y, _ in sizes), "more than one output unit"
    assert all(m > 1 for *_, m in sizes)
    assert {d.y_dtype for d in DESIGNS} >= {"float64", "int64", "int32"}


def test_same_seed_same_inputs_and_other_seed_other_inputs():
    first, again, other = (make_calls("compute_dW", seed) for seed in (7, 7, 8))
    for a, b, c in zip(first, again, other):
        assert all(np.array_equal(x, y) for x, y in zip(a.args, b.args))
        assert not all(np.array_equal(x, y) for x, y in zip(a.args, c.args))


def test_each_exercise_has_its_own_inputs():
    seeds = {case_seed(1, name, "shape_probe") for name in GRADED_NAMES}
    assert len(seeds) == len(GRADED_NAMES)


def test_reference_outputs_do_not_alias_the_inputs():
    for call in make_calls("compute_dZ2", 3):
        A2, Y = call.args
        assert not np.shares_memory(call.expected, A2)
