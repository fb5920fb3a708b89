"""GraderPoints, nbgrader's preprocessor of the kit, on notebooks in memory: no nbgrader run.

nbgrader's own scoring (utils.determine_grade) is applied to the cells it leaves, so "0 points"
here means what it means in the gradebook. test_nbgrader.py runs the real nbgrader end to end.
"""

import logging
import subprocess
import sys

import nbformat
import pytest
from nbgrader.converters import Autograde
from nbgrader.utils import determine_grade
from traitlets.config.loader import PyFileConfigLoader

from autograder.integrations.nbgrader import grader_process
from autograder.integrations.nbgrader.points import (FAILED, PASSED, UNAVAILABLE, GraderPoints,
                                                     graded_function, student_code,
                                                     with_grader_points)
from autograder.judge.settings import Settings
from autograder.paths import RELEASE_NOTEBOOK, SOURCE_NOTEBOOK
from tests.conftest import KIT_ROOT

RESOURCES = {"nbgrader": {"student": "erin", "assignment": "backprop", "notebook": "backprop"}}
KERNEL_SAYS_PASSED = nbformat.v4.new_output("stream", name="stdout",
                                            text="✓ compute_db passed the hidden tests (seed 1).\n")


def _notebook(path, kernel_output=KERNEL_SAYS_PASSED):
    """The notebook at `path` as nbgrader holds it after Execute, every test cell showing
    `kernel_output` (a kernel that claims the function passed)."""
    notebook = nbformat.read(str(path), 4)
    for cell in notebook.cells:
        if graded_function(cell):
            cell.outputs = [kernel_output]
    return notebook


def _points(notebook) -> dict:
    """test cell -> (points nbgrader gives it, its maximum)."""
    return {cell.metadata.nbgrader["grade_id"]: determine_grade(cell)
            for cell in notebook.cells if graded_function(cell)}


def _run(notebook, caplog, **traits):
    logger = logging.getLogger("test_nbgrader_points")
    with caplog.at_level(logging.DEBUG, logger=logger.name):
        notebook, _ = GraderPoints(log=logger, **traits).preprocess(notebook, RESOURCES)
    return notebook


def test_config_puts_grader_points_between_execute_and_save_auto_grades_keeping_nbgraders_order():
    """nbgrader's own order, with GraderPoints added and Execute jailed (kernel.py)."""
    from nbgrader.preprocessors import Execute

    from autograder.integrations.nbgrader.kernel import JailedExecute

    config = PyFileConfigLoader("nbgrader_config.py", path=str(KIT_ROOT)).load_config()
    configured = list(config.Autograde.autograde_preprocessors)
    defaults = Autograde.class_traits()["autograde_preprocessors"].default()
    assert [each for each in configured if each is not GraderPoints] == \
        [JailedExecute if each is Execute else each for each in defaults]
    names = [each.__name__ for each in configured]
    assert names.index("JailedExecute") < names.index("GraderPoints") \
        == names.index("SaveAutoGrades") - 1


def test_with_grader_points_refuses_a_list_without_execute_before_save_auto_grades():
    from nbgrader.preprocessors import Execute, SaveAutoGrades

    with pytest.raises(ValueError, match="between nbgrader's Execute and SaveAutoGrades"):
        with_grader_points([SaveAutoGrades, Execute])
    assert with_grader_points(with_grader_points([Execute, SaveAutoGrades])) == \
        [Execute, GraderPoints, SaveAutoGrades]


def test_source_notebook_names_each_graded_function_once_in_its_test_cells():
    names = [graded_function(cell) for cell in nbformat.read(str(SOURCE_NOTEBOOK), 4).cells]
    assert [name for name in names if name] == list(Settings().points)


def test_student_code_keeps_positions_and_leaves_out_test_cells_and_the_visible_checks():
    notebook = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    cells = student_code(notebook)
    assert len(cells) == len(notebook.cells)
    code = "\n".join(cell.source for cell in cells)
    assert "backprop_checks" not in code and "grade_hidden" not in code and 'check("' not in code
    assert "def compute_db(dZ):" in code
    setup = next(cell for cell in cells if "import numpy as np" in cell.source)
    assert setup.source.splitlines()[-1] == "pass"  # the import of the checks, line kept


def test_a_right_notebook_gets_one_clean_line_per_test_cell(caplog):
    notebook = _run(_notebook(SOURCE_NOTEBOOK), caplog)
    for cell in notebook.cells:
        if name := graded_function(cell):
            [output] = cell.outputs
            assert output.output_type == "stream" and output.name == "stdout"
            assert output.text.startswith(PASSED.format(name=name, seed="")[:-3])
    assert all(got == most for got, most in _points(notebook).values())


def test_kernel_outputs_that_claim_a_pass_do_not_count_for_the_untouched_release(caplog):
    notebook = _run(_notebook(RELEASE_NOTEBOOK), caplog)
    assert {got for got, _ in _points(notebook).values()} == {0}
    for cell in notebook.cells:
        if name := graded_function(cell):
            [output] = cell.outputs
            assert output.ename == "HiddenTestFailed"
            assert output.traceback[0].startswith(FAILED.format(name=name, seed="")[:-3])
            assert "not implemented yet" in "\n".join(output.traceback)
    assert "passed the hidden tests" not in nbformat.writes(notebook)


def _assert_unavailable_everywhere(notebook, caplog, reason):
    """Every test cell: 0 points, the plain message and the reason; no traceback anywhere."""
    assert {got for got, _ in _points(notebook).values()} == {0}
    for cell in notebook.cells:
        if graded_function(cell):
            [output] = cell.outputs
            assert output.ename == "GraderUnavailable"
            assert output.traceback[0] == UNAVAILABLE and reason in output.traceback[-1]
    text = nbformat.writes(notebook)
    assert "Traceback" not in text and "File \\\"" not in text
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert any("could not grade erin's backprop.ipynb" in message for message in errors), errors
    assert not any("Traceback" in message for message in errors), errors


def test_a_grader_that_times_out_gives_every_test_cell_zero_and_says_so(caplog):
    notebook = _run(_notebook(SOURCE_NOTEBOOK), caplog, timeout=0.001)
    _assert_unavailable_everywhere(notebook, caplog, "did not finish within 0.001 s")


def test_a_grader_that_crashes_gives_every_test_cell_zero_and_no_traceback(caplog, monkeypatch):
    crash = ("Traceback (most recent call last):\n  File \"/kit/autograder/cli.py\", line 1\n"
             "ZeroDivisionError: division by zero\n")
    monkeypatch.setattr(grader_process.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a[0], 1, stdout="", stderr=crash))
    notebook = _run(_notebook(SOURCE_NOTEBOOK), caplog)
    _assert_unavailable_everywhere(notebook, caplog, "exited with status 1 without a report")
    assert "ZeroDivisionError: division by zero" in caplog.text  # the instructor's log says why


@pytest.mark.parametrize("stdout", ['{"score": 10}', "not json", '{"exercises": [{"name": 3}]}'])
def test_a_grader_that_prints_no_report_gives_zero(caplog, monkeypatch, stdout):
    monkeypatch.setattr(grader_process.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a[0], 0, stdout=stdout, stderr=""))
    notebook = _run(_notebook(SOURCE_NOTEBOOK), caplog)
    _assert_unavailable_everywhere(notebook, caplog, "exited with status 0 without a report")


@pytest.mark.parametrize("step", ["student_code", "verdict_outputs"])
def test_a_bug_in_the_preprocessor_gives_zero_and_a_plain_message(caplog, monkeypatch, step):
    import autograder.integrations.nbgrader.points as points

    monkeypatch.setattr(points, step, lambda *arguments: 1 / 0)
    notebook = _run(_notebook(SOURCE_NOTEBOOK), caplog)
    _assert_unavailable_everywhere(notebook, caplog, "backprop-kit's preprocessor failed")


def test_a_submission_the_grader_cannot_use_fails_every_test_cell_with_its_reason(caplog):
    notebook = _notebook(SOURCE_NOTEBOOK)
    for cell in notebook.cells:
        if cell.cell_type == "code" and not graded_function(cell):
            cell.source = ""
    notebook = _run(notebook, caplog)
    assert {got for got, _ in _points(notebook).values()} == {0}
    cell = next(cell for cell in notebook.cells if graded_function(cell))
    assert "has no code cells that can run" in "\n".join(cell.outputs[0].traceback)


def test_a_graded_cell_that_names_no_graded_function_is_left_to_nbgrader(caplog):
    notebook = _notebook(SOURCE_NOTEBOOK)
    extra = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": "extra", "points": 1}})
    extra.outputs = [KERNEL_SAYS_PASSED]
    notebook.cells.append(extra)
    notebook = _run(notebook, caplog)
    assert graded_function(extra) is None and notebook.cells[-1].outputs == [KERNEL_SAYS_PASSED]


def test_hints_are_folded_as_the_notebook_folds_them():
    from autograder.integrations.nbgrader.points import fold as _fold
    from autograder.judge.visible import wrap

    hint = ("On line 11 of the cell defining compute_db, `db = np.sum(dZ, axis=1) / m`: your db2 "
            "has "
            "shape (1,), but b2 is (1, 1).\n\nSee \"Why db keeps its column\" "
            "(backprop.ipynb#why-db-keeps-its-column). [B19]")
    assert _fold(hint) == wrap(hint).splitlines()


def test_nbgraders_process_imports_nothing_of_the_sandbox_or_the_checks():
    """The preprocessor lives in nbgrader's process: a broken or hostile worker module must not
    be able to take nbgrader down with it."""
    code = ("import sys, autograder.integrations.nbgrader.points\n"
            "print(sorted(m for m in sys.modules if m.startswith(('autograder.', 'numpy'))))")
    completed = subprocess.run([sys.executable, "-c", code], cwd=KIT_ROOT, capture_output=True,
                               text=True, timeout=60)
    assert completed.stdout.split("\n")[0] == str([
        "autograder.integrations", "autograder.integrations.nbgrader",
        "autograder.integrations.nbgrader.grader_process",
        "autograder.integrations.nbgrader.points",
        "autograder.judge", "autograder.judge.student_api", "autograder.judge.wording",
        "autograder.moved", "autograder.paths"])
