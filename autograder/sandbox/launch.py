"""Spawn the zygote, which forks every worker, in the grader's first milliseconds.

`python -m autograder grade` and `batch` spawn it before they import anything else (__main__.py),
so that it starts Python and imports numpy while the grader imports itself and reads the
submissions (issue 19, bench/startup.py). So this module imports only the standard library's
cheapest modules: it spawns with os.posix_spawn, not subprocess; it finds the kit from its own
file (hiding.py); its socket pair comes from _socket. zygote.py adopts the spawned process
(`take_spawned`) when the first worker is wanted, and spawns through here too.
"""

import atexit
import json
import os

import _socket

from autograder.sandbox.hiding import KIT_ROOT, paths_to_hide, worker_command

PRELOAD = ("numpy",)
"""What every worker has imported before the submission runs: numpy, as the assignment does."""
PLOTTING = PRELOAD + ("matplotlib.pyplot",)
"""For submissions that use matplotlib in a way its stand-in cannot serve (plot_gate.py): a
zygote with the real library imported, started when the first of them comes."""
_PASSED_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LANG", "LC_ALL")
UNCONFINED_FOR_BENCHMARKS = "BACKPROP_KIT_BENCHMARK_UNCONFINED"
"""Set to 1 in the grader's environment, workers are not confined (confinement.py): only for
bench/confinement_cost.py, which measures what the confinement costs."""
WITHOUT_LANDLOCK = "BACKPROP_KIT_WITHOUT_LANDLOCK"
"""confinement.py's switch, passed on to the zygote (tests/test_layout.py holds the two names
equal: confinement.py travels in the worker's source and imports nothing of the kit)."""
_SPAWNED = []
"""Every zygote this process spawned that may still run, taken by zygote.py or not."""


class SpawnedZygote:
    """A zygote process and the grader's end of its control socket (a file descriptor).

    poll, wait and kill, as subprocess.Popen has them: wait blocks on a pidfd, so a zygote
    that ends is seen at once, not at the next of Popen's growing sleeps."""

    def __init__(self, pid: int, preload: tuple, control: int, folder: str, temporary: bool):
        self.pid = pid
        self.preload = preload
        self.control = control
        self.folder = folder
        """The zygote's folder (zygote_folder), hidden from every worker; removed at the end
        when `temporary`."""
        self.temporary = temporary
        self.returncode = None
        self.taken = False
        """True once zygote.py has it: its control socket is then the Zygote's to close."""

    def poll(self):
        """The exit code once the zygote has ended (and is reaped), else None."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float = None):
        """The exit code, after waiting at most `timeout` seconds for it (TimeoutError)."""
        if self.poll() is not None or timeout is None:
            if self.returncode is None:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode
        import select

        try:
            ended = os.pidfd_open(self.pid)
        except (AttributeError, OSError):  # no pidfd on this kernel: wait in small steps
            import time

            deadline = time.monotonic() + timeout
            while self.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        else:
            try:
                select.select([ended], [], [], timeout)
            finally:
                os.close(ended)
        if self.poll() is None:
            raise TimeoutError(f"the zygote (pid {self.pid}) did not end")
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, 9)  # SIGKILL, without importing signal
            except ProcessLookupError:
                pass


def spawn_zygote(preload: tuple = PRELOAD) -> SpawnedZygote:
    """A zygote with at least `preload` imported: one this process spawned that still runs,
    taken or not, or a new one."""
    for spawned in _running():
        if set(preload) <= set(spawned.preload):
            return spawned
    return _spawn(preload)


def take_spawned(preload: tuple = PRELOAD) -> SpawnedZygote:
    """A zygote with `preload` imported, no more (a worker takes the real matplotlib over its
    stand-in where it is imported), that nobody has taken yet (spawned early), or a new one;
    from now on it is the caller's (zygote.py's), which closes it."""
    for spawned in _running():
        if not spawned.taken and tuple(spawned.preload) == tuple(preload):
            break
    else:
        spawned = _spawn(preload)
    spawned.taken = True
    return spawned


def spawn_early(arguments: list) -> None:
    """Spawn the zygote first thing when the command line grades something: `batch`, or
    `grade` of a .py or .ipynb. A command line that turns out wrong leaves it unused; it
    ends when the grader does (`_close_untaken`)."""
    if "-h" in arguments or "--help" in arguments or not arguments:
        return
    command = arguments[0]
    if command == "batch" or (command == "grade" and any(
            argument.lower().endswith((".py", ".ipynb")) for argument in arguments[1:])):
        try:
            spawn_zygote()
        except OSError:
            pass  # the sandbox tries again when it needs a worker, and says why it cannot


def zygote_folder():
    """(folder, is_temporary): the grading user's cache for the kit (~/.cache/backprop-kit,
    kept from one run to the next: matplotlib's font cache costs 0.1 s to build, the
    worker's compiled source 0.02 s), or a temporary folder where there is none."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(cache, "backprop-kit")
    try:
        os.makedirs(os.path.join(folder, "matplotlib"), mode=0o700, exist_ok=True)
        if os.access(folder, os.W_OK) and not os.path.islink(folder):
            return folder, False
    except OSError:
        pass
    import tempfile

    folder = tempfile.mkdtemp(prefix="backprop-kit-zygote-")
    os.mkdir(os.path.join(folder, "matplotlib"), 0o700)
    return folder, True


def _spawn(preload: tuple) -> SpawnedZygote:
    """Spawn a zygote that imports `preload`: Python run from the worker's source text
    (hiding.py), in a session of its own, with only its control socket and /dev/null."""
    grader_end, zygote_end = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
    folder, temporary = zygote_folder()
    # What to hide of the kit where a worker could see it (in its root, or, where no namespace
    # can be had, by cover_paths), and the zygote's own folder; the zygote takes this out of
    # its environment before it forks a worker.
    environment = dict(_zygote_environment(), MPLCONFIGDIR=os.path.join(folder, "matplotlib"),
                       BACKPROP_KIT_HIDE=json.dumps([*paths_to_hide(KIT_ROOT), folder]))
    if temporary:  # the zygote removes it if the grader is killed
        environment["BACKPROP_KIT_REMOVE_AT_EXIT"] = folder
    command = worker_command(None if temporary else os.path.join(folder, "worker-code"))
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        # what the zygote inherits: the control socket as its stdin, /dev/null as its output,
        # and nothing else (close_fds, as subprocess does it)
        actions = [(os.POSIX_SPAWN_DUP2, zygote_end.fileno(), 0),
                   (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        actions += [(os.POSIX_SPAWN_CLOSE, fd) for fd in _inheritable_descriptors()]
        pid = os.posix_spawn(command[0], [*command, "zygote", *preload], environment,
                             file_actions=actions, setsid=True)
    except OSError:
        grader_end.close()
        if temporary:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        zygote_end.close()
        os.close(devnull)
    if not _SPAWNED:
        atexit.register(_close_untaken)
    spawned = SpawnedZygote(pid, preload, grader_end.detach(), folder, temporary)
    _SPAWNED.append(spawned)
    return spawned


def _running() -> list:
    """The zygotes of `_SPAWNED` that still run; those that ended are forgotten."""
    _SPAWNED[:] = [spawned for spawned in _SPAWNED if spawned.poll() is None]
    return list(_SPAWNED)


def _zygote_environment() -> dict:
    """The zygote's environment, which every worker inherits (HOME, TMPDIR and MPLCONFIGDIR
    are each worker's own folder)."""
    environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1",
                   "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                   "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    for name in _PASSED_ENVIRONMENT:
        if name in os.environ:
            environment[name] = os.environ[name]
    if os.environ.get(UNCONFINED_FOR_BENCHMARKS) == "1":
        environment["BACKPROP_KIT_UNCONFINED"] = "1"
    if os.environ.get(WITHOUT_LANDLOCK) == "1":  # the tests' way to try the other path
        environment[WITHOUT_LANDLOCK] = "1"
    return environment


def _inheritable_descriptors() -> list:
    """This process's descriptors above 2 that a spawned process would inherit."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            if fd > 2 and os.get_inheritable(fd):
                found.append(fd)
        except OSError:  # the listing's own descriptor, closed by now
            pass
    return found


def _close_untaken() -> None:
    """At exit: close the control socket of each zygote nobody took; it ends by itself."""
    for spawned in _SPAWNED:
        if not spawned.taken:
            try:
                os.close(spawned.control)
            except OSError:
                pass
    _SPAWNED.clear()


__all__ = ["PLOTTING", "PRELOAD", "SpawnedZygote", "spawn_early", "spawn_zygote",
           "take_spawned", "zygote_folder"]
