"""Grade a class with backprop-kit and, side by side in the same run, with nbgrader autograde.

Generates N notebook submissions (mostly right, a mix of catalogued mistakes), grades them with
`python -m autograder batch`, then with `nbgrader autograde` on the same notebooks (and with
`otter run` when otter-grader is installed; it is not by default: bench/requirements.txt), and
prints seconds per submission for each and the ratio. `--py N` also times N .py submissions.

The nbgrader course is a copy of this kit's with the hidden tests taken out of the test cells,
so that nbgrader runs the same in-kernel checks and nothing of ours in a subprocess: the fair
baseline, and the one the developers' guide measured (about 1.2 s per notebook over 20).

    python bench/batch_vs_nbgrader.py [--notebooks 20] [--py 1000]
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT))

MISTAKES = ("B19", "B4", "B26", "B17", "C1", "B28", "B31", "F5")
"""Every fourth student makes one of these; the rest are right."""


def mutated_function(mistake_id: str):
    """(function name, source of the mistake's wrong implementation under that name)."""
    import inspect

    from autograder.diagnosis.mutants import MUTANTS

    function, implementation = MUTANTS[mistake_id]
    source = inspect.getsource(implementation)
    source = re.sub(r"^@mutant\(.*\)\n", "", source, flags=re.MULTILINE)
    source = re.sub(r"^def \w+\(", f"def {function}(", source, count=1).replace("ref.", "")
    return function, source


def make_notebooks(folder: Path, count: int) -> list:
    import nbformat

    from autograder.release import SOURCE_NOTEBOOK

    source = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    students = []
    for index in range(count):
        notebook = nbformat.reads(nbformat.writes(source), 4)
        mistake = MISTAKES[index // 4 % len(MISTAKES)] if index % 4 == 3 else None
        wrong = mutated_function(mistake) if mistake else None
        for cell in notebook.cells:
            nbgrader = cell.metadata.get("nbgrader", {})
            if nbgrader.get("solution"):
                cell.source = "\n".join(line for line in cell.source.splitlines()
                                        if "### " not in line)
                if wrong and nbgrader["grade_id"] == wrong[0]:
                    cell.source = wrong[1]
        student = f"student{index:03d}"
        nbformat.write(notebook, str(folder / f"{student}.ipynb"))
        students.append(student)
    return students


def make_py(folder: Path, count: int) -> None:
    reference = (KIT_ROOT / "solutions" / "two_layer_net.py").read_text()
    for index in range(count):
        text = reference
        if index % 4 == 3:
            function, source = mutated_function(MISTAKES[index // 4 % len(MISTAKES)])
            pattern = re.compile(rf"^def {function}\(.*?(?=^def |^# Provided)", re.S | re.M)
            text = pattern.sub(lambda m: source + "\n\n", text, count=1)
        (folder / f"student{index:04d}.py").write_text(text)


def time_ours(folder: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder", "batch", str(folder), "--out", str(out),
                    "--force", "--seed", "1"], cwd=KIT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def time_nbgrader(notebooks: Path, students: list, work: Path) -> float:
    import nbformat

    course = work / "course"
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
    subprocess.run([*nbgrader, "generate_assignment", "backprop", "--force", "--log-level=ERROR"],
                   cwd=course, check=True, capture_output=True, env=environment)
    for student in students:
        target = course / "submitted" / student / "backprop"
        target.mkdir(parents=True)
        shutil.copy(notebooks / f"{student}.ipynb", target / "backprop.ipynb")
    started = time.perf_counter()
    subprocess.run([*nbgrader, "autograde", "backprop", "--force", "--log-level=ERROR"],
                   cwd=course, check=True, capture_output=True, env=environment)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=20)
    parser.add_argument("--py", type=int, default=0, help=".py submissions to time as well")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backprop-kit-bench-") as directory:
        work = Path(directory)
        notebooks = work / "notebooks"
        notebooks.mkdir()
        students = make_notebooks(notebooks, args.notebooks)
        ours = time_ours(notebooks, work / "results") / len(students)
        theirs = time_nbgrader(notebooks, students, work) / len(students)
        print(f"{len(students)} notebooks, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(f"  backprop-kit batch    {ours:.3f} s per notebook")
        print(f"  nbgrader autograde    {theirs:.3f} s per notebook")
        print(f"  ratio                 backprop-kit is {theirs / ours:.1f} times faster")
        try:
            import otter  # noqa: F401
            print("  otter run            installed but not wired into this script yet")
        except ImportError:
            print("  otter run            not installed (pip install -r bench/requirements.txt)")
        if args.py:
            py = work / "py"
            py.mkdir()
            make_py(py, args.py)
            seconds = time_ours(py, work / "py-results")
            print(f"{args.py} .py submissions: {seconds:.1f} s in all, "
                  f"{seconds / args.py * 1000:.0f} ms each")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of one process (grader, worker or nbgrader): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
