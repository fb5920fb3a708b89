"""What can one submission cost the grader: its own memory, and the time of a class?

Grades submissions built to exhaust the grader (tests/redteam/grader_limit_attacks.py) with
`python -m autograder grade --json`, with this checkout and with the revision before issue 17
(checked out into a temporary git worktree), side by side in one run: the reference (for
scale), every function returning 8 arrays of a million floats, replies of 64 MiB of tiny JSON
items, and a submission whose every traced run lasts 9.6 s. For each: the grader's own peak
resident set (VmHWM of that one process, read from /proc while it runs: not its workers'),
the wall-clock time, and the score. Then fifteen forked children of 300 MB each, in one
submission: the memory they hold together, as that submission prints it.

    python bench/grader_limits.py [--before REV] [--only NAME ...]
"""

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT))

from tests.redteam import grader_limit_attacks as attacks  # noqa: E402

BEFORE = "f6b6627"
"""The last revision before issue 17 (the merge of issue 16)."""
MARK = "bpkbench"
ATTACKS = {
    "reference (for scale)": "",
    "8 arrays of 1M floats from each function": attacks.FLOOD_ARRAYS,
    "replies of 64 MiB of tiny JSON items": attacks.FLOOD_HEADER,
    "every traced run lasts 9.6 s": attacks.OUTLIVE,
    "15 children of 300 MB each": attacks.FORK_MEMORY,
}


def graded(kit: Path, submission: Path, timeout: float = 900):
    """(the grader's peak resident set in MiB, seconds, the --json report or None)."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(submission),
                                "--json", "--seed", "1"], cwd=kit, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while process.poll() is None:
        with contextlib.suppress(OSError, ValueError):
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        if time.monotonic() - started > timeout:
            process.kill()
        time.sleep(0.01)
    out = process.stdout.read()
    seconds = time.monotonic() - started
    try:
        report = json.loads(out)
    except ValueError:
        report = None
    return peak / 1024, seconds, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help=f"earlier revision (default {BEFORE})")
    parser.add_argument("--only", nargs="*", default=None, metavar="NAME",
                        help="only the submissions whose label holds one of these words")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backprop-kit-limits-") as temporary:
        work = Path(temporary)
        before = work / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), args.before],
                       cwd=KIT_ROOT, check=True)
        try:
            print(f"python -m autograder grade --json, one run each; before = {args.before}, "
                  "after = this checkout")
            print(f"  {'submission':<42} {'':>6} {'grader peak':>12} {'seconds':>8}  score")
            reference = (KIT_ROOT / "solutions" / "two_layer_net.py").read_text()
            for label, tail in ATTACKS.items():
                if args.only and not any(word in label for word in args.only):
                    continue
                submission = work / f"{len(list(work.glob('*.py')))}.py"
                submission.write_text(reference + "\n" + tail.format(mark=MARK, megabytes=300))
                for key, kit in (("before", before), ("after", KIT_ROOT)):
                    peak, seconds, report = graded(kit, submission)
                    score = "no report" if report is None else report["score"]
                    printed = ""
                    if report is not None and f"{MARK} children" in report.get("output", ""):
                        printed = "  " + report["output"].split(f"{MARK} ", 1)[1].strip()
                    print(f"  {label:<42} {key:>6} {peak:9.0f} MiB {seconds:8.1f}  {score}"
                          f"{printed}")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=KIT_ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
