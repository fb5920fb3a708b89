"""nbgrader's points for the kit's test cells, decided in nbgrader's process, not in the kernel.

nbgrader scores a test cell by the outputs the student's kernel gave it (utils.determine_grade:
an error output, or anything on stderr, is 0; otherwise full points). A kernel runs the
student's code first, so it can make any test cell look clean: replace `check`, or answer the
hidden test's call to the grader with a made-up report. So the kit does not let the kernel
decide. GraderPoints runs in nbgrader's own process, after Execute and before SaveAutoGrades
(nbgrader_config.py puts it there, with_grader_points below): it grades the notebook's code
once with `python -m autograder grade --json` in a new process (grader_process.py; the student's
code runs only in the grader's sandbox worker), then replaces the outputs of every graded test
cell with that verdict, whatever the kernel printed there. A function that passes gets one
clean line; one that fails gets an error output carrying its hints, so nbgrader gives 0 and
generate_feedback shows the hints.

Everything read here comes from the notebook object in nbgrader's process, which the kernel's
messages cannot change (nbclient only adds outputs and execution counts): the test cells'
sources are the ones OverwriteCells restored from the gradebook, and the student's code is the
sources of the other code cells.
"""

import re
import textwrap
import traceback

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Unicode

from autograder.integrations.nbgrader.grader_process import (TIMEOUT_S, GraderUnavailable,
                                                             grade_cells, student_source)
from autograder.judge.student_api import GRADED_NAMES
from autograder.judge.wording import fold

_GRADED_CALL = re.compile(r"""\b(grade_hidden|check)\(\s*["'](\w+)["']""")
PASSED = "✓ {name} passed the autograder's hidden tests (seed {seed})."
FAILED = "✗ {name} does not pass the autograder's hidden tests (seed {seed})."
UNAVAILABLE = ("The autograder could not grade this notebook, so this cell has 0 points for now. "
               "This is not a verdict on your code: your instructor has been told.")
FOR_THE_INSTRUCTOR = ("For the instructor: {reason}. nbgrader autograde's log says more; "
                      "autograde this notebook again once the grader runs.")


def with_grader_points(preprocessors) -> list:
    """nbgrader's autograde preprocessors with GraderPoints just before SaveAutoGrades.

    nbgrader's own order is kept: Execute runs the kernel, the preprocessors nbgrader has after
    it (IgnorePattern, LimitOutput, ...) see the kernel's outputs, then GraderPoints sets the
    graded test cells' outputs, and only after that does SaveAutoGrades score them.
    """
    preprocessors = [each for each in preprocessors if preprocessor_name(each) != "GraderPoints"]
    names = [preprocessor_name(each) for each in preprocessors]
    if "Execute" not in names or "SaveAutoGrades" not in names \
            or names.index("Execute") > names.index("SaveAutoGrades"):
        raise ValueError("GraderPoints goes between nbgrader's Execute and SaveAutoGrades, "
                         f"but the autograde preprocessors are {names}")
    at = names.index("SaveAutoGrades")
    return preprocessors[:at] + [GraderPoints] + preprocessors[at:]


def preprocessor_name(preprocessor) -> str:
    """A preprocessor's class name, whether given as a class, an instance or a dotted path."""
    if isinstance(preprocessor, str):
        return preprocessor.rsplit(".", 1)[-1]
    return (preprocessor if isinstance(preprocessor, type) else type(preprocessor)).__name__


class GraderPoints(NbGraderPreprocessor):
    """Set each graded test cell's outcome from the sandboxed grader's verdict."""

    timeout = Float(TIMEOUT_S, help=textwrap.dedent("""
        Seconds python -m autograder grade may take on one notebook before every graded test
        cell of that notebook gets 0 and a message saying the grader could not grade it.
        """)).tag(config=True)
    catalogue = Unicode("", help=textwrap.dedent("""
        The course catalogue (a Python file of the course's own mistakes, see
        docs/course-catalogues.md), passed to python -m autograder grade --catalogue; "" for
        none.
        """)).tag(config=True)

    def preprocess(self, nb, resources):
        graded = [(cell, graded_function(cell)) for cell in nb.cells]
        graded = [(cell, name) for cell, name in graded if name is not None]
        if not graded:
            return nb, resources
        ids = resources.get("nbgrader", {})
        notebook = f"{ids.get('notebook', 'submission')}.ipynb"
        who = f"{ids.get('student', 'a student')}'s {notebook}"
        try:
            report = grade_cells(student_code(nb), name=notebook, timeout=self.timeout,
                                 catalogue=self.catalogue)
            outputs = {name: verdict_outputs(name, report) for _, name in graded}
            if report.get("grader_errors"):
                self.log.warning("backprop-kit: the grader had a problem of its own while "
                                 "explaining a mistake in %s; the verdicts stand and the hint "
                                 "says so. python -m autograder grade --json on it shows "
                                 "grader_errors.", who)
                self.log.debug("%s", "\n".join(report["grader_errors"]))
        except GraderUnavailable as problem:
            outputs = self._unavailable(who, graded, problem.reason, problem.details)
        except Exception:  # a bug of ours: 0 points and a plain message, never a traceback
            outputs = self._unavailable(who, graded, "backprop-kit's preprocessor failed",
                                        traceback.format_exc())
        for cell, name in graded:
            cell.outputs = outputs[name]
        return nb, resources

    def _unavailable(self, who, graded, reason, details) -> dict:
        """Every graded test cell's outputs when there is no verdict: 0 points, and why; logged.
        Built from plain text only, so that nothing here can fail in turn."""
        last_words = details.strip().splitlines()[-1] if details.strip() else ""
        self.log.error("backprop-kit could not grade %s: %s%s. Its graded test cells get 0 and "
                       "say so.", who, reason, f" (last line: {last_words})" if last_words else "")
        if details:
            self.log.debug("%s", details)
        return {name: unavailable_outputs(reason) for _, name in graded}


def graded_function(cell):
    """The graded function a test cell grades (read from its source), or None for other cells.

    A test cell is a code cell nbgrader grades that is not an answer; its source names the
    function in `grade_hidden("name")` (preferred) or `check("name", ...)`. A graded cell that
    names no graded function is not the kit's: its points stay as nbgrader determines them.
    """
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    if cell.get("cell_type") != "code" or not nbgrader.get("grade") or nbgrader.get("solution"):
        return None
    calls = {function: name for function, name in reversed(_GRADED_CALL.findall(cell.source))}
    name = calls.get("grade_hidden") or calls.get("check")
    return name if name in GRADED_NAMES else None


def student_code(nb) -> list:
    """The notebook's cells as the grader gets them: the student's code cells, the import of
    the visible checks made `pass`, tags kept (the grader skips "skip-when-grading"); every
    other cell (markdown, test cells) an empty markdown cell, so that each cell keeps its
    position and a hint's "cell N" is the notebook's."""
    cells = []
    for cell in nb.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        is_test_cell = nbgrader.get("grade") and not nbgrader.get("solution")
        source = None if cell.get("cell_type") != "code" or is_test_cell \
            else student_source(cell.source)
        if source is None:
            cells.append(nbformat.v4.new_markdown_cell(""))
            continue
        tags = list(cell.get("metadata", {}).get("tags", []))
        cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tags} if tags else {}))
    return cells


def verdict_outputs(name: str, report: dict) -> list:
    """The outputs of `name`'s test cell: one line if it passed, else an error with its hints."""
    exercise = next((exercise for exercise in report.get("exercises", [])
                     if exercise["name"] == name), None)
    if report.get("error") or exercise is None:  # the submission as a whole could not be used
        problem = report.get("error") or f"The grader's report has no verdict on {name}."
        return [_error("HiddenTestFailed", f"{name}: the notebook could not be graded",
                       [f"✗ {name}: the notebook could not be graded.", ""] + fold(problem))]
    seed = report.get("seed")
    if exercise["passed"]:
        return [_stream(PASSED.format(name=name, seed=seed) + "\n")]
    lines = [FAILED.format(name=name, seed=seed)]
    for hint in exercise.get("hints", []):
        lines += [""] + fold(hint)
    return [_error("HiddenTestFailed", f"{name} does not pass the autograder's hidden tests",
                   lines)]


def unavailable_outputs(reason: str) -> list:
    """A test cell's outputs when the grader gave no verdict: 0 points, for the student and the
    instructor alike, with no traceback."""
    return [_error("GraderUnavailable", UNAVAILABLE,
                   [UNAVAILABLE, "", FOR_THE_INSTRUCTOR.format(reason=reason)])]


def _stream(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def _error(ename, evalue, lines):
    """An error output: nbgrader gives the cell 0; its lines are what feedback pages show."""
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=list(lines))
