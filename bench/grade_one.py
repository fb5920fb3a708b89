"""How long does grading one .py submission take, start to finish, as a user runs it?

Runs `python -m autograder grade SUBMISSION --json` in a fresh process, several times for each
of a few submissions (the reference, a student's submission with mistakes, the untouched
assignment, a submission whose import fails, the solution notebook), and prints the median and the slowest run of
each against the issue's budget of 1 s median.

    python bench/grade_one.py [--runs 15]
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = {
    "reference (full marks)": KIT_ROOT / "solutions" / "two_layer_net.py",
    "student with two mistakes": KIT_ROOT / "examples" / "student_submission.py",
    "untouched assignment": KIT_ROOT / "assignments" / "two_layer_net.py",
    "import fails": KIT_ROOT / "tests" / "files" / "import_fails.py",
    "solution notebook (.ipynb)": KIT_ROOT / "solutions" / "backprop" / "backprop.ipynb",
}
BUDGET_S = 1.0


def time_one(path: Path, seed: int) -> float:
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path), "--json",
                                "--seed", str(seed)], cwd=KIT_ROOT, capture_output=True,
                               text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"grading {path} failed: {completed.stderr[-500:]}")
    json.loads(completed.stdout)
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per submission (default 15)")
    args = parser.parse_args(argv)
    print(f"python -m autograder grade, {args.runs} runs per submission, "
          f"{sys.version.split()[0]}")
    all_times = []
    for label, path in SUBMISSIONS.items():
        time_one(path, 0)  # warm the file cache
        times = [time_one(path, seed) for seed in range(args.runs)]
        all_times += times
        print(f"  {label:<28} median {statistics.median(times):.3f} s   "
              f"slowest {max(times):.3f} s")
    median = statistics.median(all_times)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  {'all':<28} median {median:.3f} s   = {median / BUDGET_S:.2f} of the "
          f"{BUDGET_S:g} s budget")
    print(f"  peak memory of one grading process: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
