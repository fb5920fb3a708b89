"""nbgrader autograde on the benchmark's notebooks: a course set up as an instructor would.

The course is a copy of this kit's (the repository root is an nbgrader course) with the hidden
tests taken out of the test cells, so that nbgrader runs the same in-kernel checks as the
notebook's visible ones and nothing of ours in a subprocess: the fair baseline, and the one the
developers' guide measured (1.5 to 2 s per notebook over 20 or 100). Its configuration is the
kit's course settings alone (PEER_SETTINGS): not GraderPoints, which runs our grader on every
notebook, nor the kernel's jail, nor the hook that writes the checks' source copy (written
here, as `release` does), so that the peer's time holds nothing of ours.
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
PEER_SETTINGS = ("c.CourseDirectory.", "c.ClearSolutions.", "c.Execute.")
"""The lines of the kit's nbgrader_config.py that plain nbgrader gets: the course's layout,
its stub and its time limit."""


def peer_config() -> str:
    """nbgrader_config.py for the peer: the kit's course settings, nothing of the kit's own."""
    lines = (KIT_ROOT / "nbgrader_config.py").read_text().splitlines()
    settings = [line for line in lines if line.startswith(PEER_SETTINGS)]
    return "c = get_config()  # noqa: F821\n" + "\n".join(settings) + "\n"


def grade_with_nbgrader(notebooks: Path, students: list, work: Path, shape=None):
    """(Run of `nbgrader autograde`, {student: score}) for every notebook in `notebooks`;
    shape: applied to the source notebook (the lightest notebook's cells), or None."""
    import nbformat

    from autograder.release.bundle import BUNDLE_NAME, write_bundle

    course = work / "nbgrader-course"
    shutil.copytree(KIT_ROOT / "solutions", course / "solutions",
                    ignore=shutil.ignore_patterns("__pycache__", BUNDLE_NAME))
    (course / "nbgrader_config.py").write_text(peer_config())
    write_bundle(course / "solutions" / "backprop")
    source = course / "solutions" / "backprop" / "backprop.ipynb"
    notebook = nbformat.read(str(source), 4)
    for cell in notebook.cells:
        cell.source = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "",
                             cell.source, flags=re.S)
    if shape is not None:
        notebook = shape(notebook)
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
