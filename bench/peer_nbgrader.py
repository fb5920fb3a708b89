"""nbgrader autograde on the benchmark's notebooks: a course set up as an instructor would.

The course is a copy of this kit's (the repository root is an nbgrader course) with the hidden
tests taken out of the test cells, so that nbgrader runs the same in-kernel checks as the
notebook's visible ones and nothing of ours in a subprocess: the fair baseline, and the one the
developers' guide measured (about 1.2 s per notebook over 20).
"""

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from measure import Run, measure

KIT_ROOT = Path(__file__).resolve().parent.parent


def grade_with_nbgrader(notebooks: Path, students: list, work: Path):
    """(Run of `nbgrader autograde`, {student: score}) for every notebook in `notebooks`."""
    import nbformat

    course = work / "nbgrader-course"
    for name in ("autograder", "solutions"):
        shutil.copytree(KIT_ROOT / name, course / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(KIT_ROOT / "nbgrader_config.py", course)
    source = course / "solutions" / "backprop" / "backprop.ipynb"
    notebook = nbformat.read(str(source), 4)
    for cell in notebook.cells:
        cell.source = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "",
                             cell.source, flags=re.S)
    nbformat.write(notebook, str(source))
    environment = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}"
                                        f"{os.environ['PATH']}")
    nbgrader = [sys.executable, "-m", "nbgrader"]
    quiet = "--log-level=ERROR"
    subprocess.run([*nbgrader, "generate_assignment", "backprop", "--force", quiet],
                   cwd=course, check=True, capture_output=True, env=environment)
    for student in students:
        target = course / "submitted" / student / "backprop"
        target.mkdir(parents=True)
        shutil.copy(notebooks / f"{student}.ipynb", target / "backprop.ipynb")
    run = measure([*nbgrader, "autograde", "backprop", "--force", quiet], course, environment)
    subprocess.run([*nbgrader, "export", quiet], cwd=course, check=True, capture_output=True,
                   env=environment)
    with open(course / "grades.csv") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    return run, scores


__all__ = ["grade_with_nbgrader", "Run"]
