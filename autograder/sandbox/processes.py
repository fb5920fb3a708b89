"""Keep every process a submission starts countable, limited, and killable.

The worker and anything it starts go into a Linux "pids" control group of their own when the
machine lets the grader make one (root, cgroup v1 or v2): the group caps how many processes
can exist at once (a fork bomb stops there) and lists every one of them, even those that
called setsid or double-forked, so that all can be killed when grading ends. Without cgroups,
RLIMIT_NPROC caps the grading user's processes instead (the kernel does not apply it to root),
and the worker's process group is killed.
"""

import os
import signal
import time
import uuid
from pathlib import Path

_CANDIDATE_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup/unified"),
                    Path("/sys/fs/cgroup"))


class ProcessGroup:
    """One submission's processes: a pids cgroup when possible, else its session."""

    def __init__(self, max_processes: int):
        self.max_processes = max_processes
        self.path = _make_cgroup(max_processes)

    @property
    def is_limited(self) -> bool:
        """True when the number of processes is capped (cgroup, or RLIMIT_NPROC off root)."""
        return self.path is not None or os.geteuid() != 0

    def limits(self, other_user: bool = False) -> dict:
        """The rlimit that caps the worker's processes when there is no cgroup to do it (the
        kernel applies it to any user but root: the grading user, or the worker's own)."""
        if self.path is None and (os.geteuid() != 0 or other_user):
            return {"RLIMIT_NPROC": [self.max_processes, self.max_processes]}
        return {}

    def kill_all(self, leader_pid: int = None, wait: bool = True) -> None:
        """Kill every process of the submission; with `wait`, until none is left."""
        if leader_pid is not None:
            try:
                os.killpg(leader_pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.path is None:
            return
        deadline = time.monotonic() + 5
        pause = 0.0005
        while True:
            pids = self.pids()
            for pid in pids:
                _kill(pid)
            if not pids or not wait or time.monotonic() > deadline:
                return
            time.sleep(pause)  # killed processes take a moment to leave the group
            pause = min(pause * 2, 0.02)

    def pids(self) -> list:
        """The processes still in the group (empty without a cgroup)."""
        if self.path is None:
            return []
        try:
            text = (self.path / "cgroup.procs").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def close(self) -> None:
        """Kill what is left and remove the cgroup."""
        self.kill_all()
        if self.path is not None:
            # A killed process can linger a moment as a zombie until it is reaped, and the
            # kernel refuses to remove a group that still holds one.
            deadline = time.monotonic() + 2
            pause = 0.0005
            while True:
                try:
                    self.path.rmdir()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(pause)
                    pause = min(pause * 2, 0.02)
            self.path = None


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _make_cgroup(max_processes: int):
    """A fresh pids cgroup with pids.max set, or None when the machine does not allow it."""
    for root in _CANDIDATE_ROOTS:
        if not (root / "cgroup.procs").exists():
            continue
        if root.name != "pids" and "pids" not in _read(root / "cgroup.controllers").split():
            continue
        _remove_stale_groups(root)
        path = root / f"backprop-kit-{uuid.uuid4().hex[:12]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(max_processes))
            return path
        except OSError:
            try:
                path.rmdir()
            except OSError:
                pass
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _remove_stale_groups(root: Path, older_than_s: float = 300) -> None:
    """Remove empty groups that graders left behind (a zombie can delay a removal past a
    grader's exit). Only old ones: a new, empty group may be about to receive its worker."""
    now = time.time()
    for path in root.glob("backprop-kit-*"):
        try:
            if now - path.stat().st_mtime > older_than_s and not _read(path / "cgroup.procs").split():
                path.rmdir()
        except OSError:
            pass
