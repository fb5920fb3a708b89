"""Hidden test of backward_propagation: every design, every check, the hint when it fails."""

from autograder.grading.pytest_plugin import run_exercise


def test_backward_propagation(submission_grader, record_property):
    run_exercise(submission_grader, "backward_propagation", record_property)
