"""Hidden test of forward_propagation: every design, every check, the hint when it fails."""

from autograder.grading.pytest_plugin import run_exercise


def test_forward_propagation(submission_grader, record_property):
    run_exercise(submission_grader, "forward_propagation", record_property)
