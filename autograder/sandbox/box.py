"""One submission's worker: its functions run in a separate, limited process, plain data back.

`Sandbox` has one worker process (worker.py) per submission, forked by a zygote (zygote.py),
sends it the source, then its calls, all at once. Each call has a deadline; a call that runs
past it, or a worker that dies, is reported as such and a fresh worker takes the remaining
calls.
"""

import atexit
import os
import shutil
import signal
import socket
import tempfile
import time
from dataclasses import dataclass, field

from autograder.judge import decoding
from autograder.judge.decoding import CallOutcome
from autograder.judge.encoding import encode
from autograder.judge.settings import Settings
from autograder.sandbox.channel import Channel, Flooded, ReplyBudget
from autograder.sandbox.confinement import CONFINEMENT_FAILED
from autograder.sandbox.plot_gate import REAL, STAND_IN, plot_mode
from autograder.sandbox.processes import ProcessGroup
from autograder.sandbox.launch import PLOTTING, PRELOAD
from autograder.sandbox.zygote import ZygoteGone, close_zygotes, start_zygote

_GRACE_S = 1.0
"""Time the grader waits past a limit before it kills the worker itself."""
_REPAIR_CHUNK = 16
"""Repair candidates sent before their replies are read: enough to keep the worker busy."""
_REPAIR_REPLY_BYTES = 8 * 2**20
"""What the replies of one failed function's repair candidates may weigh: hundreds of small
arrays. Past it the search stops; the submission's own reply budget is untouched."""
_REAP_TIMEOUT_S = 5.0
"""Time a killed worker may take to be reaped (it is milliseconds)."""
_FILE_SIZE_LIMIT = 16 * 2**20

atexit.register(close_zygotes)


@dataclass
class ImportOutcome:
    """How importing the submission went: 'ready', 'import_error', 'exited', 'timeout' or 'crashed'."""

    status: str
    names: dict = field(default_factory=dict)
    """Top-level names the submission defines, each with its kind ('function', 'value', ...)."""
    parameter_names: dict = field(default_factory=dict)
    """Function name -> its positional parameters' names, in order."""
    cell_errors: list = field(default_factory=list)
    """Notebook cells that raised while the rest still ran: type, message, cell, lineno."""
    error: dict = field(default_factory=dict)
    """For 'import_error': type, message, lineno. For 'exited': code. For 'crashed': detail."""


class Sandbox:
    """One submission's worker process, restarted after a crash or a time-out."""

    def __init__(self, cells, settings: Settings, stop_on_error: bool = True,
                 preload: tuple = PRELOAD, plot_stand_in: bool = False):
        """cells: [(name, source)], "<submission>" for a .py, "<cell N>" for notebook cells.

        preload: modules the zygote imports before it forks this worker (numpy always).
        plot_stand_in: the worker serves matplotlib with its stand-in (plot_standin.py).
        """
        self.cells = [{"name": name, "source": source} for name, source in cells]
        self.stop_on_error = stop_on_error
        self.settings = settings
        self.preload = preload
        self.plot_stand_in = plot_stand_in
        self.output_parts = []
        self.channel = None
        self.zygote = None
        self.order_id = None
        self._pid = None
        self.directory = None
        """The worker's own folder (its cwd, HOME and TMPDIR), made by the zygote."""
        self.processes = None
        """Every process of the submission, limited in number, killed when grading ends."""
        self.import_outcome = None
        self.retried = []
        """(what, signal) for each call (its function's name) or import ("import") that was
        run once more in a fresh worker because a signal ended the first one (it may have
        come from outside: a sibling, the machine), before its failure was believed."""
        self._death_signal = None
        self._started_at = time.monotonic()
        self.budget = ReplyBudget(settings.reply_limit_mb * 2**20)
        """What the submission's replies may weigh in all, across its workers (channel.py)."""
        self.stopped_for = None
        """Why no worker may be started any more for this submission: its wall-clock budget
        is spent, or its replies were larger than any right answer. None while it may."""

    # Lifecycle

    def start(self) -> None:
        """Fork the worker and hand it the source; returns without waiting for either."""
        if self.processes is None:
            self.processes = ProcessGroup(self.settings.max_processes,
                                          self.settings.worker_memory_mb * 2**20)
        self._death_signal = None
        grader_end, worker_end = socket.socketpair()
        try:
            self.zygote = start_zygote(self.preload)
            # The zygote makes the worker's folder, so that it can remove it even if the
            # grader is killed before it knows the folder's name.
            order = {"temporary": tempfile.gettempdir(),
                     "cgroup": str(self.processes.path) if self.processes.path else None,
                     "memory_cgroup": (str(self.processes.memory_path)
                                       if self.processes.memory_path else None),
                     "limits": self._limits(), "user": worker_user(self.settings.worker_user),
                     "scratch_bytes": self.settings.scratch_mb * 2**20,
                     # the zygote's own watch: no worker outlives the submission's budget,
                     # even while the grader is busy elsewhere (it stops it first, normally)
                     "lifetime_s": max(self._remaining_s(), 0) + 2 * _GRACE_S}
            self.order_id = self.zygote.fork(order, worker_end)
        except ZygoteGone:
            self.zygote = None  # wait_ready() reports that no worker could start
        finally:
            worker_end.close()
        self._pid = None
        self.channel = Channel(grader_end, self.budget)
        self.channel.send({"cells": self.cells, "stop_on_error": self.stop_on_error,
                           "plot_stand_in": self.plot_stand_in,
                           "call_timeout_s": self.settings.call_timeout_s,
                           "import_timeout_s": self._remaining_s()})

    def wait_ready(self) -> ImportOutcome:
        """Wait for the submission to be imported and report how it went."""
        if self.import_outcome is None:
            outcome = self._receive_import()
            if (outcome.status == "crashed" and self._death_signal and self._may_restart()
                    and not any(what == "import" for what, _ in self.retried)):
                self.retried.append(("import", self._death_signal))
                self.start()
                outcome = self._receive_import()
            self.import_outcome = outcome
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
        return self.call_many([(name, args)])[0]

    def call_many(self, requests: list) -> list:
        """Call each (name, args) in order; one CallOutcome each.

        The requests are all sent at once and the worker answers them one after the other, so
        a submission costs one exchange, not one per call. A call that crashes the worker, or
        that the grader has to stop, is reported, and a fresh worker takes the calls after it.
        """
        outcomes = []
        retried = set()
        while len(outcomes) < len(requests):
            if not self._is_running():
                if not self._may_restart():
                    return outcomes + [self._stopped_outcome() for _ in requests[len(outcomes):]]
                self.start()
                self.import_outcome = None
                if self.wait_ready().status != "ready":
                    detail = "the submission could not be imported again after a restart"
                    return outcomes + [CallOutcome("crashed", error={"detail": detail})
                                       for _ in requests[len(outcomes):]]
            pending = requests[len(outcomes):]
            for name, args in pending:
                arrays = []
                self.channel.send({"name": name, "args": encode(list(args), arrays)}, arrays)
            for name, _ in pending:
                outcome = self._receive_call()
                position = len(outcomes)
                if (outcome.status == "crashed" and self._death_signal
                        and position not in retried):
                    retried.add(position)  # once more, in a fresh worker, before it counts
                    self.retried.append((name, self._death_signal))
                    break
                outcomes.append(outcome)
                if not self._is_running():
                    break  # the rest go to a fresh worker
        return outcomes

    def trace_many(self, requests: list, slowdown: float) -> list:
        """Run each (name, args) again under the tracer: one decoding.Trace (or None) each.

        A second exchange, after the verdict, for the diagnosis only: the tracer slows a call
        down, so each gets `slowdown` times the call's time limit, within what is left of the
        submission's wall-clock budget: a traced run that times out, crashes or outlives the
        budget is never the student's time-out, it only means no trace (the verdict is in by
        then). What the traced runs print is left out of the report (the worker takes it back
        out).
        """
        traces = []
        for name, args in requests:
            if not self._is_running():
                if not self._may_restart():
                    return traces + [None] * (len(requests) - len(traces))
                self.start()
                self.import_outcome = None
                if self.wait_ready().status != "ready":
                    return traces + [None] * (len(requests) - len(traces))
            remaining = self._remaining_s()
            if remaining <= 0:
                self._stop_process()
                return traces + [None] * (len(requests) - len(traces))
            arrays = []
            self.channel.send({"name": name, "args": encode(list(args), arrays),
                               "trace": slowdown}, arrays)
            try:
                reply, returned = self.channel.receive(
                    min(self.settings.call_timeout_s * slowdown, remaining) + _GRACE_S)
            except Flooded as flood:
                self._stop_flooded(flood)
                return traces + [None] * (len(requests) - len(traces))
            except (TimeoutError, EOFError, decoding.ProtocolError):
                self._stop_process()  # a traced run that hangs would hang on every input
                return traces + [None] * (len(requests) - len(traces))
            trace = None
            if isinstance(reply, dict) and reply.get("status") == "traced":
                trace = decoding.decode_trace(reply.get("trace"), returned)
                if trace is not None and trace.error:
                    trace.error = _clean_error(trace.error)
            traces.append(trace)
        return traces

    def try_many(self, requests: list, deadline: float) -> list:
        """Run repair candidates: each (name, args, sources) calls `name` as `sources` define it
        ({function name: source}, the student's own functions edited by judge/repair/), in a
        copy of the submission's namespace. One CallOutcome each, None for those not run.

        For the diagnosis only, after the verdict: each call gets Settings.repair_call_timeout_s,
        all of them end by `deadline` (time.monotonic()) and within the submission's wall-clock
        budget, and their replies weigh against a budget of their own. A candidate that hangs,
        crashes or floods ends the search, never the student's grade: the worker is stopped and
        the next call, if any, starts a fresh one.
        """
        outcomes = []
        if not self._is_running() or self.stopped_for is not None:
            return [None] * len(requests)
        saved_budget = self.channel.budget
        self.channel.budget = ReplyBudget(_REPAIR_REPLY_BYTES)
        timeout = self.settings.repair_call_timeout_s
        try:
            for start in range(0, len(requests), _REPAIR_CHUNK):
                chunk = requests[start:start + _REPAIR_CHUNK]
                left = min(deadline - time.monotonic(), self._remaining_s() - 2 * _GRACE_S)
                if left <= 0:
                    break
                for name, args, sources in chunk:
                    arrays = []
                    self.channel.send({"name": name, "args": encode(list(args), arrays),
                                       "sources": sources, "timeout_s": timeout}, arrays)
                for _ in chunk:
                    left = min(deadline - time.monotonic(), self._remaining_s() - _GRACE_S)
                    reply, returned = self.channel.receive(max(left, 0) + timeout)
                    outcome = self._decode_call(reply, returned)
                    if outcome.status == "crashed":
                        raise EOFError
                    outcomes.append(outcome)
        except (TimeoutError, EOFError, decoding.ProtocolError):
            self._stop_process()  # the next call, if any, gets a fresh worker
        finally:
            if self.channel is not None:
                self.channel.budget = saved_budget
        return outcomes + [None] * (len(requests) - len(outcomes))

    # Helpers

    def _is_running(self) -> bool:
        return self.channel is not None and not self.channel.closed_by_worker

    def _receive_call(self) -> CallOutcome:
        if self._remaining_s() <= 0:
            self._stop_process()
            return CallOutcome("timeout", error={"limit": "submission",
                                                 "seconds": self.settings.submission_timeout_s})
        limit = min(self.settings.call_timeout_s + _GRACE_S, self._remaining_s() + _GRACE_S)
        try:
            reply, returned = self.channel.receive(limit)
        except TimeoutError:
            self._stop_process()
            return CallOutcome("timeout", error={"limit": "call",
                                                 "seconds": self.settings.call_timeout_s})
        except EOFError:
            return CallOutcome("crashed", error={"detail": self._death_detail()})
        except Flooded as flood:
            return CallOutcome("crashed", error={"detail": self._stop_flooded(flood)})
        except decoding.ProtocolError as error:
            self._stop_process()
            return CallOutcome("crashed", error={"detail": f"it sent back something unreadable "
                                                           f"({error})"})
        return self._decode_call(reply, returned)

    def _receive_import(self) -> ImportOutcome:
        if self.zygote is None:
            self._stop_process()
            return ImportOutcome("crashed", error={"detail": "no worker process could be started"})
        try:
            reply, _ = self.channel.receive(self._remaining_s() + _GRACE_S)
        except TimeoutError:
            self._stop_process()
            return ImportOutcome("timeout")
        except EOFError:
            return ImportOutcome("crashed", error={"detail": self._death_detail()})
        except Flooded as flood:
            return ImportOutcome("crashed", error={"detail": self._stop_flooded(flood)})
        except decoding.ProtocolError as error:
            self._stop_process()
            return ImportOutcome("crashed", error={"detail": f"it sent back something "
                                                             f"unreadable ({error})"})
        status = reply.get("status") if isinstance(reply, dict) else None
        if status == "ready" and isinstance(reply.get("names"), dict):
            names = {str(k): str(v) for k, v in reply["names"].items()}
            cell_errors = [_clean_error(e) for e in reply.get("cell_errors", [])[:20]]
            given = reply.get("parameter_names")
            parameter_names = ({str(k): [str(p)[:40] for p in v][:12] for k, v in given.items()
                                if isinstance(v, list)} if isinstance(given, dict) else {})
            return ImportOutcome("ready", names=names, cell_errors=cell_errors,
                                 parameter_names=parameter_names)
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
            args_after = decoding.decode_value(reply["args_after"], returned)
            if status == "returned":
                value = decoding.decode_value(reply["value"], returned)
                return CallOutcome("returned", value=value, args_after=args_after,
                                   seconds=seconds)
            if status == "raised":
                return CallOutcome("raised", args_after=args_after,
                                   error=_clean_error(reply["error"]), seconds=seconds)
            if status == "timeout":
                return CallOutcome("timeout", error={"limit": "call",
                                                     "seconds": self.settings.call_timeout_s})
        except (KeyError, TypeError, ValueError, decoding.ProtocolError):
            pass
        self._stop_process()
        return CallOutcome("crashed", error={"detail": "it answered in an unexpected way"})

    def _pid_of_worker(self):
        if self._pid is None and self.zygote is not None and self.order_id is not None:
            self._pid, self.directory = self.zygote.forked(self.order_id)
        return self._pid

    def _death_detail(self) -> str:
        """Why the worker is gone, in words: its exit status or the signal that ended it."""
        pid = self._pid_of_worker()
        returncode = None if pid is None else self.zygote.exit_code(pid, _GRACE_S)
        self._stop_process()
        self._death_signal = None
        if returncode is None:
            return "it stopped answering"
        if returncode == CONFINEMENT_FAILED:
            return ("the grader could not confine its process (a problem of the machine, not "
                    "of the code), so the code was not run")
        if returncode < 0:
            try:
                name = signal.Signals(-returncode).name
            except ValueError:
                name = f"signal {-returncode}"
            self._death_signal = name
            if name == "SIGXCPU":
                return "it used up its CPU time (SIGXCPU)"
            if name == "SIGKILL":
                return "it was killed (SIGKILL), most often for using too much memory"
            return f"it was ended by {name}"
        return f"the process ended itself with exit status {returncode}"

    def _stop_process(self) -> None:
        """Kill the worker and whatever it started, wait until it is reaped, keep its output."""
        channel, self.channel = self.channel, None
        if channel is None:
            return
        channel.close()
        pid = self._pid_of_worker()
        self.processes.kill_all(pid, wait=False)
        if pid is not None:  # the zygote says when it has reaped the worker: no polling
            self.zygote.exit_code(pid, _REAP_TIMEOUT_S)
            self.zygote.forget(pid)
        self.processes.kill_all()  # whatever the worker started and is still there
        self._pid = None
        self._collect_output()

    def _collect_output(self) -> None:
        if self.directory is None:
            return
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
        self.directory = None

    def _remaining_s(self) -> float:
        return self.settings.submission_timeout_s - (time.monotonic() - self._started_at)

    def remaining_s(self) -> float:
        """What is left of the submission's wall-clock budget, in seconds."""
        return self._remaining_s()

    @property
    def flooded(self) -> bool:
        """True once the submission's replies were larger than any right answer."""
        return self.stopped_for not in (None, "time")

    def _may_restart(self) -> bool:
        """Whether a fresh worker may be started: not once the submission's wall-clock budget
        is spent (no worker lives past it), nor once its replies were larger than any right
        answer (a flood would only start again)."""
        if self.stopped_for is None and self._remaining_s() <= 0:
            self.stopped_for = "time"
        return self.stopped_for is None

    def _stop_flooded(self, flood: Flooded) -> str:
        """Stop the worker of a submission whose replies broke a limit, for good (no other is
        started for it); the reason, in words."""
        self._stop_process()
        self.stopped_for = str(flood)
        return self.stopped_for

    def _stopped_outcome(self) -> CallOutcome:
        """What a call gets that no worker may run any more (_may_restart)."""
        if self.stopped_for == "time":
            return CallOutcome("timeout", error={"limit": "submission",
                                                 "seconds": self.settings.submission_timeout_s})
        return CallOutcome("crashed", error={"detail": self.stopped_for})

    def _limits(self) -> dict:
        memory = self.settings.memory_limit_mb * 2**20
        cpu = int(self.settings.submission_timeout_s) + 1
        return {"RLIMIT_AS": [memory, memory], "RLIMIT_CPU": [cpu, cpu + 1],
                "RLIMIT_FSIZE": [_FILE_SIZE_LIMIT, _FILE_SIZE_LIMIT], "RLIMIT_CORE": [0, 0],
                **self.processes.limits(other_user=bool(self.settings.worker_user))}


def worker_user(name: str):
    """[uid, gid] of the user workers run as, or None for the grading user; ValueError when
    the user does not exist or the grader may not switch to it (it is not root)."""
    if not name:
        return None
    import pwd

    try:
        entry = pwd.getpwuid(int(name)) if name.isdigit() else pwd.getpwnam(name)
    except KeyError:
        raise ValueError(f"there is no user {name!r} on this machine") from None
    if os.geteuid() != 0 and entry.pw_uid != os.geteuid():
        raise ValueError(f"only root may run workers as another user ({name})")
    return [entry.pw_uid, entry.pw_gid]


_PROBE = """
import collections, csv, decimal, fractions, glob, json, os, statistics, numpy, numpy.linalg
for module in (os, numpy, statistics):
    with open(module.__file__, "rb") as handle:
        handle.read(1)
os.listdir(os.path.dirname(numpy.__file__))
"""
"""What a worker does to show it can run a submission: import modules of the standard library
and numpy the zygote has not imported already, and read their files. A probe, not a walk."""


def worker_problem(settings: Settings):
    """None when a worker started with `settings` (its user, above all) can run a submission;
    else what went wrong, in a sentence for the instructor. One worker, a tenth of a second."""
    with Sandbox([("<submission>", _PROBE)], settings) as box:
        box.start()
        outcome = box.wait_ready()
    if outcome.status == "ready":
        return None
    error = outcome.error or {}
    what = (f"{error.get('type')}: {error.get('message')}" if error.get("type")
            else error.get("detail") or outcome.status)
    return what


def plotting_for(sources) -> tuple:
    """(preload, plot_stand_in) for a submission whose code is `sources`: the stand-in for
    matplotlib where the code only draws (plot_gate.py), else the real library, preloaded."""
    mode = plot_mode(sources)
    return (PLOTTING if mode == REAL else PRELOAD), mode == STAND_IN


def _clean_error(error) -> dict:
    """Keep only the expected fields of an error description, as plain short strings."""
    if not isinstance(error, dict):
        return {}
    cleaned = {}
    for key in ("type", "message", "function", "code", "cell", "function_source"):
        if error.get(key) is not None:
            cleaned[key] = str(error[key])[:8000 if key == "function_source" else 1000]
    for key in ("lineno", "function_line"):
        if isinstance(error.get(key), int) and not isinstance(error.get(key), bool):
            cleaned[key] = error[key]
    return cleaned
