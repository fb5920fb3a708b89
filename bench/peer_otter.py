"""Otter-Grader's `otter run` on the benchmark's notebooks (no Docker: it does not run here).

The autograder zip holds one OK-format test per graded function that runs the notebook's
visible check, as nbgrader's test cells do, with the checks' package as a support file. Each
student notebook loses its nbgrader test cells (Otter brings its own tests) and its
"skip-when-grading" cells get Otter's own tag for that, "otter_ignore". `otter run` grades one
notebook per command, as its documentation describes, so the class costs one run each.
"""

import json
import shutil
import subprocess
from pathlib import Path

from measure import Run, measure

KIT_ROOT = Path(__file__).resolve().parent.parent
CHECKS = KIT_ROOT / "assignments" / "backprop" / "backprop_checks"
"""The students' copy of the visible checks (committed; the source folder's is generated)."""

# OK_FORMAT = True is required (otter 7 calls the file malformed without it). check() prints a
# line and returns its result, and a doctest with no expected output fails on any output, so
# its output is silenced; a failing check raises, which fails the doctest.
_TEST = '''OK_FORMAT = True

test = {{"name": {name!r}, "points": {points},
        "suites": [{{"cases": [{{"code": {code!r}, "hidden": False, "locked": False}}],
                    "scored": True, "setup": "", "teardown": "", "type": "doctest"}}]}}
'''


def find_otter(python: Path):
    """The `otter` command installed beside `python`, or None."""
    candidate = Path(python).parent / "otter"
    return candidate if candidate.exists() else None


def build_autograder(work: Path, otter: Path, points: dict) -> Path:
    """work/otter-autograder.zip: tests/<function>.py and files/backprop_checks/."""
    build = work / "otter-build"
    (build / "tests").mkdir(parents=True)
    for name, value in points.items():
        call = f'check("{name}", {name}' + (", globals())" if name == "backward_propagation"
                                             else ")")
        code = (">>> from contextlib import redirect_stdout\n"
                ">>> with redirect_stdout(None):\n"
                f"...     _ = {call}\n")
        (build / "tests" / f"{name}.py").write_text(
            _TEST.format(name=name, points=value, code=code))
    shutil.copytree(CHECKS, build / CHECKS.name, ignore=shutil.ignore_patterns("__pycache__"))
    archive = work / "otter-autograder.zip"
    subprocess.run([str(otter), "generate", "-t", "tests", "-o", str(archive),
                    "--no-requirements", "--no-environment", "--no-config", CHECKS.name],
                   cwd=build, check=True, capture_output=True, text=True)
    return archive


def otter_notebook(source: Path, target: Path) -> Path:
    """The student's notebook as Otter expects it (see the module docstring)."""
    import nbformat

    notebook = nbformat.read(str(source), 4)
    cells = []
    for cell in notebook.cells:
        grading = cell.metadata.get("nbgrader", {})
        if grading.get("grade") and not grading.get("solution"):
            continue
        tags = cell.metadata.get("tags", [])
        if "skip-when-grading" in tags:
            cell.metadata["tags"] = [*tags, "otter_ignore"]
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(target))
    return target


def grade_with_otter(notebooks: Path, students: list, work: Path, otter: Path, points: dict):
    """(Run of every `otter run`, {student: score})."""
    archive = build_autograder(work, otter, points)
    total = Run()
    scores = {}
    for student in students:
        notebook = otter_notebook(notebooks / f"{student}.ipynb",
                                  work / "otter-submissions" / student / "backprop.ipynb")
        out = work / "otter-results" / student
        out.mkdir(parents=True)
        total += measure([otter, "run", "--no-logo", "-a", archive, "-o", out, notebook],
                         notebook.parent)
        results = json.loads((out / "results.json").read_text())
        scores[student] = sum(test.get("score", 0) for test in results.get("tests", []))
    return total, scores
