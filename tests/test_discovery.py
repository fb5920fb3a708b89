"""Do students with the same mistake, however written, share a group, and others not?

Batch gives the class one seed; discovery.py turns each failed function's outcomes into a group
id. The mistake here, a doubled dZ1, is in no catalogue: grouping must not depend on one.
"""

import csv
import shutil

from autograder.grading import grade_path
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
    from autograder.class_report import uncatalogued_groups

    reports = []
    for index, body in enumerate(DOUBLED.values()):
        path = submission_with(RIGHT, body, name=f"d{index}.py")
        report = grade_path(path, 5).to_json_dict()
        reports.append(dict(report, student=f"d{index}"))
    (group,) = [g for g in uncatalogued_groups(reports) if g["function"] == "compute_dZ1"]
    assert group["students"] == ["d0", "d1"]
    assert group["code"].splitlines()[0].strip() == DOUBLED["doubled, with np.dot"].strip()
    assert '"""' not in group["code"], "the docstring is left out"
