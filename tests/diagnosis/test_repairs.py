"""The repair search on the mistakes issue 18 lists, written again here by hand, each as one
change to the reference (tests/test_unseen_mistakes.py has whole files in four styles).

Each case names the hint's id and words it must say; the rungs of the ladder and the search's
own limits are checked below.
"""

import time

import pytest

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings

DZ1 = "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))"
DW = "dW = np.dot(dZ, A_prev.T) / m"
DB = "db = np.sum(dZ, axis=1, keepdims=True) / m"
COST = "cost = -np.sum(logprobs) / m"
LOG = "logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))"

CASES = [
    # (what, function, old, new, id, words in the first hint)
    ("times one, then minus", "compute_dZ1", DZ1,
     "dZ1 = np.dot(W2.T, dZ2) * 1 - np.power(A1, 2)", "R-precedence",
     ["`np.dot(W2.T, dZ2) * 1` first", "binds"]),
    ("upstream times the square", "compute_dZ1", DZ1,
     "upstream = np.dot(W2.T, dZ2)\n    dZ1 = 1 - A1 ** 2 * upstream", "R-precedence",
     ["`A1 ** 2 * upstream` first"]),
    ("one minus A1, squared", "compute_dZ1", DZ1, "dZ1 = np.dot(W2.T, dZ2) * (1 - A1) ** 2",
     "R-precedence", ["`1 - A1` first"]),
    ("one floor-divided by m", "compute_dW", DW, "dW = 1 // m * np.dot(dZ, A_prev.T)",
     "R-floor-division", ["`1 // m` is 0 here", "floor division"]),
    ("the gradient floor-divided", "compute_dW", DW, "dW = dZ @ A_prev.T // m",
     "R-floor-division", ["rounds every quotient down"]),
    ("the cost rounded", "compute_cost", COST, "cost = round(-np.sum(logprobs) / m, 3)",
     "R-wrapper", ["round(...) throws away digits"]),
    ("db rounded", "compute_db", DB, "db = np.round(np.sum(dZ, axis=1, keepdims=True) / m, 2)",
     "R-wrapper", ["throws away digits"]),
    ("log in base 2", "compute_cost", LOG, LOG.replace("np.log(", "np.log2("), "R-family",
     ["base 2", "1.44"]),
    ("dZ2 written as dA2", "compute_dZ2", "dZ2 = A2 - Y", "dZ2 = -(Y / A2 - (1 - Y) / (1 - A2))",
     "R-derivative", ["not A2", "A2(1 - A2)"]),
    ("db averaged over the units", "compute_db", DB, "db = np.mean(dZ, axis=0).reshape(-1, 1)",
     "R-axis", ["axis 0", "over the examples"]),
    ("b1 in the output layer", "forward_propagation", "Z2 = np.dot(W2, A1) + b2",
     "Z2 = np.dot(W2, A1) + b1", "R-name-swap", ["`b1` here is"]),
    ("log A2 in the second term", "compute_cost", LOG,
     "logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(A2))", "R-log-term",
     ["(1 - Y) with log(1 - A2)"]),
    ("an epsilon that matters", "compute_cost", LOG,
     "logprobs = Y * np.log(A2 + 0.01) + (1 - Y) * np.log(1 - A2 + 0.01)", "R-epsilon",
     ["`0.01`", "tolerance"]),
    ("arguments swapped in the call", "backward_propagation",
     "dZ1 = compute_dZ1(dZ2, W2, Z1, A1)", "dZ1 = compute_dZ1(dZ2, W2, A1, Z1)",
     "R-argument-order", ["order", "(dZ2, W2, Z1, A1)"]),
    ("a bare multiply", "compute_dZ1", DZ1,
     "dZ1 = multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))", "R-name-fix", ["np.multiply"]),
    ("a misspelt numpy name", "compute_dZ1", DZ1,
     "dZ1 = np.mutiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))", "R-name-fix",
     ["no function named `mutiply`"]),
    ("m - 1 in db", "compute_db", DB, "db = np.sum(dZ, axis=1, keepdims=True) / (m - 1)",
     "S-factor", ["m/(m - 1)", "alone makes every check pass"]),
    ("a sigmoid hidden layer", "forward_propagation", "A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)",
     "F3", ["`A1 = sigmoid(Z1)`"]),
    ("dZ scaled in place", "compute_dW", DW, "dZ *= 1 / m\n    dW = np.dot(dZ, A_prev.T)", "U1",
     ["`dZ *= 1 / m`"]),
    ("a loop over m - 1 examples", "compute_db", DB,
     "db = np.zeros((dZ.shape[0], 1))\n    for i in range(m - 1):\n"
     "        db[:, 0] += dZ[:, i]\n    db = db / m", "R-scale", ["one less"]),
]


@pytest.mark.parametrize("what, function, old, new, mistake, words", CASES,
                         ids=[case[0] for case in CASES])
def test_the_repair_names_the_mistake(submission_with, what, function, old, new, mistake,
                                      words):
    result = grade_path(submission_with(old, new), seed=4)
    exercise = {e.name: e for e in result.exercises}[function]
    assert not exercise.passed
    assert exercise.mistakes[0] == mistake, exercise.hints
    for word in words:
        assert word in exercise.hints[0], (word, exercise.hints[0])


def test_a_wrong_component_that_changes_its_input_is_what_backward_propagation_inherits(
        submission_with):
    """Not "divides by m twice": db2 is wrong because compute_dW scaled dZ2 in place."""
    result = grade_path(submission_with(DW, "dZ *= 1 / m\n    dW = np.dot(dZ, A_prev.T)"),
                        seed=4)
    backward = {e.name: e for e in result.exercises}["backward_propagation"]
    assert backward.mistakes[0] == "S-inherited"
    assert "in place" in backward.hints[0] and "twice" not in " ".join(backward.hints)


def test_the_rungs_of_the_ladder(submission_with):
    """Rung 1 has no corrected code, rung 2 says what kind of change, rung 3 is the line."""
    result = grade_path(submission_with(DW, "dW = 1 // m * np.dot(dZ, A_prev.T)"), seed=4)
    exercise = {e.name: e for e in result.exercises}["compute_dW"]
    first, more, fix = exercise.hints[0], exercise.more[0], exercise.fixes[0]
    assert "Divide with `/`" not in first and "dW = 1 / m" not in first
    assert "Divide with `/`" in more and "dW = 1 / m" not in more
    assert "dW = 1 / m * np.dot(dZ, A_prev.T)" in fix
    assert exercise.repair["edits"][0]["kind"] == "floor-division"


def test_grade_more_shows_the_second_rung(submission_with, run_cli):
    path = submission_with(DW, "dW = 1 // m * np.dot(dZ, A_prev.T)")
    _, plain, _ = run_cli("grade", path, "--seed", "4")
    _, more, _ = run_cli("grade", path, "--seed", "4", "--more")
    flat = " ".join(more.split())
    assert "Divide with `/`" not in " ".join(plain.split())
    assert "Divide with `/`" in flat and "dW = 1 / m" not in flat


def test_right_functions_and_a_search_turned_off_cost_nothing(submission_with):
    path = submission_with(DW, "dW = 1 // m * np.dot(dZ, A_prev.T)")
    result = grade_path(path, seed=4)
    for exercise in result.exercises:
        assert bool(exercise.repair) == (not exercise.passed and exercise.name == "compute_dW")
    off = grade_path(path, seed=4, settings=Settings(repair_budget_s=0))
    assert off.score == result.score
    assert {e.name: e.passed for e in off.exercises} == {e.name: e.passed
                                                          for e in result.exercises}


def test_candidates_that_never_end_cost_the_student_nothing(submission_with):
    """An edit can turn a loop's step around (i += 1 to i -= 1): those candidates are stopped
    at their own short limit, the search at its budget, and the verdict is the same."""
    loop = ("db = np.zeros((dZ.shape[0], 1))\n    i = 0\n    while i < dZ.shape[1]:\n"
            "        db[:, 0] += dZ[:, i]\n        i += 1\n    db = db * 2 / m")
    path = submission_with(DB, loop)
    started = time.monotonic()
    result = grade_path(path, seed=4)
    took = time.monotonic() - started
    db = {e.name: e for e in result.exercises}["compute_db"]
    assert not db.passed and db.hints
    assert took < 15
    off = grade_path(path, seed=4, settings=Settings(repair_budget_s=0))
    assert off.score == result.score


def test_without_a_repair_the_hint_says_where_the_right_values_end(submission_with):
    """A cost over output unit 0 only: no edit of the search makes it right, so the hint names
    the last line whose values the grader confirmed and the first part that reads them."""
    loop = "cost = 0.0\n    for i in range(m):\n        cost -= logprobs[0, i]\n    cost = cost / m"
    result = grade_path(submission_with(COST, loop), seed=4)
    cost = {e.name: e for e in result.exercises}["compute_cost"]
    assert cost.mistakes == ["S-unrecognised"]
    assert "your values are the right ones" in cost.hints[0]
    assert "The first part after it that reads logprobs is `logprobs[0, i]`" in cost.hints[0]
    assert not cost.repair.get("edits")


@pytest.mark.parametrize("old, new, function, contradicted, repair", [
    ("dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
     "dZ1 = multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))", "compute_dZ1", "U12",
     "R-name-fix"),
    ("dZ1 = compute_dZ1(dZ2, W2, Z1, A1)", "dZ1 = compute_dZ1(dZ2, W2, A1, Z1)",
     "backward_propagation", "B4", "R-argument-order"),
])
def test_a_hint_the_repair_contradicts_gives_way_to_the_repair(submission_with, old, new,
                                                               function, contradicted, repair):
    """Before issue 18 these got U12 ("a step of the template left empty") and B4 ("the
    derivative it applies is 1 - Z1²"): true of the values, but the verified repair says what
    the code did. A catalogue hint that a repair contradicts is a bug."""
    exercise = {e.name: e for e in grade_path(submission_with(old, new), seed=4).exercises}[
        function]
    assert exercise.mistakes[0] == repair and contradicted not in exercise.mistakes


def test_a_course_may_open_the_third_rung_to_students(submission_with, capsys):
    from autograder.grading.run import grade_command

    path = submission_with(DW, "dW = 1 // m * np.dot(dZ, A_prev.T)")
    grade_command(path, 4, Settings(), as_json=False, more=True)
    closed = " ".join(capsys.readouterr().out.split())
    grade_command(path, 4, Settings(student_hint_level=3), as_json=False, more=True)
    opened = " ".join(capsys.readouterr().out.split())
    assert "passes every check:" not in closed and "Divide with `/`" in closed
    assert "The line that passes every check: `dW = 1 / m * np.dot(dZ, A_prev.T)`" in opened
