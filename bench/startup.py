"""Where one `grade` of a right `.py` spends its time, beside `python -c "import numpy"`.

Issue 19's goal: one `python -m autograder grade` of a right submission in at most 3 times what
importing numpy alone takes on the same machine. This runs both, alternating, N times each in
fresh processes, and reports the medians and their ratio; then the parts of one grade, in the
order `grade` takes them (grading/run.py), timed in one process: the zygote spawned first (it
then starts Python and imports numpy in a process of its own, launch.py), the grader's modules
imported, the submission read and its worker ordered (the calls made meanwhile), the reporter
imported, the wait for the worker, the calls and checks, the report, the zygote closed.

Both run as Python runs by default, writing and reading bytecode caches: an environment that
sets PYTHONDONTWRITEBYTECODE (as some containers do) is cleared of it, and the first run, which
writes the caches and the zygote's compiled source, is not counted.

    python bench/startup.py [--runs 15] [--submission solutions/two_layer_net.py] [--kit DIR]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent

PARTS = '''
import io, sys, time
marks = [time.perf_counter()]
try:
    from autograder.sandbox.launch import spawn_zygote
except ImportError:  # a kit from before issue 19, which started its zygote with the sandbox
    spawn_zygote = lambda: None
spawn_zygote()
marks.append(time.perf_counter())
from autograder.grading.grader import SubmissionGrader
from autograder.judge.settings import Settings
marks.append(time.perf_counter())
grader = SubmissionGrader(sys.argv[1], 1, Settings())
marks.append(time.perf_counter())
from autograder.reporters.terminal import render_terminal
marks.append(time.perf_counter())
grader.wait_ready()
marks.append(time.perf_counter())
result = grader.finish()
marks.append(time.perf_counter())
render_terminal(result, file=io.StringIO())
marks.append(time.perf_counter())
from autograder.sandbox.zygote import close_zygotes
close_zygotes()
marks.append(time.perf_counter())
print(*(later - earlier for earlier, later in zip(marks, marks[1:])))
'''
PART_NAMES = ("zygote spawned", "grader imported (numpy too)", "worker ordered, calls made",
              "reporter imported", "waited for the worker", "calls and checks", "report",
              "zygote closed")


ENVIRONMENT = {name: value for name, value in os.environ.items()
               if name != "PYTHONDONTWRITEBYTECODE"}


def wall(command) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=KIT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, env=ENVIRONMENT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--submission", default="solutions/two_layer_net.py")
    parser.add_argument("--kit", type=Path, default=None,
                        help="the kit to measure (another checkout, for a before/after)")
    args = parser.parse_args()
    global KIT
    KIT = (args.kit or KIT).resolve()
    grade = [sys.executable, "-m", "autograder", "grade", args.submission, "--seed", "1"]
    numpy = [sys.executable, "-c", "import numpy"]
    python = [sys.executable, "-c", "pass"]
    times = {"grade": [], "numpy": [], "python": []}
    wall(grade)  # the first run writes __pycache__; a student's first run pays that once
    for _ in range(args.runs):
        times["grade"].append(wall(grade))
        times["numpy"].append(wall(numpy))
        times["python"].append(wall(python))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.runs} runs each, medians: grade {medians['grade']:.3f} s, "
          f"python -c 'import numpy' {medians['numpy']:.3f} s, python -c pass "
          f"{medians['python']:.3f} s; grade / numpy = {medians['grade'] / medians['numpy']:.2f}")
    parts = []
    for _ in range(max(3, args.runs // 3)):
        out = subprocess.run([sys.executable, "-c", PARTS, args.submission], cwd=KIT,
                             capture_output=True, text=True, check=True,
                             env=ENVIRONMENT).stdout.split()
        parts.append([float(value) for value in out[-len(PART_NAMES):]])
    print(f"parts of one grade, in one process, after Python's own start ({medians['python']:.3f}"
          " s), medians in s: " + ", ".join(
              f"{name} {statistics.median(p[i] for p in parts):.3f}"
              for i, name in enumerate(PART_NAMES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
