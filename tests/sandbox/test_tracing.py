"""Does the tracer record what a failing function computed, part by part, and stay out of the way?

The tracer (autograder/judge/tracing.py) runs a failing function again with every expression
recorded. These tests check it in this process on plain functions, then through the real
sandbox: a traced run never changes the report's output, and a traced run that hangs is not
the student's time-out.
"""

import linecache
import textwrap

import numpy as np

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings
from autograder.judge.tracing import TRACE_MAX_PER_NODE, trace_call


def _define(source: str, name: str, filename: str = "<submission>"):
    """The function `name` of `source`, compiled as the worker does (source in linecache)."""
    source = textwrap.dedent(source)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def _run(thunk):
    try:
        return thunk(), None
    except Exception as error:
        return None, error


def test_every_part_of_a_line_is_recorded_with_its_text_and_line():
    function = _define("""
        def compute_dZ1(dZ2, W2, Z1, A1):
            d = 1 - np.power(Z1, 2)
            return np.dot(W2, dZ2) * d
    """, "compute_dZ1")
    W2, dZ2 = np.ones((1, 4)), np.arange(5.0).reshape(1, 5)
    Z1 = np.full((4, 5), 0.5)
    traced = trace_call(function, (dZ2, W2, Z1, np.tanh(Z1)), _run)
    texts = {traced["nodes"][node][4]: value for node, value in traced["records"]}
    assert "np.power(Z1, 2)" in texts and "1 - np.power(Z1, 2)" in texts
    assert np.allclose(texts["1 - np.power(Z1, 2)"], 0.75)
    assert traced["error"] is not None, "(1, 4) by (1, 5) cannot be multiplied"
    line, col, end_line, end_col = traced["position"]
    assert line == 4
    raising = next(meta for meta in traced["nodes"].values()
                   if meta[:4] == [line, col, end_line, end_col])
    assert raising[4] == "np.dot(W2, dZ2)", "the part that raised, not the whole line"


def test_a_value_is_copied_when_recorded_so_later_in_place_changes_do_not_alter_it():
    function = _define("""
        def compute_db(dZ):
            db = np.sum(dZ, axis=1, keepdims=True)
            db /= dZ.shape[1]
            return db
    """, "compute_db")
    traced = trace_call(function, (np.ones((2, 4)),), _run)
    first = next(value for node, value in traced["records"]
                 if traced["nodes"][node][4] == "np.sum(dZ, axis=1, keepdims=True)")
    assert np.allclose(first, 4.0), "recorded before the /= changed it"


def test_loops_record_only_the_first_few_values_of_each_expression():
    function = _define("""
        def total(x):
            s = 0.0
            for i in range(100):
                s = s + x[0, 0] * i
            return s
    """, "total")
    traced = trace_call(function, (np.ones((1, 1)),), _run)
    per_node = {}
    for node, _ in traced["records"]:
        per_node[node] = per_node.get(node, 0) + 1
    assert max(per_node.values()) == TRACE_MAX_PER_NODE


def test_the_submissions_own_helpers_are_traced_too():
    function = _define("""
        def log_loss(A2, Y):
            return np.dot(Y, np.log(A2).T)

        def compute_cost(A2, Y):
            return float(log_loss(A2, Y))
    """, "compute_cost", "<cell 3>")
    A2 = np.full((2, 3), 0.5)
    traced = trace_call(function, (A2, np.ones((2, 3))), _run)
    texts = [traced["nodes"][node][4] for node, _ in traced["records"]]
    assert "np.dot(Y, np.log(A2).T)" in texts, "recorded inside the helper"
    assert traced["error"] is not None
    assert traced["filename"] == "<cell 3>"


def test_a_traced_run_that_hangs_is_not_a_time_out_and_what_it_prints_is_left_out(
        submission_with):
    # compute_dW is wrong (no 1/m); under the tracer (which a submission could notice by the
    # recorder in its globals) it prints and then never returns. The report must still name
    # the mistake, with no time-out, and show only what the graded calls printed.
    path = submission_with(
        "dW = np.dot(dZ, A_prev.T) / m",
        "dW = np.dot(dZ, A_prev.T)\n"
        "    print('graded call')\n"
        "    if '__backprop_kit_record__' in globals():\n"
        "        print('traced call')\n"
        "        while True:\n"
        "            pass")
    result = grade_path(path, seed=5, settings=Settings(call_timeout_s=0.5))
    by_name = {exercise.name: exercise for exercise in result.exercises}
    graded = by_name["compute_dW"]
    assert not graded.passed
    assert graded.mistakes[0] == "B26", graded.hints
    assert "time limit" not in " ".join(graded.hints) and "S-timeout" not in graded.mistakes
    assert "graded call" in result.output and "traced call" not in result.output
    for name, exercise in by_name.items():
        if name not in ("compute_dW", "backward_propagation"):
            assert exercise.passed, (name, exercise.hints)


def test_what_a_traced_run_prints_is_left_out_of_the_report(submission_with):
    path = submission_with("    dZ2 = A2 - Y\n",
                           "    dZ2 = Y - A2\n"
                           "    print('traced' if '__backprop_kit_record__' in globals() "
                           "else 'graded')\n")
    result = grade_path(path, seed=5)
    dz2 = {exercise.name: exercise for exercise in result.exercises}["compute_dZ2"]
    assert dz2.mistakes == ["B28"] and "On line" in dz2.hints[0], "the trace was used"
    assert "graded" in result.output and "traced" not in result.output
