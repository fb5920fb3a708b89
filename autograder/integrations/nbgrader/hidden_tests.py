"""The notebook's hidden tests: grade the notebook's code with the real grader, fresh inputs.

The source notebook's graded test cells call `grade_hidden(name)` between "### BEGIN HIDDEN
TESTS" and "### END HIDDEN TESTS". They do not check anything in the kernel they run in: they
hand the code the kernel has run (IPython's raw input history) to `python -m autograder grade`
in a new process (grader_process.py), which runs it in its sandbox on inputs drawn anew, and
print that verdict and its hints. What they print is for whoever runs the source notebook;
under `nbgrader autograde` the points come from points.py instead, in nbgrader's own
process, because a kernel can fake anything it is asked.
"""

import hashlib

from autograder.integrations.nbgrader.grader_process import (GraderUnavailable, grade_cells,
                                                             student_source)
from autograder.judge.wording import wrap

_REPORTS = {}


class HiddenTestFailed(AssertionError):
    """A hidden test's verdict: the function does not pass (its hints were printed)."""


def grade_hidden(name: str, history=None) -> None:
    """Grade `name` in the code run so far; print its verdict and hints; raise if it fails.

    history: the cells run so far, as typed; by default the kernel's raw input history (not
    `In`, whose magics are already rewritten into get_ipython() calls).
    """
    if history is None:
        from IPython import get_ipython

        history = get_ipython().history_manager.input_hist_raw
    report = _report(_student_cells(history))
    if report.get("error"):
        print(report["error"])
        raise HiddenTestFailed(f"{name}: the notebook could not be graded.")
    exercise = next(e for e in report["exercises"] if e["name"] == name)
    if exercise["passed"]:
        print(f"✓ {name} passed the hidden tests (seed {report['seed']}).")
        return
    print(f"✗ {name} (hidden tests, seed {report['seed']})\n")
    for hint in exercise["hints"]:
        print(wrap(hint) + "\n")
    raise HiddenTestFailed(f"{name} does not pass the hidden tests: see the hint above.")


def _student_cells(history) -> list:
    """The cells run so far, less the test cells and the import of the visible checks."""
    return [source for source in map(student_source, history) if source is not None]


def _report(cells: list) -> dict:
    """The grader's JSON report on these cells (cached: the code is graded once per state)."""
    import nbformat

    key = hashlib.sha256("\0".join(cells).encode()).hexdigest()
    if key not in _REPORTS:
        try:
            _REPORTS[key] = grade_cells([nbformat.v4.new_code_cell(source) for source in cells])
        except GraderUnavailable as problem:
            _REPORTS[key] = {"error": f"The hidden tests could not run the grader: "
                                      f"{problem.reason}. This is not a problem with your code."}
    return _REPORTS[key]
