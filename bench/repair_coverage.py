"""What the repair search buys and what it costs (issue 18), beside the revision before it.

Three measurements, each side by side with another revision of the kit (default: the commit
before the repair search, checked out into a temporary git worktree):

1. **Coverage.** Every file of a hand-written corpus (default tests/files/unseen/, read by
   tests/unseen.py) is graded by both revisions with the real command, `python -m autograder
   grade FILE --json --seed N`, in a fresh process. For each wrong function: does it get a
   specific, true hint (a catalogue id or a repair, and where a repair was found, one that
   changes a line the file names as wrong)? And do right functions stay without a hint?
2. **Cost per failed function.** In this process, with this revision, each call of the
   repair search is timed (SubmissionGrader._search_repair): median and 95th percentile over
   the failed functions of the corpus, and the number of searches run on passing functions
   (must be 0).
3. **A class.** A folder of N submissions, half of them wrong (the corpus's files, copied), half
   right (the reference and the corpus's right files), graded with `batch` by both revisions,
   each twice, alternating; the ratio of the medians.

    python bench/repair_coverage.py [--before REV] [--corpus DIR] [--class-size 1000]
                                    [--seed N] [--skip-class] [--skip-coverage]
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT))

from bench.measure import batch_class  # noqa: E402
from tests.unseen import UNSEEN, corpus, expectation, judge_file  # noqa: E402

DEFAULT_BEFORE = "34c24d0"
"""main before issue 18: the last commit without the repair search."""


def grade_json(kit: Path, path: Path, seed: int) -> SimpleNamespace:
    """One grade by `kit`'s real command, as a result judge_file can read."""
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path),
                                "--json", "--seed", str(seed)], cwd=kit, capture_output=True,
                               text=True, timeout=300)
    report = json.loads(completed.stdout)
    exercises = [SimpleNamespace(name=e["name"], passed=e["passed"], hints=e["hints"],
                                 mistakes=e["mistakes"], repair=e.get("repair") or {})
                 for e in report["exercises"]]
    return SimpleNamespace(exercises=exercises, error=report.get("error"))


def coverage(kit: Path, files: list, seed: int) -> dict:
    verdicts, problems = [], []
    for path in files:
        found, wrong = judge_file(path, grade_json(kit, path, seed))
        verdicts += found
        problems += wrong
    good = [v for v in verdicts if v.specific and v.true]
    return {"wrong functions": len(verdicts), "specific and true": len(good),
            "share": len(good) / len(verdicts) if verdicts else 0.0, "problems": problems,
            "missed": [(v.path, v.function, v.kind, v.mistakes[:2]) for v in verdicts
                       if v not in good]}


def search_costs(files: list, seed: int) -> dict:
    """Seconds of each repair search, timed in this process (the search itself runs its
    candidates in the sandbox's worker, as in grading)."""
    from autograder.grading import grader as grader_module
    from autograder.judge.settings import Settings

    timings, on_passing = [], 0
    original = grader_module.SubmissionGrader._search_repair

    def timed(self, name, calls, outcomes):
        started = time.perf_counter()
        try:
            return original(self, name, calls, outcomes)
        finally:
            timings.append(time.perf_counter() - started)

    grader_module.SubmissionGrader._search_repair = timed
    try:
        for path in files:
            before = len(timings)
            result = grader_module.grade_path(path, seed, Settings())
            failed = sum(1 for e in result.exercises if not e.passed)
            on_passing += max(0, len(timings) - before - failed)
    finally:
        grader_module.SubmissionGrader._search_repair = original
    ordered = sorted(timings)
    return {"searches": len(timings),
            "median s": statistics.median(ordered) if ordered else 0.0,
            "p95 s": ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0,
            "max s": ordered[-1] if ordered else 0.0,
            "searches on passing functions": on_passing}


def make_class(folder: Path, size: int, files: list) -> None:
    wrong = [p for p in files if expectation(p).wrong]
    right = [p for p in files if not expectation(p).wrong] + [KIT / "solutions" /
                                                                "two_layer_net.py"]
    folder.mkdir(parents=True)
    for index in range(size):
        pool = wrong if index % 2 == 0 else right
        shutil.copy(pool[(index // 2) % len(pool)], folder / f"student{index:04d}.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=DEFAULT_BEFORE)
    parser.add_argument("--corpus", type=Path, default=UNSEEN)
    parser.add_argument("--class-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240509)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--skip-class", action="store_true")
    parser.add_argument("--skip-coverage", action="store_true",
                        help="only the search's cost and the class")
    args = parser.parse_args()
    files = corpus(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="repair-bench-"))
    before = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", str(before), args.before], cwd=KIT,
                   check=True, capture_output=True)
    try:
        print(f"corpus: {len(files)} files in {args.corpus}")
        for label, kit in (() if args.skip_coverage else (("before", before), ("after", KIT))):
            found = coverage(kit, files, args.seed)
            print(f"coverage {label} ({args.before if label == 'before' else 'this tree'}): "
                  f"{found['specific and true']}/{found['wrong functions']} wrong functions "
                  f"get a specific, true hint ({100 * found['share']:.1f}%); "
                  f"right functions hinted or failed: {len(found['problems'])}")
            if label == "after":
                for missed in found["missed"]:
                    print(f"  missed: {missed}")
        costs = search_costs(files, args.seed)
        print(f"repair search: {costs['searches']} searches, median {costs['median s']:.3f} s, "
              f"95th percentile {costs['p95 s']:.3f} s, slowest {costs['max s']:.3f} s; "
              f"on passing functions: {costs['searches on passing functions']}")
        if not args.skip_class:
            folder = work / "class"
            make_class(folder, args.class_size, files)
            times = {"before": [], "after": []}
            for _ in range(2):
                for label, kit in (("before", before), ("after", KIT)):
                    seconds = batch_class(kit, folder, work / f"out-{label}", args.jobs)[0]
                    times[label].append(seconds)
            medians = {label: statistics.median(values) for label, values in times.items()}
            print(f"batch of {args.class_size} (half wrong), --jobs {args.jobs}: before "
                  f"{medians['before']:.1f} s, after {medians['after']:.1f} s, ratio "
                  f"{medians['after'] / medians['before']:.2f}x (runs: {times})")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=KIT,
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
