"""nbgrader end to end, with the real nbgrader and a real Jupyter kernel, in a copy of the course.

An instructor's workflow as the README gives it: generate_assignment, then autograde three
students (the solution, a notebook with a known mistake, the untouched release),
generate_feedback and export.
"""

import ast
import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.release import BUNDLE_MODULES, RELEASE_NOTEBOOK, SOURCE_NOTEBOOK
from autograder.settings import Settings
from tests.conftest import KIT_ROOT, REFERENCE

pytestmark = pytest.mark.nbgrader
STUDENTS = ("alice", "bob", "carol")
"""alice submits the solution, bob a notebook with db summed without keepdims, carol the
untouched release."""


def nbgrader(course, *args):
    # nbgrader runs its own tools (alembic) by name: put this environment's scripts first.
    environment = dict(os.environ)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    completed = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=WARN"],
                               cwd=course, capture_output=True, text=True, timeout=600,
                               env=environment)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course directory, graded once for all the tests below."""
    root = tmp_path_factory.mktemp("course")
    for name in ("autograder", "solutions", "assignments"):
        shutil.copytree(KIT_ROOT / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(KIT_ROOT / "nbgrader_config.py", root)
    nbgrader(root, "generate_assignment", "backprop", "--force")
    solution = nbformat.read(str(root / "solutions" / "backprop" / "backprop.ipynb"), 4)
    release = nbformat.read(str(root / "assignments" / "backprop" / "backprop.ipynb"), 4)
    mistaken = nbformat.read(str(root / "assignments" / "backprop" / "backprop.ipynb"), 4)
    answers = {cell.metadata.nbgrader["grade_id"]: _strip_markers(cell.source)
               for cell in solution.cells if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in mistaken.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
            if grade_id == "compute_db":
                cell.source = cell.source.replace("axis=1, keepdims=True", "axis=1")
    for student, notebook in zip(STUDENTS, (_as_submitted(solution), mistaken, release)):
        folder = root / "submitted" / student / "backprop"
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / "backprop.ipynb"))
    nbgrader(root, "autograde", "backprop", "--force")
    nbgrader(root, "generate_feedback", "backprop", "--force")
    nbgrader(root, "export")
    return root


def _strip_markers(source):
    return "\n".join(line for line in source.splitlines() if "### " not in line) + "\n"


def _as_submitted(notebook):
    """The solution notebook with its solution markers gone, as a student would hand it in."""
    notebook = nbformat.reads(nbformat.writes(notebook), 4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = _strip_markers(cell.source)
    return notebook


def _grades(course):
    with open(course / "grades.csv") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


def test_solution_gets_full_marks(course):
    assert _grades(course)["alice"] == sum(Settings().points.values())


def test_known_mistake_gets_partial_marks_and_its_hint_in_the_feedback(course):
    points = Settings().points
    assert _grades(course)["bob"] == sum(points.values()) - points["compute_db"] \
        - points["backward_propagation"]
    feedback = (course / "feedback" / "bob" / "backprop" / "backprop.html").read_text()
    assert "Why db keeps its column" in feedback and "[B19]" in feedback


def test_untouched_release_scores_zero_without_crashing(course):
    assert _grades(course)["carol"] == 0
    feedback = (course / "feedback" / "carol" / "backprop" / "backprop.html").read_text()
    assert "not implemented" in feedback


def test_release_in_the_repository_is_what_nbgrader_generates(course):
    generated = course / "assignments" / "backprop"
    committed = KIT_ROOT / "assignments" / "backprop"
    assert (generated / "backprop.ipynb").read_text() == (committed / "backprop.ipynb").read_text(), \
        "assignments/backprop is stale: run python -m autograder release"
    for relative in BUNDLE_MODULES:
        assert (generated / "backprop_checks" / relative).read_text() == \
            (committed / "backprop_checks" / relative).read_text()


def test_release_has_no_solution_code_and_no_hidden_tests():
    text = RELEASE_NOTEBOOK.read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "grade_hidden", "hidden_tests"):
        assert marker not in text
    release = nbformat.read(str(RELEASE_NOTEBOOK), 4)
    code = "\n".join(cell.source for cell in release.cells if cell.cell_type == "code")
    for line in _solution_lines():
        assert line not in code, line


def test_bundle_holds_no_reference_and_no_mutant():
    bundle = RELEASE_NOTEBOOK.parent / "backprop_checks"
    forbidden = ("reference", "cases", "mutants", "solutions", "two_layer_net", "autograder")
    for path in bundle.rglob("*.py"):
        text = path.read_text()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", "") or ""]
                assert not any(word in name for name in names for word in forbidden), (path, names)
        for line in _solution_lines():
            assert line not in text, (path, line)


def test_test_cells_carry_the_clis_points():
    source = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    points = {cell.metadata.nbgrader["grade_id"].removeprefix("test_"):
              cell.metadata.nbgrader["points"]
              for cell in source.cells if cell.metadata.get("nbgrader", {}).get("grade")}
    assert points == Settings().points


def test_source_notebook_exercises_are_the_reference_functions():
    from autograder.release import reference_functions

    functions = reference_functions()
    source = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    for cell in source.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution"):
            assert cell.source == functions[grade_id]


def test_every_hint_anchor_exists_in_the_source_and_the_release():
    from autograder.diagnosis.catalogue import SECTIONS
    from autograder.student_api import GRADED

    anchors = set(SECTIONS) | {function.anchor for function in GRADED}
    for path in (SOURCE_NOTEBOOK, RELEASE_NOTEBOOK):
        ids = set(re.findall(r'<a id=\\?"([\w-]+)\\?"', path.read_text()))
        assert anchors <= ids, anchors - ids


def _solution_lines():
    """The code lines between the reference's solution markers (the answers)."""
    text = REFERENCE.read_text()
    lines = []
    for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", text, re.DOTALL):
        lines += [line.strip() for line in region.splitlines()
                  if len(line.strip()) > 12 and not line.strip().startswith(("return", "m = "))]
    return lines
