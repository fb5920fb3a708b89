"""A notebook's code, graded by `python -m autograder grade --json` in a new process.

Two callers hand it a notebook's code cells: the hidden tests in a kernel (hidden_tests.py) and
nbgrader's preprocessor (points.py), which decides the points. Either way the student's
code runs only in the grader's sandbox worker, never in the caller's process, and what comes
back is the grader's JSON report or GraderUnavailable: never a traceback for a student to read.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder.paths import KIT_ROOT

TIMEOUT_S = 120
"""Far above the grader's own 20 s for a submission: its start-up (numpy, matplotlib) included."""
TEST_CELL_MARKERS = ("BEGIN HIDDEN TESTS", "grade_hidden", "check(\"")
"""Test cells, not the student's code: they are left out of what is graded."""


class GraderUnavailable(Exception):
    """The grader gave no verdict: it timed out, crashed, or printed something that is not a
    report. `reason` is one sentence for the instructor; `details` (the grader's standard
    error, its grader_errors) are for a debug log only."""

    def __init__(self, reason: str, details: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.details = details


def student_source(source: str):
    """One cell's source as the grader gets it, or None for a test cell or an empty one.

    Lines about the visible checks (their import) become `pass`: the checks belong to the
    notebook, not to the submission, and the other lines keep their numbers for the hints.
    """
    if not isinstance(source, str) or any(marker in source for marker in TEST_CELL_MARKERS):
        return None
    lines = source.splitlines()
    if not any(line.strip() and "backprop_checks" not in line for line in lines):
        return None
    return "\n".join(line[:len(line) - len(line.lstrip())] + "pass" if "backprop_checks" in line
                     else line for line in lines)


def grade_cells(cells: list, name: str = "submission.ipynb", timeout: float = TIMEOUT_S,
                catalogue: str = "") -> dict:
    """The grader's JSON report on a notebook made of `cells` (nbformat cells).

    name: the notebook's file name, as the report's messages will call it. catalogue: the
    course catalogue's path (python -m autograder grade --catalogue), or "" for none.
    Raises GraderUnavailable when there is no usable report.
    """
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = list(cells)
    with tempfile.TemporaryDirectory(prefix="backprop-kit-grade-") as directory:
        path = Path(directory) / name
        nbformat.write(notebook, str(path))
        # nbgrader's variables describe nbgrader's run, not the grader's.
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("NBGRADER")}
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "autograder", "grade", str(path), "--json",
                 *(["--catalogue", str(catalogue)] if catalogue else [])],
                cwd=KIT_ROOT, capture_output=True, text=True, env=environment,
                stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise GraderUnavailable(f"python -m autograder grade did not finish within "
                                    f"{timeout:g} s") from None
        except OSError as error:
            raise GraderUnavailable(f"python -m autograder grade could not be started "
                                    f"({error.strerror or error})") from None
    return _parse(completed)


def _parse(completed) -> dict:
    """The report in the grader's standard output, checked for what the callers read."""
    stderr = completed.stderr.strip()
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        report = None
    if not _is_report(report):
        raise GraderUnavailable(f"python -m autograder grade exited with status "
                                f"{completed.returncode} without a report", stderr)
    if report.get("grader_errors") and not report["exercises"]:
        raise GraderUnavailable("python -m autograder grade failed on this notebook, a problem "
                                "of the grader's own", "\n".join(report["grader_errors"]))
    return report


def _is_report(report) -> bool:
    """Whether `report` has the fields of the --json contract that a verdict is read from."""
    if not isinstance(report, dict) or not isinstance(report.get("exercises"), list):
        return False
    return all(isinstance(exercise, dict) and isinstance(exercise.get("name"), str)
               and isinstance(exercise.get("passed"), bool)
               and isinstance(exercise.get("hints", []), list)
               for exercise in report["exercises"])
