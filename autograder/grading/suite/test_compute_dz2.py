"""Hidden test of compute_dZ2: every design, every check, the hint when it fails."""

from autograder.grading.pytest_plugin import run_exercise


def test_compute_dZ2(submission_grader, record_property):
    run_exercise(submission_grader, "compute_dZ2", record_property)
