"""The notebook's hidden tests: grade the notebook's code with the real grader, fresh inputs.

nbgrader runs a notebook's hidden tests in the same kernel as the student's code. So these
tests do not check anything in that kernel: they hand the code the kernel has run (IPython's
raw input history) to `python -m autograder grade` in a new process, which runs it in its sandbox on inputs
drawn anew, and report that verdict and its hints. The source notebook's graded test cells call
`grade_hidden(name)` between "### BEGIN HIDDEN TESTS" and "### END HIDDEN TESTS".
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder.visible import wrap

KIT_ROOT = Path(__file__).resolve().parent.parent
_TEST_CELL_MARKERS = ("BEGIN HIDDEN TESTS", "grade_hidden", "check(\"")
"""Test cells, not the student's code: they are left out of what is graded."""
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
    cells = []
    for source in history:
        if not isinstance(source, str) or any(marker in source for marker in _TEST_CELL_MARKERS):
            continue
        source = "\n".join(line for line in source.splitlines() if "backprop_checks" not in line)
        if source.strip():
            cells.append(source)
    return cells


def _report(cells: list) -> dict:
    """The grader's JSON report on these cells (cached: the code is graded once per state)."""
    import nbformat

    key = hashlib.sha256("\0".join(cells).encode()).hexdigest()
    if key not in _REPORTS:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        with tempfile.TemporaryDirectory(prefix="backprop-kit-hidden-") as directory:
            path = Path(directory) / "submission.ipynb"
            nbformat.write(notebook, str(path))
            environment = {key: value for key, value in os.environ.items()
                           if not key.startswith("NBGRADER")}
            completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path),
                                        "--json"], cwd=KIT_ROOT, capture_output=True,
                                       text=True, env=environment, timeout=120)
        try:
            _REPORTS[key] = json.loads(completed.stdout)
        except json.JSONDecodeError:
            _REPORTS[key] = {"error": "The hidden tests could not run the grader "
                                      f"({completed.stderr.strip()[-300:]})."}
    return _REPORTS[key]
