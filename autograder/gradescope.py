"""Gradescope: build the autograder zip, and grade inside Gradescope's container.

Gradescope unpacks the zip into /autograder/source, runs setup.sh once, then run_autograder for
each submission, with the student's files in /autograder/submission, and reads
/autograder/results/results.json. Every path here is a parameter, so tests run the same code in
a temporary folder laid out like /autograder.
"""

import json
import zipfile
from pathlib import Path

from autograder.reference import KIT_ROOT

KIT_FILES = ("autograder", "solutions/two_layer_net.py", "requirements.txt")
"""What the container needs: the grader and the reference. No notebook, no tests, no git."""

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the image.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-pip python3-venv
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q -r /autograder/source/requirements.txt
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission.
cd /autograder/source
/autograder/venv/bin/python -m autograder gradescope-run --root /autograder
"""


def build_zip(path: Path) -> Path:
    """Write Gradescope's autograder zip: setup.sh, run_autograder and the kit."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            archive.writestr(info, text)
        for relative in KIT_FILES:
            source = KIT_ROOT / relative
            files = [source] if source.is_file() else sorted(
                p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            for file in files:
                archive.write(file, file.relative_to(KIT_ROOT).as_posix())
    return path


def run(root: Path, seed: int, settings, visibility: str = "visible") -> dict:
    """Grade root/submission and write root/results/results.json in Gradescope's schema."""
    from autograder.batch import SUFFIXES
    from autograder.grading import grade_path

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
        results = to_gradescope(grade_path(found[0], seed, settings), visibility)
    out = root / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    return results


def to_gradescope(result, visibility: str = "visible") -> dict:
    """A SubmissionResult in Gradescope's results.json schema: one test per graded function."""
    tests = []
    for exercise in result.exercises:
        output = "Passed." if exercise.passed else "\n\n".join(exercise.hints)
        tests.append({"name": exercise.name, "score": exercise.score,
                      "max_score": exercise.max_score, "output": output,
                      "visibility": visibility})
    if result.grader_errors:
        tests.append({"name": "Grader details (instructors only)", "score": 0, "max_score": 0,
                      "output": "\n\n".join(result.grader_errors), "visibility": "hidden"})
    header = f"Graded with seed {result.seed}."
    if result.error:
        header = result.error
    elif result.notes:
        header += "\n" + "\n".join(result.notes)
    return {"score": result.score, "output": header, "tests": tests,
            "stdout_visibility": "hidden"}
