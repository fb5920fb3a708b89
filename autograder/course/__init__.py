"""The building blocks of a course catalogue: an instructor's own mistakes, beside the kit's.

A course catalogue is one Python file of the instructor's, given to grade, batch, gradescope and
release with --catalogue FILE (never looked for in a folder: students could write there). Each
entry is the kit's form of a mistake: an id with the course's own prefix, the graded function,
a title for the class report, a hint template, the notebook section it points at, and the wrong
implementation that reproduces it, usually the right code with one thing changed:

    import numpy as np
    from autograder.course import mistake

    @mistake("ML101-1", "compute_cost",
             title="Only the y = 1 term, summed without 1/m",
             hint="Your cost is the sum of Y·log A2 over the m = {m} examples: ...",
             anchor="loss-versus-cost")
    def cost_one_term_summed(A2, Y):
        return float(-np.sum(Y * np.log(A2)))

These names are the public interface, documented in docs/course-catalogues.md; the rest of the kit
may change. `python -m autograder catalogue check FILE` proves a file's entries usable before a
class sees them.
"""

from autograder.answers.reference import reference
from autograder.judge.diagnosis.catalogue import SECTIONS
from autograder.judge.diagnosis.context import FIELDS
from autograder.judge.student_api import GRADED

ANCHORS = dict(SECTIONS)
"""Anchor -> heading: the sections of the notebook a hint may point at."""
HINT_FIELDS = FIELDS
"""The fields a hint template may name, filled with the student's own numbers (see
autograder/judge/diagnosis/context.py): {m}, {n_y}, {got_shape}, {shape_W2}, ..."""
PARAMETERS = {function.name: function.parameters for function in GRADED}
"""Graded function -> its parameters: a wrong implementation takes the same ones, in order."""
SIGNATURES = PARAMETERS
"""PARAMETERS under its first name, kept for the course catalogues that use it (a "signature" is
otherwise one of the grader's generic patterns, S-...)."""

__all__ = ["mistake", "reference", "ANCHORS", "HINT_FIELDS", "PARAMETERS", "SIGNATURES"]

_entries = []
"""What @mistake registered since the loader last looked (autograder/course/loading.py)."""


def mistake(id: str, function: str, *, title: str, hint: str, anchor: str):
    """Declare the decorated function the wrong implementation of a course mistake.

    id: the course's prefix, a dash and a name ("ML101-3"); function: the graded function it
    imitates, whose parameters it takes; title: one line for the class report; hint: the
    student's hint, a template of HINT_FIELDS; anchor: a key of ANCHORS.
    """
    def register(implementation):
        _entries.append({"id": id, "function": function, "title": title, "hint": hint,
                         "anchor": anchor, "implementation": implementation})
        return implementation
    return register
