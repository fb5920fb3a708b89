"""Where one `grade` of a right `.py` spends its time, beside `python -c "import numpy"`.

Issue 19's goal: one `python -m autograder grade` of a right submission in at most 3 times what
importing numpy alone takes on the same machine. This runs both, alternating, N times each in
fresh processes, and reports the medians and their ratio; then the parts of one grade, measured
in one process (`python -X importtime` would slow each import down): Python itself, numpy, the
kit's modules, the worker's start (the zygote imports numpy in a process of its own, then forks
the worker, which runs the submission), the calls and checks, and the report.

    python bench/startup.py [--runs 15] [--submission solutions/two_layer_net.py] [--kit DIR]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent

PARTS = '''
import sys, time
started = time.perf_counter()
import numpy
numpy_done = time.perf_counter()
from autograder.grading.grader import SubmissionGrader
from autograder.judge.settings import Settings
kit_done = time.perf_counter()
grader = SubmissionGrader(sys.argv[1], 1, Settings())
grader.wait_ready()
ready = time.perf_counter()
result = grader.finish()
graded = time.perf_counter()
import io
from autograder.reporters.terminal import render_terminal
render_terminal(result, file=io.StringIO())
reported = time.perf_counter()
print(numpy_done - started, kit_done - numpy_done, ready - kit_done, graded - ready,
      reported - graded)
'''


def wall(command) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=KIT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
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
                             capture_output=True, text=True, check=True).stdout.split()
        parts.append([float(value) for value in out[-5:]])
    names = ("numpy import", "kit import", "worker ready", "calls and checks", "report")
    print("parts of one grade, in one process (medians, s): " + ", ".join(
        f"{name} {statistics.median(p[i] for p in parts):.3f}" for i, name in enumerate(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
