"""Run a submission's functions in a separate, limited process and bring back plain data.

`Sandbox` starts one worker process (sandbox/worker.py) per submission, sends it the source,
then one call at a time. Each call has a deadline; a call that runs past it, or a worker that
dies, is reported as such and a fresh worker takes the remaining calls.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.sandbox import protocol
from autograder.sandbox.hiding import hide_in_child, paths_to_hide, worker_command
from autograder.sandbox.worker import apply_limits
from autograder.sandbox.zygote import shared_zygote
from autograder.sandbox.processes import ProcessGroup
from autograder.sandbox.protocol import CallOutcome
from autograder.sandbox.worker import encode
from autograder.settings import Settings

WORKER_PATH = Path(__file__).with_name("worker.py")
KIT_ROOT = Path(__file__).resolve().parents[2]
"""Everything under it is hidden from the worker where the machine allows (sandbox/hiding.py)."""
_GRACE_S = 1.0
"""Time the grader waits past a limit before it kills the worker itself."""
_FILE_SIZE_LIMIT = 16 * 2**20
_PASSED_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LANG", "LC_ALL")


@dataclass
class ImportOutcome:
    """How importing the submission went: 'ready', 'import_error', 'exited', 'timeout' or 'crashed'."""

    status: str
    names: dict = field(default_factory=dict)
    """Top-level names the submission defines, each with its kind ('function', 'value', ...)."""
    cell_errors: list = field(default_factory=list)
    """Notebook cells that raised while the rest still ran: type, message, cell, lineno."""
    error: dict = field(default_factory=dict)
    """For 'import_error': type, message, lineno. For 'exited': code. For 'crashed': detail."""


class Sandbox:
    """One submission's worker process, restarted after a crash or a time-out."""

    def __init__(self, cells, settings: Settings, stop_on_error: bool = True):
        """cells: [(name, source)], "<submission>" for a .py, "<cell N>" for notebook cells."""
        self.cells = [{"name": name, "source": source} for name, source in cells]
        self.stop_on_error = stop_on_error
        self.settings = settings
        self.output_parts = []
        self.process = None
        self.processes = None
        """Every process of the submission, limited in number, killed when grading ends."""
        self.import_outcome = None
        self._started_at = time.monotonic()

    # Lifecycle

    def start(self) -> None:
        """Start the worker and hand it the source; returns without waiting for the import."""
        self.directory = tempfile.mkdtemp(prefix="backprop-kit-")
        if self.processes is None:
            self.processes = ProcessGroup(self.settings.max_processes)
        self.process = self._fork_from_zygote() or subprocess.Popen(
            worker_command(WORKER_PATH),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=self.directory, env=self._environment(), start_new_session=True,
            preexec_fn=self._limit_resources, close_fds=True,
        )
        self.reader = protocol.DeadlineReader(self.process.stdout.fileno())
        hello = {"cells": self.cells, "stop_on_error": self.stop_on_error,
                 "call_timeout_s": self.settings.call_timeout_s,
                 "import_timeout_s": self._remaining_s()}
        try:
            protocol.write_frame(self.process.stdin, hello)
        except OSError:
            pass  # the worker died already; wait_ready() reports how

    def wait_ready(self) -> ImportOutcome:
        """Wait for the submission to be imported and report how it went."""
        if self.import_outcome is None:
            self.import_outcome = self._receive_import()
        return self.import_outcome

    def close(self) -> str:
        """Stop the worker and all it started, remove its directory, return what it printed."""
        self._stop_process()
        if self.processes is not None:
            self.processes.close()
        return "".join(self.output_parts)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # Calls

    def call(self, name: str, args: tuple) -> CallOutcome:
        """Call the submission's `name` with `args`; restart the worker first if it died."""
        if self.process is None or self.process.poll() is not None:
            self.start()
            self.import_outcome = None
            if self.wait_ready().status != "ready":
                return CallOutcome("crashed", error={"detail": "the submission could not be "
                                                               "imported again after a restart"})
        if self._remaining_s() <= 0:
            return CallOutcome("timeout", error={"limit": "submission",
                                                 "seconds": self.settings.submission_timeout_s})
        arrays = []
        request = {"name": name, "args": encode(list(args), arrays)}
        try:
            protocol.write_frame(self.process.stdin, request, arrays)
        except OSError:
            return self._crashed_call()
        limit = min(self.settings.call_timeout_s + _GRACE_S, self._remaining_s() + _GRACE_S)
        try:
            reply, returned = self.reader.read_frame(limit)
        except TimeoutError:
            self._stop_process()
            return CallOutcome("timeout", error={"limit": "call",
                                                 "seconds": self.settings.call_timeout_s})
        except EOFError:
            return self._crashed_call()
        except protocol.ProtocolError as error:
            self._stop_process()
            return CallOutcome("crashed", error={"detail": f"it sent back something unreadable "
                                                           f"({error})"})
        return self._decode_call(reply, returned)

    # Helpers

    def _receive_import(self) -> ImportOutcome:
        try:
            reply, _ = self.reader.read_frame(self._remaining_s() + _GRACE_S)
        except TimeoutError:
            self._stop_process()
            return ImportOutcome("timeout")
        except EOFError:
            return ImportOutcome("crashed", error={"detail": self._death_detail()})
        except protocol.ProtocolError as error:
            self._stop_process()
            return ImportOutcome("crashed", error={"detail": f"it sent back something "
                                                             f"unreadable ({error})"})
        status = reply.get("status") if isinstance(reply, dict) else None
        if status == "ready" and isinstance(reply.get("names"), dict):
            names = {str(k): str(v) for k, v in reply["names"].items()}
            cell_errors = [_clean_error(e) for e in reply.get("cell_errors", [])[:20]]
            return ImportOutcome("ready", names=names, cell_errors=cell_errors)
        if status in ("import_error", "exited", "timeout"):
            self._stop_process()
            error = reply.get("error") if status == "import_error" else {"code": reply.get("code")}
            return ImportOutcome(status, error=_clean_error(error))
        self._stop_process()
        return ImportOutcome("crashed", error={"detail": "it answered in an unexpected way"})

    def _decode_call(self, reply, returned) -> CallOutcome:
        try:
            status = reply["status"]
            seconds = float(reply.get("seconds", 0.0))
            args_after = protocol.decode_value(reply["args_after"], returned)
            if status == "returned":
                value = protocol.decode_value(reply["value"], returned)
                return CallOutcome("returned", value=value, args_after=args_after,
                                   seconds=seconds)
            if status == "raised":
                return CallOutcome("raised", args_after=args_after,
                                   error=_clean_error(reply["error"]), seconds=seconds)
            if status == "timeout":
                return CallOutcome("timeout", error={"limit": "call",
                                                     "seconds": self.settings.call_timeout_s})
        except (KeyError, TypeError, ValueError, protocol.ProtocolError):
            pass
        self._stop_process()
        return CallOutcome("crashed", error={"detail": "it answered in an unexpected way"})

    def _crashed_call(self) -> CallOutcome:
        detail = self._death_detail()
        return CallOutcome("crashed", error={"detail": detail})

    def _death_detail(self) -> str:
        """Why the worker is gone, in words: its exit status or the signal that ended it."""
        try:
            returncode = self.process.wait(timeout=_GRACE_S)
        except subprocess.TimeoutExpired:
            self._stop_process()
            return "it stopped answering"
        self._stop_process()
        if returncode < 0:
            try:
                name = signal.Signals(-returncode).name
            except ValueError:
                name = f"signal {-returncode}"
            if name == "SIGXCPU":
                return "it used up its CPU time (SIGXCPU)"
            if name == "SIGKILL":
                return "it was killed (SIGKILL), most often for using too much memory"
            return f"it was ended by {name}"
        return f"the process ended itself with exit status {returncode}"

    def _stop_process(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        self.processes.kill_all(process.pid)  # the worker and whatever it started
        process.wait()
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.reader.close()
        self._collect_output()

    def _collect_output(self) -> None:
        limit = self.settings.output_limit_chars
        try:
            with open(os.path.join(self.directory, "output.txt"), "rb") as handle:
                text = handle.read(limit + 1).decode("utf-8", "replace")
        except OSError:
            text = ""
        if len(text) > limit:
            text = text[:limit] + "\n[... output cut]"
        self.output_parts.append(text)
        shutil.rmtree(self.directory, ignore_errors=True)

    def _remaining_s(self) -> float:
        return self.settings.submission_timeout_s - (time.monotonic() - self._started_at)

    def _environment(self) -> dict:
        environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1",
                       "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                       "PYTHONDONTWRITEBYTECODE": "1", "HOME": self.directory,
                       "TMPDIR": self.directory}
        for name in _PASSED_ENVIRONMENT:
            if name in os.environ:
                environment[name] = os.environ[name]
        return environment

    def _limit_resources(self) -> None:
        """In the child, before Python starts: processes, memory, CPU time and file size."""
        self.processes.enter()
        hide_in_child(KIT_ROOT)
        apply_limits(self._limits())

    def _limits(self) -> dict:
        memory = self.settings.memory_limit_mb * 2**20
        cpu = int(self.settings.submission_timeout_s) + 1
        return {"RLIMIT_AS": [memory, memory], "RLIMIT_CPU": [cpu, cpu + 1],
                "RLIMIT_FSIZE": [_FILE_SIZE_LIMIT, _FILE_SIZE_LIMIT], "RLIMIT_CORE": [0, 0]}

    def _fork_from_zygote(self):
        """A worker forked from the shared zygote (fast), or None to start one afresh."""
        if not self.settings.use_zygote:
            return None
        environment = self._environment()
        base = {k: v for k, v in environment.items() if k not in ("HOME", "TMPDIR")}
        zygote = shared_zygote(worker_command(WORKER_PATH), base)
        if zygote is None:
            return None
        order = {"cgroup": str(self.processes.path) if self.processes.path else None,
                 "hide": paths_to_hide(KIT_ROOT), "limits": self._limits(),
                 "environment": {"HOME": self.directory, "TMPDIR": self.directory}}
        try:
            return zygote.fork(self.directory, order)
        except (OSError, EOFError, ValueError):
            return None


def _clean_error(error) -> dict:
    """Keep only the expected fields of an error description, as plain short strings."""
    if not isinstance(error, dict):
        return {}
    cleaned = {}
    for key in ("type", "message", "function", "code", "cell"):
        if error.get(key) is not None:
            cleaned[key] = str(error[key])[:1000]
    if isinstance(error.get("lineno"), int):
        cleaned["lineno"] = error["lineno"]
    return cleaned
