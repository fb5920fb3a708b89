"""Hidden test of compute_dZ1: every design, every check, the hint when it fails."""

from autograder.grading.pytest_plugin import run_exercise


def test_compute_dZ1(submission_grader, record_property):
    run_exercise(submission_grader, "compute_dZ1", record_property)
