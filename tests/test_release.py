"""Is the student version generated from the reference, without any of its solutions?"""

import ast

import pytest

from autograder.release import (BUNDLE_MODULES, BUNDLE_NAME, RELEASE_NOTEBOOK, SOURCE_ASSIGNMENT,
                                STUDENT_MODULE_PATH, bundle_module_text, student_source)
from autograder.student_api import GRADED_NAMES, PROVIDED_NAMES
from tests.conftest import REFERENCE


def _functions(source: str) -> dict:
    return {node.name: node for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef)}


def test_regenerating_the_student_module_changes_nothing():
    assert STUDENT_MODULE_PATH.read_text() == student_source(REFERENCE.read_text()), \
        "assignments/two_layer_net.py is stale: run python -m autograder release"


@pytest.mark.parametrize("assignment", [SOURCE_ASSIGNMENT, RELEASE_NOTEBOOK.parent],
                         ids=["source", "release"])
def test_the_bundled_checks_are_the_autograders_own(assignment):
    """A change to the grader must reach the notebook's visible checks (release regenerates them)."""
    stale = [relative for relative in BUNDLE_MODULES
             if (assignment / BUNDLE_NAME / relative).read_text() != bundle_module_text(relative)]
    assert stale == [], f"stale in {assignment}: run python -m autograder release"


def test_every_graded_function_is_a_stub_with_its_docstring():
    student = _functions(STUDENT_MODULE_PATH.read_text())
    reference = _functions(REFERENCE.read_text())
    for name in GRADED_NAMES:
        body = student[name].body
        assert ast.get_docstring(student[name]) == ast.get_docstring(reference[name])
        assert "shape" in ast.get_docstring(student[name])
        assert len(body) == 2 and isinstance(body[1], ast.Raise)
        assert [arg.arg for arg in student[name].args.args] == \
            [arg.arg for arg in reference[name].args.args]


def test_provided_helpers_are_given_whole():
    student = _functions(STUDENT_MODULE_PATH.read_text())
    reference = _functions(REFERENCE.read_text())
    for name in PROVIDED_NAMES:
        assert ast.dump(student[name]) == ast.dump(reference[name])


def test_no_solution_line_reaches_the_student_module():
    text = STUDENT_MODULE_PATH.read_text()
    assert "### BEGIN SOLUTION" not in text and "### END SOLUTION" not in text
    for line in ("np.dot(W2.T, dZ2)", "keepdims=True) / m", "A2 - Y", "np.dot(dZ, A_prev.T)"):
        assert line not in text
