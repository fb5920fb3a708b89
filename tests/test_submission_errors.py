"""Does a submission that cannot be used get a clear, submission-level message and no traceback?"""

import pytest

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings
from autograder.judge.student_api import GRADED_NAMES
from tests.conftest import FILES, KIT_ROOT, grade_json, run_subprocess

UNTOUCHED = KIT_ROOT / "assignments" / "two_layer_net.py"


def _assert_submission_error(result, *words):
    assert result.score == 0
    assert result.error is not None
    for word in words:
        assert word in result.error
    assert "Traceback" not in result.error
    assert all(not exercise.passed and exercise.score == 0 for exercise in result.exercises)


def test_syntax_error_names_the_line_and_shows_it():
    result = grade_path(FILES / "syntax_error.py", 1)
    _assert_submission_error(result, "line 6 is not valid Python", "Nothing was graded",
                             "6 |       return dZ2")


def test_text_that_is_not_python_is_a_syntax_error():
    result = grade_path(FILES / "not_python.py", 1)
    _assert_submission_error(result, "line 1 is not valid Python")


def test_failing_import_names_the_error_the_line_and_the_likely_fix():
    result = grade_path(FILES / "import_fails.py", 1)
    _assert_submission_error(result, "NameError on line 8", "name 'np' is not defined",
                             "import numpy as np", "8 | W = np.zeros((2, 2))")


def test_a_module_that_is_not_available_says_what_is():
    result = grade_path(FILES / "missing_module.py", 1)
    _assert_submission_error(result, "ModuleNotFoundError on line 2", "numpy are available")


def test_sys_exit_at_import_is_reported_not_obeyed():
    result = grade_path(FILES / "exits_at_import.py", 1)
    _assert_submission_error(result, "sys.exit(3)", "__main__")


def test_endless_loop_at_import_is_stopped_at_the_submission_limit():
    result = grade_path(FILES / "loops_at_import.py", 1, Settings(submission_timeout_s=1.5))
    _assert_submission_error(result, "did not finish loading within 1.5 s")


def test_untouched_assignment_scores_zero_with_not_implemented_per_function():
    result = grade_path(UNTOUCHED, 1)
    assert result.error is None
    assert result.score == 0
    assert [exercise.name for exercise in result.exercises] == list(GRADED_NAMES)
    for exercise in result.exercises:
        assert len(exercise.hints) == 1
        assert "not implemented" in exercise.hints[0]
        assert exercise.name in exercise.hints[0]


def test_misnamed_function_gets_did_you_mean(submission_with):
    path = submission_with("def backward_propagation(", "def backward_prop(",
                           "def compute_db(", "def Compute_DB(")
    result = grade_path(path, 1)
    by_name = {exercise.name: exercise for exercise in result.exercises}
    assert "Did you mean backward_prop?" in by_name["backward_propagation"].hints[0]
    assert "Did you mean Compute_DB?" in by_name["compute_db"].hints[0]
    assert by_name["compute_dW"].passed


def test_a_graded_name_bound_to_a_value_is_not_a_function(submission_with, reference_source):
    path = submission_with(source=reference_source + "\ncompute_db = 3\n")
    result = grade_path(path, 1)
    hint = {e.name: e for e in result.exercises}["compute_db"].hints[0]
    assert "not a function" in hint


@pytest.mark.slow
@pytest.mark.parametrize("name", ["syntax_error.py", "import_fails.py", "exits_at_import.py"])
def test_cli_reports_submission_errors_in_json_with_exit_zero(name):
    report = grade_json(FILES / name)
    assert report["error"] and report["score"] == 0
    assert "Traceback" not in report["error"]


@pytest.mark.slow
def test_cli_shows_no_traceback_on_the_terminal():
    completed = run_subprocess("grade", FILES / "import_fails.py")
    assert completed.returncode == 0
    assert "Traceback" not in completed.stdout + completed.stderr
    assert "Nothing was graded" in completed.stdout
