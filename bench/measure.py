"""Run a command and measure it as a user would feel it: wall time, CPU time, peak memory.

Every tool in the benchmark is measured the same way, from outside, in a fresh process: the
seconds on the clock, the CPU seconds of the process and all it waited for (workers, kernels),
and the largest resident set of any one of those processes (wait4's ru_maxrss).
"""

import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """What one or more commands cost."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_mb: float = 0.0

    def __add__(self, other: "Run") -> "Run":
        return Run(self.seconds + other.seconds, self.cpu_seconds + other.cpu_seconds,
                   max(self.peak_mb, other.peak_mb))


def measure(command: list, cwd, env=None) -> Run:
    """Run `command` to its end; raise with its last output if it fails."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], cwd=cwd, env=env,
                                   stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            tail = output.read()[-3000:].decode(errors="replace")
            raise RuntimeError(f"{' '.join(map(str, command[:4]))} ... failed "
                               f"({process.returncode}):\n{tail}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def batch_class(kit: Path, folder: Path, out: Path, jobs: int, environment=None):
    """(wall seconds, CPU seconds of every process, batch's summary, gradebook rows) of one
    `python -m autograder batch` of `folder` into `out` (emptied first), from `kit`, seed 1."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "autograder", "batch", str(folder),
                                "--out", str(out), "--seed", "1", "--jobs", str(jobs)],
                               cwd=kit, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if completed.returncode != 0:
        raise SystemExit(f"batch from {kit} failed: {completed.stderr[-800:]}")
    with open(out / "gradebook.csv") as handle:
        rows = sorted((row["student"], row["total"]) for row in csv.DictReader(handle))
    return seconds, cpu, completed.stdout, rows

