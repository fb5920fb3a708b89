"""Start workers by forking a zygote that has numpy imported: milliseconds, not 0.1 s each.

The zygote (sandbox/worker.py, run with "zygote") is a clean Python with numpy and the worker's
code only: nothing of the grader, so a forked worker holds no answer in its memory. Each fork
gets its own session, pids cgroup, hidden kit, resource limits and folder, as a freshly started
worker does; the grader talks to it through two FIFOs in that folder. When the zygote cannot be
used, the sandbox starts workers the ordinary way.
"""

import errno
import os
import subprocess
import threading
import time

from autograder.sandbox import protocol

_OPEN_TIMEOUT_S = 5.0


class ForkedWorker:
    """A worker forked by the zygote, with the parts of Popen the sandbox uses."""

    def __init__(self, pid: int, directory: str, stdin, stdout):
        self.pid = pid
        self.directory = directory
        self.stdin = stdin
        self.stdout = stdout
        self.returncode = None

    def poll(self):
        """The exit code once the zygote has reaped the worker (it writes .exit), else None."""
        if self.returncode is None:
            try:
                with open(os.path.join(self.directory, ".exit")) as handle:
                    self.returncode = int(handle.read())
            except (OSError, ValueError):
                pass
        return self.returncode

    def wait(self, timeout=None):
        deadline = time.monotonic() + (timeout if timeout is not None else _OPEN_TIMEOUT_S)
        while self.poll() is None:
            if time.monotonic() > deadline:
                if timeout is not None:
                    raise subprocess.TimeoutExpired("worker", timeout)
                self.returncode = -9  # the zygote is gone: nobody will report it
                break
            time.sleep(0.002)
        return self.returncode


class Zygote:
    """One zygote process per grader process, shared by its threads."""

    def __init__(self, command: list, environment: dict):
        self.process = subprocess.Popen(command + ["zygote"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=environment, start_new_session=True, close_fds=True)
        self.lock = threading.Lock()

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, directory: str, order: dict) -> ForkedWorker:
        """A new worker in `directory`, connected through two FIFOs there."""
        requests_path = os.path.join(directory, "requests")
        replies_path = os.path.join(directory, "replies")
        os.mkfifo(requests_path, 0o600)
        os.mkfifo(replies_path, 0o600)
        with self.lock:
            protocol.write_frame(self.process.stdin, dict(order, directory=directory))
            answer, _ = protocol.read_frame(self.process.stdout)
        pid = int(answer["pid"])
        # The worker opens "replies" before "requests": when the write end of "requests" can
        # open, the worker holds the write end of "replies", and a read's end-of-file is real.
        replies = os.open(replies_path, os.O_RDONLY | os.O_NONBLOCK)
        requests = _open_writer(requests_path)
        os.set_blocking(requests, True)
        return ForkedWorker(pid, directory, os.fdopen(requests, "wb"), os.fdopen(replies, "rb"))

    def close(self):
        try:
            self.process.stdin.close()
            self.process.kill()
            self.process.wait()
        except OSError:
            pass


def _open_writer(path: str) -> int:
    """Open a FIFO for writing once the worker has opened it for reading (or time out)."""
    deadline = time.monotonic() + _OPEN_TIMEOUT_S
    while True:
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.0005)


_ZYGOTE = None
_ZYGOTE_LOCK = threading.Lock()


def shared_zygote(command: list, environment: dict):
    """The grader's zygote, started on first use; None if it cannot run."""
    global _ZYGOTE
    with _ZYGOTE_LOCK:
        if _ZYGOTE is None or not _ZYGOTE.is_alive():
            try:
                _ZYGOTE = Zygote(command, environment)
            except OSError:
                _ZYGOTE = None
        return _ZYGOTE
