"""What does issue 17's isolation cost a class graded with `batch`?

Each worker is now scoped to a Landlock domain of its own (or, where the kernel's Landlock
cannot scope, gets a network namespace of its own: --without-landlock measures that path),
a memory control group (where the grader can make one) and an OOM score that makes it the
first to go; every reply is counted against the submission's budget; the zygote watches each
worker's end. This grades one folder of .py
submissions with this checkout and with the revision before (checked out into a temporary git
worktree), side by side in one run: the runs alternate between the two so that the machine's
noise falls on both alike, and the medians are compared. Both grade the same class with the
same seed, so their gradebooks must agree (checked). The budget is 2 ms per submission.

Two figures per run, as in confinement_cost.py: the wall-clock time, and the CPU time of the
whole run (the grader, its zygote and every worker), which varies far less.

    python bench/isolation_cost.py [--submissions 1000] [--runs 5] [--jobs 2] [--before REV]
                                   [--without-landlock]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import batch_class

KIT_ROOT = Path(__file__).resolve().parent.parent
BEFORE = "f6b6627"
"""The last revision before issue 17 (the merge of issue 16)."""
SOURCES = [KIT_ROOT / "solutions" / "two_layer_net.py",
           KIT_ROOT / "examples" / "student_submission.py",
           *sorted((KIT_ROOT / "tests" / "files" / "real").glob("*.py"))[:8]]
"""The class: the reference, the example with two mistakes and a few real-style submissions."""
BUDGET_MS = 2.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="runs per revision")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--before", default=BEFORE, help=f"earlier revision (default {BEFORE})")
    parser.add_argument("--without-landlock", action="store_true",
                        help="measure the network namespace each worker gets where the "
                             "kernel's Landlock cannot scope abstract sockets")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backprop-kit-isolation-") as temporary:
        work = Path(temporary)
        before = work / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), args.before],
                       cwd=KIT_ROOT, check=True)
        try:
            folder = work / "class"
            folder.mkdir()
            for number in range(args.submissions):
                shutil.copy(SOURCES[number % len(SOURCES)], folder / f"s{number:04d}.py")
            return _compare(before, folder, work / "out", args)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=KIT_ROOT)


def _compare(before: Path, folder: Path, out: Path, args) -> int:
    kits = {"before": before, "after": KIT_ROOT}
    environment = dict(os.environ)
    if args.without_landlock:
        environment["BACKPROP_KIT_WITHOUT_LANDLOCK"] = "1"
    walls = {key: [] for key in kits}
    cpus = {key: [] for key in kits}
    rows = {}
    for run in range(args.runs):
        order = list(kits) if run % 2 == 0 else list(kits)[::-1]
        for key in order:
            seconds, cpu, _, rows[key] = batch_class(kits[key], folder, out, args.jobs,
                                                     environment)
            walls[key].append(seconds)
            cpus[key].append(cpu)
    if rows["before"] != rows["after"]:
        raise SystemExit("the two revisions gave the class different grades")
    count = args.submissions
    path = " without Landlock (a network namespace per worker)" if args.without_landlock else ""
    print(f"batch, {count} .py submissions, --jobs {args.jobs}, median of {args.runs} "
          f"alternating runs; before = {args.before}, after = this checkout{path}")
    print(f"  {'':<28} {'before':>9} {'after':>9} {'per submission':>16}")
    for label, figures in (("wall clock", walls), ("CPU time of every process", cpus)):
        first, second = statistics.median(figures["before"]), statistics.median(figures["after"])
        extra_ms = (second - first) / count * 1000
        print(f"  {label:<28} {first:8.2f}s {second:8.2f}s {extra_ms:+13.2f} ms "
              f"({second / first:.2f}x)")
    extra_ms = (statistics.median(walls["after"]) - statistics.median(walls["before"])) \
        / count * 1000
    print(f"Budget: {BUDGET_MS:g} ms per submission of wall clock: "
          f"{'within' if extra_ms <= BUDGET_MS else 'OVER'} it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
