"""Keep every process a submission starts countable, limited, and killable.

The worker and anything it starts go into a Linux "pids" control group of their own when the
machine lets the grader make one (root, cgroup v1 or v2): the group caps how many processes
can exist at once (a fork bomb stops there) and lists every one of them, even those that
called setsid or double-forked, so that all can be killed when grading ends. Without cgroups,
RLIMIT_NPROC caps the grading user's processes instead (the kernel does not apply it to root),
and the worker's process group is killed.

Where it can, the grader also puts them in a "memory" control group of their own, which caps
the memory of all of them together (RLIMIT_AS caps each process alone: sixteen processes of a
GiB each would be sixteen GiB); past it, the kernel's OOM killer ends one of the submission's
processes, never the grader's. In cgroup v1 the group is made inside the grader's own memory
group, so that whatever limits the grader still limits its workers.
"""

import os
import signal
import time
import uuid
from pathlib import Path

_CANDIDATE_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup/unified"),
                    Path("/sys/fs/cgroup"))


class ProcessGroup:
    """One submission's processes: a pids cgroup when possible, else its session; and a
    memory cgroup when possible."""

    def __init__(self, max_processes: int, memory_bytes: int = None):
        self.max_processes = max_processes
        self.path = _make_cgroup(max_processes)
        self.memory_path = _make_memory_cgroup(memory_bytes, self.path) if memory_bytes else None
        """The memory cgroup (in cgroup v2, the pids group itself), or None."""

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
        """Kill what is left and remove the cgroups."""
        self.kill_all()
        for path in {self.path, self.memory_path} - {None}:
            _remove_group(path)
        self.path = self.memory_path = None


def _remove_group(path: Path) -> None:
    """rmdir a cgroup. A killed process can linger a moment as a zombie until it is reaped,
    and the kernel refuses to remove a group that still holds one."""
    deadline = time.monotonic() + 2
    pause = 0.0005
    while True:
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                return
            time.sleep(pause)
            pause = min(pause * 2, 0.02)


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


def _make_memory_cgroup(memory_bytes: int, pids_group):
    """A memory cgroup capped at `memory_bytes` for the worker and all it starts, or None.

    cgroup v2: the pids group itself, when its hierarchy gives it the memory controller.
    cgroup v1: a group of its own in the memory hierarchy, inside the grader's own group.
    """
    if pids_group is not None and (pids_group / "memory.max").exists():
        try:
            (pids_group / "memory.max").write_text(str(memory_bytes))
            if (pids_group / "memory.swap.max").exists():
                (pids_group / "memory.swap.max").write_text("0")
            return pids_group
        except OSError:
            return None
    root = Path("/sys/fs/cgroup/memory")
    if not (root / "cgroup.procs").exists():
        return None
    for parent in dict.fromkeys([root / _own_group("memory").lstrip("/"), root]):
        _remove_stale_groups(parent)
        path = parent / f"backprop-kit-{uuid.uuid4().hex[:12]}"
        try:
            path.mkdir()
        except OSError:
            continue
        try:
            (path / "memory.limit_in_bytes").write_text(str(memory_bytes))
            if (path / "memory.memsw.limit_in_bytes").exists():  # no escape into swap
                (path / "memory.memsw.limit_in_bytes").write_text(str(memory_bytes))
            return path
        except OSError:
            _remove_group(path)
    return None


def _own_group(controller: str) -> str:
    """This process's cgroup in a v1 hierarchy ("/" when not found)."""
    for line in _read(Path("/proc/self/cgroup")).splitlines():
        _, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        if controller in controllers.split(","):
            return path or "/"
    return "/"


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
