"""Grade one submission and print its report: `python -m autograder grade`.

The grader (grader.py) is driven directly, as batch drives it: the same verdicts as the hidden
pytest suite (suite/, one thin test per graded function, which an instructor can still run by
hand with pytest_plugin.py), without pytest's start-up, which cost more than the grading of a
right submission (issue 19, bench/startup.py). What the student sees is printed by the
reporters. A bug of the grader's own never shows a traceback: the student gets one plain
sentence and the instructor the details (grader_errors in the --json report).
"""

import traceback
from dataclasses import asdict
from pathlib import Path

from autograder.judge.results import SubmissionResult
from autograder.judge.settings import Settings

GRADER_PROBLEM = ("The grader had a problem with this submission; this is not a problem with "
                  "your code. Your instructor has the details (grader_errors in the --json "
                  "report).")


def grade_command(path: Path, seed: int, settings: Settings, as_json: bool,
                  more: bool = False) -> int:
    """Grade `path` and print its report, as JSON or for a terminal; the exit status (0).

    The terminal shows each hint's first rung, or with `more` the rungs a student may ask for
    (Settings.student_hint_level); the JSON, which is the instructor's, holds every rung."""
    try:
        from autograder.grading.grader import SubmissionGrader

        grader = SubmissionGrader(path, seed, settings)  # the worker starts: not waited for
        render = _renderer(as_json)  # imported meanwhile
        result = grader.finish()
    except Exception:  # a bug of ours: a plain sentence for students, the details for instructors
        render = _renderer(as_json)
        result = SubmissionResult(str(path), seed, error=GRADER_PROBLEM,
                                  settings=asdict(settings),
                                  grader_errors=[traceback.format_exc()])
    if as_json:
        print(render(result))
    else:
        render(result, level=min(2 if more else 1, settings.student_hint_level)
               if settings.student_hint_level < 3 or not more else 3)
    return 0


def _renderer(as_json: bool):
    """render_json, or render_terminal (which brings rich: 0.02 s to import)."""
    if as_json:
        from autograder.reporters.json_report import render_json

        return render_json
    from autograder.reporters.terminal import render_terminal

    return render_terminal
