"""Grade one submission with the hidden pytest suite, in this process: `python -m autograder grade`.

The suite (suite/, one thin test per graded function) runs through pytest_plugin.py, which
hands each test the grader's verdict; what the student sees is printed by the reporters. A bug
of the grader's own never shows a traceback: the student gets one plain sentence and the
instructor the details (grader_errors in the --json report).
"""

import contextlib
import io
import os
import traceback
from dataclasses import asdict
from pathlib import Path

from autograder.judge.results import SubmissionResult
from autograder.judge.settings import Settings
from autograder.paths import SUITE

GRADER_PROBLEM = ("The grader had a problem with this submission; this is not a problem with "
                  "your code. Your instructor has the details (grader_errors in the --json "
                  "report).")


def grade_command(path: Path, seed: int, settings: Settings, as_json: bool,
                  more: bool = False) -> int:
    """Grade `path` and print its report, as JSON or for a terminal; the exit status (0).

    The terminal shows each hint's first rung, or with `more` the rungs a student may ask for
    (Settings.student_hint_level); the JSON, which is the instructor's, holds every rung."""
    try:
        result = grade_with_pytest(path, seed, settings)
    except Exception:  # a bug of ours: a plain sentence for students, the details for instructors
        result = SubmissionResult(str(path), seed, error=GRADER_PROBLEM,
                                  settings=asdict(settings),
                                  grader_errors=[traceback.format_exc()])
    if as_json:
        from autograder.reporters.json_report import render_json

        print(render_json(result))
    else:
        from autograder.reporters.terminal import render_terminal

        render_terminal(result, level=min(2 if more else 1, settings.student_hint_level)
                        if settings.student_hint_level < 3 or not more else 3)
    return 0


def grade_with_pytest(path: Path, seed: int, settings: Settings):
    """Run the hidden suite on one submission, in this process, and return its result.

    pytest's own output is kept off standard output (the CLI prints its own report), and its
    cache is off, so grading writes nothing beside the kit.
    """
    from autograder.grading.grader import SubmissionGrader

    grader = SubmissionGrader(path, seed, settings)  # the worker starts importing now
    try:
        import pytest

        from autograder.grading.pytest_plugin import GradingPlugin

        # The suite needs no third-party plugin; loading every installed one (jupyter's
        # anyio, ...) costs more than grading.
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        pytest_output = io.StringIO()
        with contextlib.redirect_stdout(pytest_output), \
                contextlib.redirect_stderr(pytest_output):
            pytest.main([str(SUITE), "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                         "--rootdir", str(SUITE), "-c", str(SUITE / "pytest.ini")],
                        plugins=[GradingPlugin(grader)])
        return grader.finish()
    finally:
        grader.close()
