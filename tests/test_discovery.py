"""Do students with the same mistake, however written, share a group, and others not?

Batch gives the class one seed; classroom/mistake_groups.py turns each failed function's outcomes
into a group id. The mistake here, a doubled dZ1, is in no catalogue: grouping must not depend on
one.
"""

import csv
import shutil

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings
from tests.conftest import REFERENCE

RIGHT = "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n"
DOUBLED = {
    "doubled, with np.dot": "    dZ1 = 2 * np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n",
    "doubled, with @ and a helper": ("    g = lambda a: 1 - a ** 2\n"
                                     "    dZ1 = (W2.T @ dZ2) * g(A1) + (W2.T @ dZ2) * g(A1)\n"),
}
TRIPLED = "    dZ1 = 3 * np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n"


def _groups(path, seed):
    result = grade_path(path, seed)
    return {exercise.name: exercise.group for exercise in result.exercises}


def test_one_mistake_written_two_ways_is_one_group_and_another_mistake_another(submission_with):
    first, second = (submission_with(RIGHT, body, name=f"s{index}.py")
                     for index, body in enumerate(DOUBLED.values()))
    other = submission_with(RIGHT, TRIPLED, name="other.py")
    groups = [_groups(path, 5) for path in (first, second, other)]
    assert groups[0]["compute_dZ1"] and groups[0]["compute_dZ1"] == groups[1]["compute_dZ1"]
    assert groups[2]["compute_dZ1"] not in (None, groups[0]["compute_dZ1"])
    assert groups[0]["compute_db"] is None, "a function that passes has no group"
    assert _groups(first, 5) == groups[0], "stable for the same seed"


def test_the_gradebook_keeps_each_failed_functions_group(run_cli, submission_with, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "alice.py")
    for index, body in enumerate(DOUBLED.values()):
        shutil.copy(submission_with(RIGHT, body, name=f"d{index}.py"), folder / f"d{index}.py")
    out = tmp_path / "results"
    assert run_cli("batch", folder, "--out", out, "--seed", "5")[0] == 0
    with open(out / "gradebook.csv") as handle:
        rows = {row["student"]: row["mistake groups"] for row in csv.DictReader(handle)}
    assert rows["alice"] == ""
    assert rows["d0"] == rows["d1"] and rows["d0"].startswith("compute_dZ1=")


def test_the_class_summary_lists_a_shared_uncatalogued_mistake_for_the_instructor(
        run_cli, submission_with, tmp_path):
    """Two students with the same uncatalogued mistake are listed together, by name, in the
    instructor's summary; a student with a catalogued mistake is not among them."""
    folder = tmp_path / "class"
    folder.mkdir()
    for index, body in enumerate(DOUBLED.values()):
        shutil.copy(submission_with(RIGHT, body, name=f"d{index}.py"), folder / f"d{index}.py")
    shutil.copy(submission_with(RIGHT, TRIPLED, name="t.py"), folder / "tripled.py")
    shutil.copy(submission_with(RIGHT, "    dZ1 = np.dot(W2.T, dZ2) * (1 - A1)\n",
                                name="c.py"), folder / "catalogued.py")
    status, printed, _ = run_cli("batch", folder, "--out", tmp_path / "results", "--seed", "5")
    assert status == 0
    shared = printed.split("the catalogue does not know", 1)[1].split("\n\n", 1)[0]
    assert "2 students, compute_dZ1" in shared and "d0, d1" in shared
    assert "tripled" not in shared, "a mistake only one student made is not 'shared'"
    assert "catalogued" not in shared


def test_a_shared_mistake_comes_with_one_students_code(submission_with, tmp_path):
    from autograder.classroom.class_data import uncatalogued_groups

    reports = []
    for index, body in enumerate(DOUBLED.values()):
        path = submission_with(RIGHT, body, name=f"d{index}.py")
        report = grade_path(path, 5).to_json_dict()
        reports.append(dict(report, student=f"d{index}"))
    (group,) = [g for g in uncatalogued_groups(reports) if g["function"] == "compute_dZ1"]
    assert group["students"] == ["d0", "d1"]
    assert group["code"].splitlines()[0].strip() == DOUBLED["doubled, with np.dot"].strip()
    assert '"""' not in group["code"], "the docstring is left out"


COST = "    cost = -np.sum(logprobs) / m\n"


def _failed(path, name, settings=None):
    (exercise,) = [e for e in grade_path(path, 5, settings).exercises if e.name == name]
    assert not exercise.passed
    return exercise


def test_an_unrecognised_value_keeps_the_line_that_computed_it(submission_with, reference_source):
    """The diagnosis traced the cost to say how far it is right; the report keeps the line
    where the wrong cost was computed, as written, with its number in the file."""
    path = submission_with(COST, COST + "    cost = cost * 0.37 + 0.1\n")
    exercise = _failed(path, "compute_cost")
    assert exercise.mistakes == ["S-unrecognised"]
    number = path.read_text().splitlines().index("    cost = cost * 0.37 + 0.1") + 1
    assert exercise.lines == [{"cell": "", "line": number, "code": "cost = cost * 0.37 + 0.1",
                               "what": "computes cost"}]


def test_a_returned_argument_is_found_where_it_is_the_whole_expression(submission_with):
    """A2 read by `m = A2.shape[1]` first is not where dZ2 comes from: `dZ2 = A2` is."""
    path = submission_with("    dZ2 = A2 - Y\n", "    m = A2.shape[1]\n    dZ2 = A2\n")
    (line,) = _failed(path, "compute_dZ2").lines
    assert line["code"] == "dZ2 = A2" and line["what"] == "computes dZ2"


def test_a_function_that_raised_keeps_the_line_it_stopped_on(submission_with):
    path = submission_with("db = np.sum(dZ, axis=1, keepdims=True) / m",
                           "db = np.sum(dZ, axis=1, keepdims=True) / m.shape")
    (line,) = _failed(path, "compute_db").lines
    assert line["code"] == "db = np.sum(dZ, axis=1, keepdims=True) / m.shape"
    assert line["what"] == "raises AttributeError" and line["cell"] == ""


def test_in_a_notebook_the_line_is_numbered_in_its_cell(tmp_path, reference_source):
    from tests.test_notebook_submissions import make_notebook

    path = tmp_path / "nb.ipynb"
    make_notebook(path, [("code", reference_source),
                         ("code", "import numpy as np\n\ndef compute_cost(A2, Y):\n"
                                  "    m = Y.shape[1]\n    return float(np.sum(Y * np.log(A2)))\n")])
    (line,) = _failed(path, "compute_cost").lines
    assert line["cell"].startswith("cell ") and line["line"] == 5
    assert line["code"] == "return float(np.sum(Y * np.log(A2)))"


def test_a_signature_no_step_traced_has_no_lines_and_keeps_its_code(submission_with):
    """Lines come only from traces the diagnosis fetched: a factor is recognised from the
    values alone, and no second run is asked for the report's sake."""
    path = submission_with(RIGHT, DOUBLED["doubled, with np.dot"])
    exercise = _failed(path, "compute_dZ1", Settings(repair_budget_s=0))
    assert exercise.mistakes == ["S-factor"] and exercise.lines == []
    assert "2 * np.dot" in exercise.code
    # The repair search's hint quotes a value of the student's line: that trace gives the line.
    exercise = _failed(path, "compute_dZ1")
    assert exercise.mistakes == ["S-factor"]
    assert [line["code"] for line in exercise.lines] == [
        "dZ1 = 2 * np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))"]
