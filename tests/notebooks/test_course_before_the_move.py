"""Does a course released by the kit before its folders by role still autograde after them?

Such a course keeps, in gradebook.db, the hidden tests its source notebook had when it was
released, which find the kit by autograder/hidden_tests.py and import
`autograder.hidden_tests`; and its instructor may keep the nbgrader_config.py of that time,
which imports autograder.nbgrader_kernel, autograder.nbgrader_points and
autograder.nbgrader_source. Here a copy of the course is released with both (the hidden tests
as the revision before the move wrote them, its nbgrader_config.py kept in
tests/files/course_before_the_move/), then the source notebook is what it is now, as a `git
pull` leaves it, and two students are autograded and exported.
"""

import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder.judge.settings import Settings
from autograder.release.bundle import BUNDLE_NAME
from tests.conftest import KIT_ROOT
from tests.notebooks.test_nbgrader import _as_submitted, _autograded, _grades, nbgrader

pytestmark = pytest.mark.nbgrader
CONFIG_BEFORE = KIT_ROOT / "tests" / "files" / "course_before_the_move" / "nbgrader_config.py"
FIND_BEFORE = 'if (p / "autograder" / "hidden_tests.py").exists())))'
IMPORT_BEFORE = "from autograder.hidden_tests import grade_hidden"
FIND_NOW = 'if (p / "autograder" / "paths.py").exists())))'
IMPORT_NOW = "from autograder.integrations.nbgrader.hidden_tests import grade_hidden"


def hidden_tests_as_before(notebook):
    """The notebook with its hidden tests as the revision before the move wrote them."""
    notebook = nbformat.reads(nbformat.writes(notebook), 4)
    changed = 0
    for cell in notebook.cells:
        if IMPORT_NOW in cell.source:
            assert FIND_NOW in cell.source
            cell.source = cell.source.replace(FIND_NOW, FIND_BEFORE).replace(IMPORT_NOW,
                                                                             IMPORT_BEFORE)
            changed += 1
    assert changed == len(Settings().points)
    return notebook


@pytest.fixture(scope="module")
def released_before(tmp_path_factory):
    root = tmp_path_factory.mktemp("before") / "course"
    for name in ("autograder", "solutions", "assignments"):
        shutil.copytree(KIT_ROOT / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", BUNDLE_NAME))
    shutil.copy(CONFIG_BEFORE, root / "nbgrader_config.py")
    source = root / "solutions" / "backprop" / "backprop.ipynb"
    now = source.read_text()
    nbformat.write(hidden_tests_as_before(nbformat.reads(now, 4)), str(source))
    nbgrader(root, "generate_assignment", "backprop", "--force")
    source.write_text(now)  # the kit updated: its source notebook as it is now

    solution = nbformat.reads(now, 4)
    mistaken = _as_submitted(solution)
    for cell in mistaken.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "compute_db":
            cell.source = cell.source.replace("axis=1, keepdims=True", "axis=1")
    for student, notebook in (("alice", _as_submitted(solution)), ("bob", mistaken)):
        folder = root / "submitted" / student / "backprop"
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / "backprop.ipynb"))
    autograde = nbgrader(root, "autograde", "backprop", "--force")
    nbgrader(root, "export")
    return {"root": root, "log": autograde.stdout + autograde.stderr}


def test_the_course_autogrades_with_the_hidden_tests_and_config_of_before(released_before):
    root = released_before["root"]
    points = Settings().points
    assert _grades(root) == {"alice": sum(points.values()),
                             "bob": sum(points.values()) - points["compute_db"]
                             - points["backward_propagation"]}
    assert "Traceback" not in released_before["log"]
    # The graded notebooks hold the hidden tests gradebook.db kept: those of before.
    test_cell = next(cell for cell in _autograded(root, "bob").cells
                     if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_compute_db")
    assert IMPORT_BEFORE in test_cell.source and FIND_BEFORE in test_cell.source
    assert "[B19]" in "\n".join(test_cell.outputs[0].traceback)


def test_the_hidden_tests_of_before_find_and_import_the_kit(released_before):
    """Run in place (as an instructor runs the source notebook), do the hidden tests of before
    still find the kit and import what they name?"""
    folder = released_before["root"] / "autograded" / "alice" / "backprop"
    cell = next(cell.source for cell in hidden_tests_as_before(
        nbformat.read(str(KIT_ROOT / "solutions" / "backprop" / "backprop.ipynb"), 4)).cells
        if IMPORT_BEFORE in cell.source)
    lines = cell.split("### BEGIN HIDDEN TESTS\n")[1].split("grade_hidden(")[0]
    code = lines + "print(grade_hidden.__module__)\n"
    completed = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True,
                               text=True, timeout=60)
    assert completed.stdout.strip() == "autograder.integrations.nbgrader.hidden_tests", \
        completed.stderr
