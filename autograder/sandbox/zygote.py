"""Start workers by forking a zygote that has numpy imported: a millisecond, not 0.1 s, each.

The zygote (sandbox/worker.py, run with "zygote") is a clean Python with numpy, the modules the
grader asks it to preload (matplotlib, for code that uses more of it than its stand-in serves:
sandbox/plot_gate.py) and the worker's code: nothing of the grader, so a forked worker holds
no answer in its memory. Each fork gets its own session, pids cgroup, hidden kit, resource
limits and folder (worker.py `_become_worker`), and its end of a socket pair that the grader
made and handed over with the order, so the grader can send the submission at once, before the
fork has even happened. The zygote reports each fork's pid and, as soon as it has reaped it,
its exit code.
"""

import itertools
import json
import shutil
import socket
import threading

from autograder.sandbox.launch import PRELOAD, take_spawned

_ANSWER_TIMEOUT_S = 30.0
"""How long to wait for the zygote's first answer: it may still be importing its modules."""


class ZygoteGone(Exception):
    """The zygote ended, or never started: no worker can be forked."""


class Zygote:
    """One zygote process; its answers are read by a thread and handed to whoever waits."""

    def __init__(self, spawned):
        """Take over `spawned` (launch.py's SpawnedZygote): read its answers from now on."""
        self.process = spawned
        self.folder = spawned.folder
        """The zygote's folder (launch.zygote_folder): matplotlib's font cache and the
        worker's compiled source, kept from one run to the next unless `temporary`. Every
        worker has it hidden."""
        self.temporary = spawned.temporary
        self.control = socket.socket(fileno=spawned.control)
        self.send_lock = threading.Lock()
        self.changed = threading.Condition()
        self.workers = {}
        """Order id -> (pid, folder) of the worker forked for it."""
        self.exit_codes = {}
        """Pid -> exit code (negative: the signal), once the zygote has reaped the worker."""
        self.confinement = None
        """(confined, reason): whether every worker gets its own namespaces and root
        (sandbox/confinement.py), as the zygote found when it tried once at start."""
        self.alive = True
        self.orders = itertools.count()
        threading.Thread(target=self._read_answers, name="zygote-answers", daemon=True).start()

    def fork(self, order: dict, channel: socket.socket) -> int:
        """Ask for a worker that will talk over `channel`; returns the order's id at once."""
        with self.send_lock:
            order_id = next(self.orders)
            message = json.dumps(dict(order, id=order_id)).encode()
            try:
                socket.send_fds(self.control, [message], [channel.fileno()])
            except OSError:
                raise ZygoteGone() from None
        return order_id

    def confined(self, timeout: float = _ANSWER_TIMEOUT_S):
        """(confined, reason): True when every worker is confined; else why not."""
        with self.changed:
            self.changed.wait_for(lambda: self.confinement is not None or not self.alive, timeout)
            return self.confinement or (False, "the zygote did not start")

    def forked(self, order_id: int, timeout: float = _ANSWER_TIMEOUT_S):
        """(pid, folder) of the worker forked for `order_id`, or (None, None) if the zygote
        could not answer."""
        with self.changed:
            self.changed.wait_for(lambda: order_id in self.workers or not self.alive, timeout)
            return self.workers.get(order_id, (None, None))

    def exit_code(self, pid: int, timeout: float = 0.0):
        """The worker's exit code once it has ended and been reaped, else None."""
        with self.changed:
            if timeout > 0:
                self.changed.wait_for(lambda: pid in self.exit_codes or not self.alive, timeout)
            return self.exit_codes.get(pid)

    def forget(self, pid: int) -> None:
        """Drop what is known of an ended worker (the zygote never reuses a live pid)."""
        with self.changed:
            self.exit_codes.pop(pid, None)

    def close(self) -> None:
        """End the zygote (its workers have their own sessions and cgroups: the sandbox ends
        those) and remove its folder."""
        try:
            self.control.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except TimeoutError:
            self.process.kill()
            self.process.wait()
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _read_answers(self) -> None:
        try:
            while True:
                message = self.control.recv(4096)
                if not message:
                    break
                answer = json.loads(message)
                with self.changed:
                    if "confinement" in answer:
                        self.confinement = (answer["confinement"] is True,
                                            str(answer.get("reason") or "")[:300] or None)
                    elif "forked" in answer:
                        self.workers[answer["forked"]] = (answer["pid"], answer["directory"])
                    elif "exited" in answer:
                        self.exit_codes[answer["exited"]] = answer["code"]
                    self.changed.notify_all()
        except (OSError, ValueError):
            pass
        with self.changed:
            self.alive = False
            self.changed.notify_all()


_ZYGOTES = {}
_ZYGOTES_LOCK = threading.Lock()


def start_zygote(preload: tuple = PRELOAD) -> Zygote:
    """A running zygote of this grader that has at least `preload` imported, the one with the
    fewest modules (more costs only memory, but where the real matplotlib is imported a worker
    takes it over its stand-in, plot_standin.py); the one launch.py spawned early, or a new
    one, if none runs."""
    with _ZYGOTES_LOCK:
        running = [(len(modules), zygote) for modules, zygote in _ZYGOTES.items()
                   if set(preload) <= set(modules) and zygote.alive
                   and zygote.process.poll() is None]
        if running:
            return min(running, key=lambda pair: pair[0])[1]
        try:
            zygote = _ZYGOTES[preload] = Zygote(take_spawned(preload))
        except OSError:
            raise ZygoteGone() from None
        return zygote


def close_zygotes() -> None:
    """End every zygote of this process (at exit, or when a batch is done)."""
    with _ZYGOTES_LOCK:
        zygotes = list(_ZYGOTES.values())
        _ZYGOTES.clear()
    for zygote in zygotes:
        zygote.close()
