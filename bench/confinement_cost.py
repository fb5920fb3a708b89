"""What does confining each worker (issue 10) cost a class graded with `batch`?

Grades one folder of .py submissions with `python -m autograder batch`, with confinement (the
default) and without it (the benchmark-only switch BACKPROP_KIT_BENCHMARK_UNCONFINED=1), side by
side in one run: the runs alternate between the two so that the machine's noise falls on both
alike, and the medians are compared. Both grade the same class with the same seed, so their
gradebooks must be the same (checked). The budget is 2 ms per submission.

Two figures per run: the wall-clock time, which is what an instructor waits for but varies by
a fifth from run to run on a shared machine, and the CPU time of the whole run (the grader,
its zygote and every worker, user and system: what the confinement's system calls cost),
which varies far less and so resolves a millisecond per submission.

    python bench/confinement_cost.py [--submissions 1000] [--runs 5] [--jobs 2]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from measure import batch_class

KIT_ROOT = Path(__file__).resolve().parent.parent
SOURCES = [KIT_ROOT / "solutions" / "two_layer_net.py",
           KIT_ROOT / "examples" / "student_submission.py",
           *sorted((KIT_ROOT / "tests" / "files" / "real").glob("*.py"))[:8]]
"""The class: the reference, the example with two mistakes and a few real-style submissions."""
SWITCH = "BACKPROP_KIT_BENCHMARK_UNCONFINED"
BUDGET_MS = 2.0


def grade_class(folder: Path, out: Path, jobs: int, confined: bool):
    """(wall seconds, CPU seconds, gradebook rows) of one `batch` run."""
    environment = dict(os.environ)
    environment.pop(SWITCH, None)
    if not confined:
        environment[SWITCH] = "1"
    seconds, cpu, summary, rows = batch_class(KIT_ROOT, folder, out, jobs, environment)
    if ("NOT kept apart" in summary) == confined:
        raise SystemExit(f"expected confined={confined}, the summary says: {summary}")
    return seconds, cpu, rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each, alternating")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "class"
        folder.mkdir()
        for number in range(args.submissions):
            shutil.copy(SOURCES[number % len(SOURCES)], folder / f"s{number:04d}.py")
        times = {True: [], False: []}
        cpus = {True: [], False: []}
        books = {}
        for run in range(args.runs):
            for confined in ((True, False) if run % 2 else (False, True)):
                seconds, cpu, rows = grade_class(folder, Path(temporary) / "out", args.jobs,
                                                 confined)
                times[confined].append(seconds)
                cpus[confined].append(cpu)
                books[confined] = rows
        if books[True] != books[False]:
            raise SystemExit("the two gradebooks differ: confinement changed a grade")
    n = args.submissions
    print(f"batch of {n} .py submissions, --jobs {args.jobs}, {args.runs} runs each, "
          "alternating; medians")
    for label, figures in (("wall clock", times), ("CPU (all processes)", cpus)):
        with_, without = statistics.median(figures[True]), statistics.median(figures[False])
        overhead_ms = (with_ - without) / n * 1000
        print(f"  {label}: unconfined {without:6.2f} s ({without / n * 1000:5.2f} ms each), "
              f"confined {with_:6.2f} s ({with_ / n * 1000:5.2f} ms each); "
              f"{with_ / without:.3f}x, {overhead_ms:+.2f} ms per submission "
              f"(budget {BUDGET_MS} ms){'' if overhead_ms <= BUDGET_MS else '  OVER BUDGET'}")
        print(f"    all runs: confined {[round(t, 2) for t in figures[True]]}, "
              f"unconfined {[round(t, 2) for t in figures[False]]}")
    print("  gradebooks identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
