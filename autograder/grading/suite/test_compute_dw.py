"""Hidden test of compute_dW: every design, every check, the hint when it fails."""

from autograder.grading.pytest_plugin import run_exercise


def test_compute_dW(submission_grader, record_property):
    run_exercise(submission_grader, "compute_dW", record_property)
