"""Gradescope: grade one submission inside Gradescope's container (run_autograder calls this).

The student's files are in /autograder/submission, and Gradescope reads
/autograder/results/results.json. Every path here is a parameter, so tests run the same code in
a temporary folder laid out like /autograder.
"""

import json
import time
from pathlib import Path

from autograder.classroom.batch import write_atomically


def run(root: Path, seed: int, settings, hidden_visibility: str = "after_published") -> dict:
    """Grade root/submission and write root/results/results.json in Gradescope's schema.

    Each function is graded twice: on the notebook's checks (the inputs of the visible checks,
    which students already have), shown at once, and on fresh hidden inputs, which carry the
    points and are shown as `hidden_visibility` says (after the instructor publishes, by
    default), so a submission cannot be tuned to what students see.
    """
    from autograder.classroom.batch import SUFFIXES
    from autograder.grading.grader import grade_path
    from autograder.release.fixture_writer import RELEASE_SEED

    started = time.monotonic()
    submission_dir = root / "submission"
    found = sorted(p for p in submission_dir.rglob("*")
                   if p.is_file() and p.suffix.lower() in SUFFIXES
                   and ".ipynb_checkpoints" not in p.parts)
    if len(found) != 1:
        what = "no .py or .ipynb file" if not found else \
            f"{len(found)} files: " + ", ".join(p.name for p in found[:5])
        results = {"score": 0, "output": f"Your submission holds {what}; upload exactly one "
                                         "(your two_layer_net.py or your notebook).",
                   "tests": []}
    else:
        hidden = grade_path(found[0], seed, settings)
        visible = grade_path(found[0], RELEASE_SEED, settings)
        results = to_gradescope(hidden, visible, hidden_visibility)
    results["execution_time"] = round(time.monotonic() - started, 2)
    out = root / "results"
    out.mkdir(parents=True, exist_ok=True)
    write_atomically(out / "results.json", json.dumps(results, indent=2))
    return results


def to_gradescope(hidden, visible=None, hidden_visibility: str = "after_published") -> dict:
    """Gradescope's results.json: per function, the notebook's checks (visible, no points) and
    the hidden checks (the points); the grader's own errors in a test only instructors see."""
    tests = []
    for number, exercise in enumerate(hidden.exercises, start=1):
        if visible is not None and not visible.error:
            shown = visible.exercises[number - 1]
            tests.append({"name": f"{shown.name}: the notebook's checks", "number": f"{number}.1",
                          "score": 0, "max_score": 0,
                          "status": "passed" if shown.passed else "failed",
                          "output": _output(shown, "the same checks as in your notebook"),
                          "visibility": "visible"})
        tests.append({"name": f"{exercise.name}: hidden checks", "number": f"{number}.2",
                      "score": exercise.score, "max_score": exercise.max_score,
                      "output": _output(exercise, "new inputs you have not seen"),
                      "visibility": hidden_visibility})
    errors = hidden.grader_errors + (visible.grader_errors if visible is not None else [])
    if errors:
        tests.append({"name": "Grader details (instructors only)", "score": 0, "max_score": 0,
                      "output": "\n\n".join(errors), "visibility": "hidden"})
    header = f"Graded with seed {hidden.seed}."
    if hidden.error:
        header = hidden.error
    elif hidden.notes:
        header += "\n" + "\n".join(hidden.notes)
    return {"score": hidden.score, "output": header, "tests": tests,
            "stdout_visibility": "hidden"}


def _output(exercise, inputs: str) -> str:
    if exercise.passed:
        return f"Passed on {inputs}."
    return "\n\n".join(exercise.hints) or "Failed."
