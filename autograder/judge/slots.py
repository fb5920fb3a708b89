"""Slots for what the judge uses but never ships, filled by the grader at run time.

The judge (this folder) is copied whole into the student bundle, so it imports nothing outside
itself. Three of its steps need code that must not ship: the numerical gradient, computed with
the reference; the right steps that follow a student's own values (answers/flow.py: near
solutions); and the lines where a failed function went wrong, for the instructor's class
report. The grader fills these slots when it starts (grading/judge_slots.py), as pytest's
plugin installs `util._reprcompare`. In a student's kernel they stay None, and the steps that
need them say nothing more.
"""

numerical_gradient = None
"""(parameters, X, Y, epsilon) -> the centered differences of J for dW1, db1, dW2 and db2
(answers/gradient_check.py). The bundle needs none: each of its calls carries its own, stored
in fixtures.npz."""

load_flow = None
"""() -> the module of the right steps (answers/flow.py), imported when first needed:
STEPS and follow_backward for an inline backward_propagation, FORWARD and
first_wrong_forward_step for a forward pass, last_confirmed for a value nothing explains."""

wrong_lines = None
"""(Diagnosis) -> the lines that raised or computed wrong values (classroom/wrong_lines.py)."""
