"""Run a command and measure it as a user would feel it: wall time, CPU time, peak memory.

Every tool in the benchmark is measured the same way, from outside, in a fresh process: the
seconds on the clock, the CPU seconds of the process and all it waited for (workers, kernels),
and the largest resident set of any one of those processes (wait4's ru_maxrss).
"""

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


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
