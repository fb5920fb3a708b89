"""Run untrusted student code in the child process.

This file is the only code that runs beside a submission. It imports the standard library and
numpy only (never the autograder or the reference), and is started as a script with `python -I`,
so nothing of the grader is importable from here. It speaks to the grader over its end of a
socket pair, in frames (see `frame_bytes`): a JSON header followed by each array's raw bytes.
Nothing is ever pickled. The grader trusts none of what this process says: it re-checks every value.
"""

import io
import json
import os
import re
import resource
import signal
import struct
import sys
import time
import types

try:  # in the worker's source text judge/encoding.py comes first (hiding.py worker_command)
    encode
except NameError:
    from autograder.judge.encoding import (MAX_CONTAINER_ITEMS, SUBMISSION_FILENAME,
                                           describe_exception, encode)


# Framing, shared with the grader (autograder.sandbox.channel imports these functions).
#
# A frame is: the magic bytes, u32 size of the header, u64 size of the payload, the header (JSON:
# the message and one [dtype, shape, offset] per array), then the payload: each array's raw
# bytes, C order. Nothing is pickled, and an array comes back only as a plain number dtype (see
# array_from). The magic lets a reader refuse garbage at its first bytes, not after a time-out.

FRAME_MAGIC = b"BPK1"
FRAME_PREFIX = struct.Struct("<4sIQ")
_ALIGN = 16
_NUMBER_DTYPE = re.compile(r"[<>|=][biufc][0-9]{1,2}\Z")


def frame_bytes(header, arrays=()):
    """The bytes of one frame holding `header` (JSON-able) and `arrays` (numpy arrays)."""
    metas = []
    chunks = []
    offset = 0
    for array in arrays:
        data = array.tobytes()
        metas.append([array.dtype.str, list(array.shape), offset])
        padding = -len(data) % _ALIGN
        chunks.append(data + bytes(padding))
        offset += len(data) + padding
    header_bytes = json.dumps([header, metas], allow_nan=True).encode()
    return b"".join([FRAME_PREFIX.pack(FRAME_MAGIC, len(header_bytes), offset), header_bytes,
                     *chunks])


def write_frame(stream, header, arrays=()):
    """Write one frame to a binary stream and flush it."""
    stream.write(frame_bytes(header, arrays))
    stream.flush()


def parse_frame(header_bytes, payload):
    """(header, arrays) from a frame's two parts; `payload` a bytearray the arrays then share."""
    header, metas = json.loads(header_bytes)
    if not isinstance(metas, list) or len(metas) > MAX_CONTAINER_ITEMS ** 2:
        raise ValueError("a frame with a bad list of arrays")
    return header, [array_from(meta, payload) for meta in metas]


def array_from(meta, payload):
    """One array of a frame, after checking that it is plain numbers lying inside the payload."""
    import numpy as np

    if not (isinstance(meta, list) and len(meta) == 3):
        raise ValueError("an array described in a bad way")
    dtype_text, shape, offset = meta
    if not (isinstance(dtype_text, str) and _NUMBER_DTYPE.match(dtype_text)):
        raise ValueError(f"an array of dtype {str(dtype_text)[:20]!r}, not plain numbers")
    dtype = np.dtype(dtype_text)
    if dtype.kind not in "biufc" or dtype.hasobject:
        raise ValueError(f"an array of dtype {dtype_text!r}, not plain numbers")
    if not (isinstance(shape, list) and len(shape) <= 32
            and all(type(n) is int and n >= 0 for n in shape)):
        raise ValueError("an array with a bad shape")
    count = 1
    for n in shape:
        count *= n
    if not (type(offset) is int and 0 <= offset and offset + count * dtype.itemsize <= len(payload)):
        raise ValueError("an array that does not fit in its frame")
    return np.frombuffer(payload, dtype, count, offset).reshape(shape)


def read_exactly(stream, size):
    """Read `size` bytes, or raise EOFError if the other side went away first."""
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError("the other process closed the pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(stream, max_bytes=64 * 2**20):
    """Read one frame written by `write_frame` from a binary stream."""
    magic, header_size, payload_size = FRAME_PREFIX.unpack(
        read_exactly(stream, FRAME_PREFIX.size))
    if magic != FRAME_MAGIC:
        raise ValueError("not a frame")
    if header_size + payload_size > max_bytes:
        raise ValueError(f"a frame of {header_size + payload_size} bytes is too large")
    header_bytes = read_exactly(stream, header_size)
    return parse_frame(header_bytes, bytearray(read_exactly(stream, payload_size)))


# Values: the grader's arguments in; what a call returned or raised goes out described by
# judge/encoding.py (encode, describe_exception).

def decode_arguments(encoded, arrays):
    """Rebuild the grader's arguments (trusted data: arrays, numbers and dicts of them)."""
    tag = encoded["t"]
    if tag == "nd":
        return arrays[encoded["i"]]
    if tag == "dict":
        return {key: decode_arguments(item, arrays) for key, item in encoded["items"]}
    if tag in ("list", "tuple"):
        items = [decode_arguments(item, arrays) for item in encoded["items"]]
        return items if tag == "list" else tuple(items)
    if tag == "none":
        return None
    return encoded["v"]


# Running the submission.

class CallTimeout(BaseException):
    """Raised by the interval timer inside a student call that ran past its time limit."""


def _on_alarm(signum, frame):
    raise CallTimeout()


def _defined_names(namespace):
    """Top-level names of the submission and what kind of thing each is."""
    names = {}
    for name, value in list(namespace.items()):
        if name.startswith("__"):
            continue
        if isinstance(value, types.FunctionType):
            names[name] = "function"
        elif callable(value):
            names[name] = "callable"
        elif isinstance(value, types.ModuleType):
            names[name] = "module"
        else:
            names[name] = "value"
    return names


def parameter_names(namespace):
    """Function name -> the names of its positional parameters, in order (for a hint when
    they differ from the assignment's)."""
    found = {}
    for name, value in list(namespace.items())[:500]:
        code = getattr(value, "__code__", None) if isinstance(value, types.FunctionType) else None
        if code is not None:
            found[name] = [str(arg)[:40] for arg in code.co_varnames[:code.co_argcount]][:12]
    return found


def main():
    """Import the submission, then answer call requests until the grader closes the pipe."""
    # Keep private copies of the pipes, then point the standard streams away from them, so that
    # whatever the submission prints (even from C) lands in a file, never in the protocol.
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # the output file, opened by _become_worker outside the worker's own root
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    sys.stderr = sys.stdout
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _on_alarm)

    import builtins

    import numpy  # noqa: F401  (imported before the submission, as it would be)

    # The worker's own code needs honest builtins (isinstance, type, len...): the submission's
    # replacements are undone after its import and after each call.
    saved_builtins = dict(vars(builtins))

    def restore_builtins():
        vars(builtins).update(saved_builtins)

    hello, _ = read_frame(requests)
    call_timeout = float(hello["call_timeout_s"])
    if hello.get("plot_stand_in"):  # the grader read the code: its plots need no matplotlib
        globals()["install_plot_stand_in"]()  # plot_standin.py, part of this source
    module = types.ModuleType("submission")
    module.__file__ = SUBMISSION_FILENAME
    sys.modules["submission"] = module
    # A .py is one cell that must run whole; a notebook's cells run one by one, and a cell that
    # raises is recorded while the others still run, as in Jupyter.
    cell_errors = []
    import linecache

    for cell in hello["cells"]:  # so that a traceback, and the tracer, can read the source
        source = cell["source"]
        linecache.cache[cell["name"]] = (len(source), None, source.splitlines(True), cell["name"])
    signal.setitimer(signal.ITIMER_REAL, float(hello["import_timeout_s"]))
    try:
        for cell in hello["cells"]:
            try:
                exec(compile(cell["source"], cell["name"], "exec"), module.__dict__)
            except (CallTimeout, SystemExit):
                raise
            except BaseException as error:
                if hello["stop_on_error"]:
                    raise
                cell_errors.append(describe_exception(error))
        signal.setitimer(signal.ITIMER_REAL, 0)
    except CallTimeout:
        write_frame(replies, {"status": "timeout"})
        return
    except SystemExit as error:
        signal.setitimer(signal.ITIMER_REAL, 0)
        write_frame(replies, {"status": "exited", "code": repr(error.code)[:100]})
        return
    except BaseException as error:
        signal.setitimer(signal.ITIMER_REAL, 0)
        restore_builtins()
        write_frame(replies, {"status": "import_error", "error": describe_exception(error)})
        return
    restore_builtins()
    write_frame(replies, {"status": "ready", "names": _defined_names(module.__dict__),
                          "parameter_names": parameter_names(module.__dict__),
                          "cell_errors": cell_errors[:20]})

    candidates = {}
    while True:
        try:
            request, arrays = read_frame(requests)
        except EOFError:
            return
        args = decode_arguments(request["args"], arrays)
        function = module.__dict__.get(request["name"])
        seconds = call_timeout
        printed_until = None
        if request.get("sources"):  # a candidate of the repair search: the student's function
            seconds = min(call_timeout, float(request.get("timeout_s", call_timeout)))
            printed_until = os.lseek(1, 0, os.SEEK_CUR)
            function = _candidate(module, request["name"], request["sources"], candidates)
        if request.get("trace"):
            _answer_trace(replies, function, args, call_timeout * request["trace"],
                          restore_builtins)
            continue
        reply = {"status": "returned"}
        returned = []
        started = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                if printed_until is not None and isinstance(function, BaseException):
                    raise function
                value = function(*args)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            restore_builtins()
            reply["value"] = encode(value, returned)
        except CallTimeout:
            reply = {"status": "timeout"}
        except BaseException as error:
            restore_builtins()
            reply = {"status": "raised", "error": describe_exception(error)}
        restore_builtins()
        reply["seconds"] = time.perf_counter() - started
        reply["args_after"] = encode(list(args), returned)
        if printed_until is not None:  # what a candidate prints is not the student's output
            _take_back_output(printed_until)
        write_frame(replies, reply, returned)


def _candidate(module, name, sources, compiled):
    """The function `name` of a repair candidate: `sources` ({function name: source text}, the
    student's own functions with a few edits) run in a copy of the submission's namespace, so
    that the candidate's helpers are the edited ones and the submission itself is unchanged.
    Compiled once per candidate (`compiled`, kept small). An exception to raise when the
    candidate does not compile."""
    key = json.dumps(sources, sort_keys=True)
    if key not in compiled:
        if len(compiled) > 32:
            compiled.clear()
        namespace = dict(module.__dict__)
        try:
            for function_name, source in sources.items():
                exec(compile(source, f"<repair of {function_name}>", "exec"), namespace)
            compiled[key] = namespace.get(name)
        except Exception as error:  # an edit that is not valid code: the candidate fails
            compiled[key] = error
    return compiled[key]


def _take_back_output(position):
    try:
        os.ftruncate(1, position)
        os.lseek(1, position, os.SEEK_SET)
    except OSError:
        pass


def _answer_trace(replies, function, args, seconds, restore_builtins):
    """Run `function` again under the tracer (judge/tracing.py, part of this source) and send
    what it recorded. What it prints is taken back out of the output file, so the report shows
    only what the graded calls printed."""
    printed_until = os.lseek(1, 0, os.SEEK_CUR)

    def run(thunk):
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return thunk(), None
        except CallTimeout:
            raise
        except BaseException as error:
            return None, error
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            restore_builtins()

    returned = []
    try:
        traced = globals()["trace_call"](function, args, run)
        reply = {"status": "traced", "trace": _trace_reply(traced, returned)}
    except CallTimeout:
        reply, returned = {"status": "timeout"}, []
    except BaseException as error:  # the tracer could not run: the diagnosis goes without it
        restore_builtins()
        reply, returned = {"status": "untraced", "reason": type(error).__name__}, []
    try:
        os.ftruncate(1, printed_until)
        os.lseek(1, printed_until, os.SEEK_SET)
    except OSError:
        pass
    write_frame(replies, reply, returned)


def _trace_reply(traced, returned):
    """The tracer's result as plain data, its arrays in `returned`."""
    if "untraced" in traced:
        return {"untraced": str(traced["untraced"])[:200]}
    error = traced["error"]
    return {"nodes": {str(key): value for key, value in traced["nodes"].items()},
            "records": [[node, encode(value, returned)] for node, value in traced["records"]],
            "value": encode(traced["value"], returned) if error is None else None,
            "error": describe_exception(error) if error is not None else None,
            "position": traced["position"], "cell": traced["filename"],
            "own": [int(line) for line in traced["own"]][:2000],
            "lines": {str(number): text for number, text in traced["lines"].items()}}


# The zygote: a process with numpy (and what else the grader asks) already imported that forks
# one worker per submission, so that a submission does not pay for starting Python and
# importing numpy (about 0.1 s) or matplotlib (about 0.4 s).

try:  # in the worker's source text confinement.py comes first (hiding.py worker_command)
    prepare
except NameError:
    from autograder.sandbox.confinement import (CONFINEMENT_FAILED, ConfinementError, deny_keyrings,
                                                discard, enter, own_pid_namespace_again,
                                                pid_namespace_for_next_fork, prepare,
                                                scope_to_itself, scopes_available, visible_paths)


def cover_paths(paths):
    """In a fresh mount namespace, cover each path (empty tmpfs, or /dev/null for a file).

    True when done; False where the kernel does not allow it (not root), changing nothing.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x00020000) != 0:  # CLONE_NEWNS
        return False
    if libc.mount(b"none", b"/", None, 16384 | (1 << 18), None) != 0:  # MS_REC | MS_PRIVATE
        return False
    for path in paths:
        target = os.fsencode(path)
        if os.path.isdir(path):
            libc.mount(b"tmpfs", target, b"tmpfs", 0, b"size=4k,mode=000")
        else:
            libc.mount(b"/dev/null", target, None, 4096, None)  # MS_BIND
    # /proc read-only: uid 0 may write most of /proc/sys (the kernel's settings) without any
    # capability. MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC.
    libc.mount(None, b"/proc", None, 32 | 4096 | 1 | 2 | 4 | 8, None)
    return True


def drop_privileges(user=None):
    """Give up every capability for good, and become `user` ([uid, gid]) if given.

    Without a user the worker stays the grading user but, even as root, can no longer unmount
    what hides the kit, raise its limits, or regain capabilities through exec. With one, files
    only the grading user may read (the kit, where no mount namespace can hide it, as in
    Gradescope's container) are out of its reach too. Dropping the bounding set and switching
    user need root; clearing the other sets, and no_new_privs, work for anyone.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            last = int(handle.read())
    except (OSError, ValueError):
        last = 63
    for capability in range(last + 1):
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP
    if user:
        uid, gid = user
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Sets(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    empty = (Sets * 2)()
    if libc.capset(ctypes.byref(header), empty) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        raise OSError(ctypes.get_errno(), "no_new_privs")


def apply_limits(limits):
    """setrlimit for each {"RLIMIT_AS": [soft, hard], ...} (resource is imported by the
    zygote, once, not by each worker in its new root)."""
    for name, (soft, hard) in limits.items():
        resource.setrlimit(getattr(resource, name), (soft, hard))


def zygote(preload, confined=True):
    """Fork a worker for each order that comes on the control socket (fd 0), and report back.

    First it tries a confinement (confinement.py) once, in a throw-away fork, and tells the
    grader {"confinement": true} or {"confinement": false, "reason": ...}; when it worked,
    every worker is confined, and one whose confinement fails never runs its submission.
    The grader sends {"id", "temporary", "cgroup", "limits", "user", "scratch_bytes"}
    with the worker's end of a socket pair attached; the zygote makes the worker's folder in
    "temporary", forks, and answers {"forked": id, "pid": pid, "directory": folder}, then
    {"exited": pid, "code": code} once that worker has ended. It is a child subreaper, so the
    processes a submission leaves behind are reaped here too, and a pids cgroup empties.
    """
    import ctypes
    import importlib
    import selectors
    import socket
    import tempfile

    for name in preload:
        try:
            importlib.import_module(name)
        except Exception:
            pass  # the submission's own import will fail and say why
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    control = socket.socket(fileno=0)
    # What to hide of the kit where the worker could see it, and the zygote's own matplotlib
    # folder; taken out of the environment before any worker is forked.
    hidden = json.loads(os.environ.pop("BACKPROP_KIT_HIDE", "[]"))
    if os.environ.get("MPLCONFIGDIR"):
        hidden.append(os.environ["MPLCONFIGDIR"])
    template, reason = _prepared(hidden) if confined else (None, "switched off")
    _tell(control, {"confinement": template is not None, "reason": reason})
    wakeup_read, wakeup_write = os.pipe()
    os.set_blocking(wakeup_write, False)
    signal.set_wakeup_fd(wakeup_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    selector.register(wakeup_read, selectors.EVENT_READ)
    workers = {}
    """pid -> its order: what to clean up if the grader goes away without doing it."""
    ends = {}
    """pid -> when it must have ended (time.monotonic()): its submission's wall-clock budget."""
    while True:
        _end_overdue(workers, ends)
        due = min(ends.values(), default=None)
        for key, _ in selector.select(None if due is None else max(due - time.monotonic(), 0)):
            if key.fileobj == wakeup_read:
                os.read(wakeup_read, 4096)
                _reap(workers, control)
                continue
            try:
                message, fds, _, _ = socket.recv_fds(control, 1 << 20, 1)
            except OSError:
                message, fds = b"", []
            if not message:
                _clean_up_after_the_grader(workers, template)
                os._exit(0)  # nothing to flush; tearing down numpy and matplotlib takes 0.1 s
            order = json.loads(message)
            order["directory"] = tempfile.mkdtemp(prefix="backprop-kit-",
                                                  dir=order.get("temporary"))
            pid, template = _fork(template)
            if pid == 0:
                status = 70
                try:
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    _become_worker(order, fds[0], template, hidden)
                    status = 0
                finally:
                    os._exit(status)
            for fd in fds:
                os.close(fd)
            workers[pid] = order
            if order.get("lifetime_s") is not None:
                ends[pid] = time.monotonic() + float(order["lifetime_s"])
            _tell(control, {"forked": order["id"], "pid": pid, "directory": order["directory"]})
        _reap(workers, control)


def _end_overdue(workers, ends):
    """Kill each worker past its end, with all it started (the grader normally stops it first:
    this holds even while the grader is busy elsewhere); forget those already reaped."""
    now = time.monotonic()
    for pid in list(ends):
        if pid not in workers:
            del ends[pid]
        elif ends[pid] <= now:
            del ends[pid]
            _kill(os.killpg, pid)
            for member in _cgroup_members(workers[pid].get("cgroup")):
                _kill(os.kill, member)


def _prepared(hidden):
    """(template, None) when every worker can be confined on this machine (confinement.py),
    else (None, why not, in a few words). Tried for real, once: one worker's confinement in a
    throw-away fork must reach a root of its own as PID 1."""
    import tempfile

    try:
        template = prepare(visible_paths(), hidden)
    except (ConfinementError, OSError) as error:
        return None, str(error)[:300]
    probe = tempfile.mkdtemp(prefix="backprop-kit-probe-")
    reading, writing = os.pipe()
    pid, template = _fork(template)
    if pid == 0:
        os.close(reading)
        try:
            if template is _BROKEN:
                raise ConfinementError("a PID namespace could not be made")
            enter(template, scratch_bytes=2**20)
            os._exit(0 if os.getpid() == 1 and not os.path.exists(probe) else 1)
        except BaseException as error:
            os.write(writing, str(error).encode()[:300])
        os._exit(CONFINEMENT_FAILED)
    os.close(writing)
    with os.fdopen(reading, "rb") as handle:
        why = handle.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    os.rmdir(probe)
    if template is not _BROKEN and os.waitstatus_to_exitcode(status) == 0:
        return template, None
    if template is not _BROKEN:
        discard(template)
    return None, why or f"the confined test process ended with status {status}"


def _fork(template):
    """os.fork(), the child born in a PID namespace of its own when the zygote is root and
    confines (confinement.pid_namespace_for_next_fork). Returns (pid, template): the template
    becomes _BROKEN (in the child, so that it never runs the submission; in the zygote, for
    every later fork too) if a namespace could not be made or left."""
    if template is None or template is _BROKEN:
        return os.fork(), template
    try:
        pid_namespace_for_next_fork(template)
    except ConfinementError:
        pid = os.fork()
        return pid, (_BROKEN if pid == 0 else template)
    pid = os.fork()
    if pid == 0:
        return 0, template
    try:
        own_pid_namespace_again(template)
    except ConfinementError:
        return pid, _BROKEN
    return pid, template


_BROKEN = "broken"
"""The zygote's template once it could not return to its own PID namespace: every later
worker fails closed (it exits with CONFINEMENT_FAILED and never runs its submission)."""


def _clean_up_after_the_grader(workers, template):
    """The grader has gone (it ended, or was killed): end its workers and remove what they
    used, so that nothing of a killed run is left behind."""
    import shutil

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid, order in workers.items():
        _kill(os.killpg, pid)
        for member in _cgroup_members(order.get("cgroup")):  # those that left its session
            _kill(os.kill, member)
    for child in _children():  # a confined worker's child whose parent was killed
        _kill(os.kill, child)
    while True:  # every child, the workers' own children included (the zygote reaps orphans)
        try:
            os.wait()
        except ChildProcessError:
            break
    for order in workers.values():
        shutil.rmtree(order["directory"], ignore_errors=True)
        for group in (order.get("cgroup"), order.get("memory_cgroup")):
            if group:
                try:
                    os.rmdir(group)
                except OSError:
                    pass
    if template is not None and template is not _BROKEN:
        discard(template)
    if os.environ.get("BACKPROP_KIT_REMOVE_AT_EXIT"):
        shutil.rmtree(os.environ["BACKPROP_KIT_REMOVE_AT_EXIT"], ignore_errors=True)


def _children():
    """The zygote's children now (orphans of killed workers among them), read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1:2] == [str(os.getpid())]:
                found.append(int(entry))
    return found


def _cgroup_members(cgroup):
    try:
        with open(os.path.join(cgroup, "cgroup.procs")) as handle:
            return [int(member) for member in handle.read().split()]
    except (TypeError, OSError, ValueError):
        return []


def _kill(kill, pid):
    try:
        kill(pid, signal.SIGKILL)
    except OSError:
        pass


def _reap(workers, control):
    """Reap every child that has ended; tell the grader about its workers."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if workers.pop(pid, None) is not None:
            _tell(control, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})


def _tell(control, answer):
    """Send an answer to the grader; if it has gone, the next read of its orders says so."""
    try:
        control.send(json.dumps(answer).encode())
    except OSError:
        pass


def _become_worker(order, channel, template, hidden):
    """In the forked child: its own session, cgroup, namespaces and root (or, where the machine
    has no namespaces, a hidden kit and a folder of its own), limits, and socket."""
    os.setsid()
    for group in dict.fromkeys([order.get("cgroup"), order.get("memory_cgroup")]):
        if group:
            with open(os.path.join(group, "cgroup.procs"), "w") as handle:
                handle.write("0")  # this process, whatever its PID namespace calls it
    try:  # the OOM killer's first choice, before any process of the grader's
        with open("/proc/self/oom_score_adj", "w") as handle:
            handle.write("1000")
    except OSError:
        pass
    output = os.open(os.path.join(order["directory"], "output.txt"),
                     os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if template is _BROKEN:
        os._exit(CONFINEMENT_FAILED)
    if template is not None:
        try:
            enter(template, order.get("scratch_bytes", 64 * 2**20), order.get("user"))
        except BaseException:
            os._exit(CONFINEMENT_FAILED)
        home = template.scratch
    else:
        cover_paths(hidden)
        if order.get("user"):
            os.chown(order["directory"], *order["user"])
        os.chdir(order["directory"])
        home = order["directory"]
    os.environ.update(HOME=home, TMPDIR=home, MPLCONFIGDIR=home)
    apply_limits(order["limits"])
    drop_privileges(order.get("user"))
    try:
        deny_keyrings()
    except (ConfinementError, OSError):
        if template is not None:
            os._exit(CONFINEMENT_FAILED)
    if scopes_available():  # else a confined worker has a network namespace of its own
        try:
            scope_to_itself()
        except (ConfinementError, OSError):
            if template is not None:
                os._exit(CONFINEMENT_FAILED)
    os.dup2(channel, 0)
    os.dup2(channel, 1)
    os.dup2(output, 2)
    os.closerange(3, 65536)
    main()


if __name__ == "__main__":
    if sys.argv[1:2] == ["zygote"]:
        zygote(sys.argv[2:], confined=os.environ.get("BACKPROP_KIT_UNCONFINED") != "1")
