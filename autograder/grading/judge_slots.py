"""Give the judge what it uses but never ships (judge/slots.py): the grader's side of the slots.

Each piece is imported only when first used, so a correct submission, which the diagnosis never
sees, costs nothing more. Filled once, when the grader is imported, and by anything else of the
kit that judges in its own process (course/checking.py).
"""

from autograder.judge import slots


def numerical_gradient(parameters, X, Y, epsilon):
    """The reference's centered differences (answers/gradient_check.py)."""
    from autograder.answers.gradient_check import numerical_gradient as compute

    return compute(parameters, X, Y, epsilon)


def load_flow():
    """The right steps, to follow a student's own values with (answers/flow.py)."""
    from autograder.answers import flow

    return flow


def wrong_lines(diagnosis):
    """Where a failed function went wrong, for the class report (classroom/wrong_lines.py)."""
    from autograder.classroom.wrong_lines import wrong_lines as find

    return find(diagnosis)


def fill_judge_slots() -> None:
    slots.numerical_gradient = numerical_gradient
    slots.load_flow = load_flow
    slots.wrong_lines = wrong_lines
