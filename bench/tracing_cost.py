"""What does the diagnosis of issue 9 (tracing, combinations, step following) cost `grade`?

Grades the same submissions with this checkout and with an earlier revision (by default the last
one before tracing existed), side by side in one run: each revision is checked out into a
temporary git worktree, and the runs alternate between the two so that the machine's noise
falls on both alike. A correct submission is never traced (nothing fails), so its time should
not change; a submission with mistakes pays for the second exchange with the worker and for
the catalogued combinations.

    python bench/tracing_cost.py [--runs 9] [--before 89eba62]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
BEFORE = "89eba62"
"""The last revision before the tracer (its hints are the ones issue 9 set out to improve)."""
SUBMISSIONS = {
    "reference (full marks)": "solutions/two_layer_net.py",
    "example: two mistakes": "examples/student_submission.py",
    "two mistakes in one function": "tests/files/real/dw_transposed_no_one_over_m.py",
    "inline backward, W2.T * dZ2": "tests/files/real/inline_backward_w2t_elementwise.py",
}
BUDGET_S = 1.0


def time_one(kit: Path, submission: Path, seed: int):
    """(seconds, score) of one `python -m autograder grade` run from `kit`."""
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(submission),
                                "--json", "--seed", str(seed)], cwd=kit, capture_output=True,
                               text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"grading {submission} from {kit} failed: {completed.stderr[-500:]}")
    return seconds, json.loads(completed.stdout)["score"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per submission and revision")
    parser.add_argument("--before", default=BEFORE, help=f"earlier revision (default {BEFORE})")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        before = Path(temporary) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), args.before],
                       cwd=KIT_ROOT, check=True)
        try:
            return _compare(before, args.runs, args.before)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=KIT_ROOT)


def _compare(before: Path, runs: int, revision: str) -> int:
    print(f"python -m autograder grade, {runs} runs each, alternating; before = {revision}, "
          f"after = this checkout")
    print(f"  {'submission':<30} {'before':>9} {'after':>9} {'after/before':>13}  score")
    for label, relative in SUBMISSIONS.items():
        submission = KIT_ROOT / relative
        if not submission.exists():
            print(f"  {label:<30} (missing: {relative})")
            continue
        times = {"before": [], "after": []}
        scores = {}
        for kit, key in ((before, "before"), (KIT_ROOT, "after")):
            time_one(kit, submission, 0)  # warm the file cache
        for seed in range(runs):
            for kit, key in ((before, "before"), (KIT_ROOT, "after"))[::1 if seed % 2 else -1]:
                seconds, score = time_one(kit, submission, seed)
                times[key].append(seconds)
                scores[key] = score
        median_before = statistics.median(times["before"])
        median_after = statistics.median(times["after"])
        print(f"  {label:<30} {median_before:8.3f}s {median_after:8.3f}s "
              f"{median_after / median_before:12.2f}x  {scores['before']} -> {scores['after']}"
              f"{'' if median_after <= BUDGET_S else '   OVER THE 1 s BUDGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
