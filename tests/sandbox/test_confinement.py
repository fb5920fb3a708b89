"""Does a worker see only what it needs, and is a run that a signal ended run once more?

The confinement (sandbox/confinement.py) is checked from inside a real worker: what its file
system, its /proc and its network hold. Run as root here; tests/redteam/test_cross_student.py
runs whole classes through `batch` both as root and as a normal user.
"""

import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from autograder.judge.settings import Settings
from autograder.sandbox import Sandbox, start_zygote
from autograder.sandbox.confinement import scratch_folder, visible_paths
from tests.conftest import KIT_ROOT, REFERENCE

LOOK_AROUND = f'''
import os, socket, sys

def top_level(x):
    return sorted(os.listdir("/"))

def processes(x):
    return sorted(int(p) for p in os.listdir("/proc") if p.isdigit())

def where(x):
    return [os.getcwd(), os.environ["HOME"], os.environ["TMPDIR"]]

def read(x):
    path = "".join(chr(int(c)) for c in x)
    try:
        with open(path) as handle:
            return handle.read(20)
    except OSError as error:
        return type(error).__name__

def write_outside(x):
    found = []
    for folder in ("/", "/usr/lib", {os.path.dirname(sys.prefix)!r}, "/dev"):
        try:
            with open(os.path.join(folder, "planted.txt"), "w") as handle:
                handle.write("x")
            found.append(folder)
        except OSError:
            pass
    return found

def fill(x):
    written = 0
    block = b"0" * 2**20
    try:
        with open(os.path.join(os.getcwd(), "big"), "wb") as handle:
            for _ in range(1024):
                handle.write(block)
                handle.flush()
                written += 1
    except OSError as error:
        return [written, type(error).__name__]
    return [written, "none"]

def connect(x):
    try:
        socket.create_connection(("127.0.0.1", 1), timeout=1)
        return "connected"
    except OSError as error:
        return type(error).__name__

def command_lines(x):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with open(f"/proc/{{entry}}/cmdline", "rb") as handle:
                found.append(handle.read().decode("utf-8", "replace")[-100:])
    return found

def sleep(x):
    import time
    time.sleep(float(x[0]))
    return float(x[0])

def segfault(x):
    import ctypes
    ctypes.string_at(0)
'''


@pytest.fixture
def box():
    sandbox = Sandbox([("<submission>", LOOK_AROUND)],
                      Settings(submission_timeout_s=60, scratch_mb=8))
    sandbox.start()
    assert sandbox.wait_ready().status == "ready"
    if not sandbox.zygote.confined()[0]:
        pytest.skip(f"workers cannot be confined here: {sandbox.zygote.confined()[1]}")
    yield sandbox
    sandbox.close()


def _codes(text):
    return np.array([ord(c) for c in text], dtype=float)


def test_the_worker_sees_python_and_nothing_of_the_grader(box):
    top = box.call("top_level", (np.zeros(1),)).value
    assert {"dev", "proc", "tmp", "usr"} <= set(top)
    assert not {"home", "srv", "var", "boot", "sys", "run"} & set(top)
    for path in (str(REFERENCE), str(KIT_ROOT / "autograder" / "classroom" / "batch.py"),
                 "/etc/passwd",
                 "/etc/hostname", os.path.expanduser("~/.cache/backprop-kit/report-key")):
        assert box.call("read", (_codes(path),)).value == "FileNotFoundError", path


def test_the_worker_is_alone_in_its_process_namespace(box):
    assert box.call("processes", (np.zeros(1),)).value == [1]
    (own,) = box.call("command_lines", (np.zeros(1),)).value
    assert "\x00zygote\x00numpy" in own  # itself: never the grader's command line
    grader = _codes(f"/proc/{os.getpid()}/environ")  # this process: not in its namespace
    assert box.call("read", (grader,)).value == "FileNotFoundError"


def test_its_only_writable_folder_is_its_own_capped_tmp(box):
    # /tmp, or /scratch when this Python lies in /tmp (a virtual environment made there)
    assert box.call("where", (np.zeros(1),)).value == [scratch_folder(visible_paths())] * 3
    assert box.call("write_outside", (np.zeros(1),)).value == []
    written, error = box.call("fill", (np.zeros(1),)).value
    assert written <= 8 and error == "OSError"  # no space left: 8 MB, not the grader's disk


def test_it_has_no_network(box):
    assert box.call("connect", (np.zeros(1),)).value in ("OSError", "ConnectionRefusedError")
    assert box.call("connect", (np.zeros(1),)).value != "connected"


def test_what_it_sees_is_read_only_python_and_libraries():
    paths = visible_paths()
    kinds = {kind for kind, _, _ in paths}
    assert kinds <= {"dir", "file", "link"}
    folders = [path for kind, path, _ in paths if kind == "dir"]
    assert any(sys.prefix.startswith(folder) for folder in folders)
    assert not any(str(KIT_ROOT).startswith(folder) and folder != "/" for folder in folders)


def test_a_worker_killed_from_outside_is_run_once_more_and_the_report_says_so(box):
    pid = box._pid_of_worker()

    def kill_soon():
        time.sleep(0.3)
        os.killpg(pid, signal.SIGKILL)  # as a sibling, or the machine, might

    threading.Thread(target=kill_soon).start()
    outcome = box.call("sleep", (np.array([1.0]),))
    assert outcome.status == "returned" and outcome.value == 1.0
    assert box.retried == [("sleep", "SIGKILL")]


def test_a_run_that_ends_itself_by_a_signal_is_run_once_more_then_fails(box):
    outcome = box.call("segfault", (np.zeros(1),))
    assert outcome.status == "crashed" and "SIGSEGV" in outcome.error["detail"]
    assert box.retried == [("segfault", "SIGSEGV")]
    assert box.call("sleep", (np.array([0.0]),)).status == "returned"


def test_the_report_tells_the_student_about_the_second_run(submission_with):
    from autograder.grading.grader import grade_path

    path = submission_with("def compute_db(dZ):\n",
                           "def compute_db(dZ):\n    import ctypes; ctypes.string_at(0)\n")
    result = grade_path(path, 3, Settings())
    assert any("SIGSEGV" in note and "run once more" in note for note in result.notes)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may run workers as another user")
def test_a_worker_user_that_cannot_run_this_python_is_refused_up_front(tmp_path):
    """Without confinement (as on a machine with no namespaces), nobody cannot read root's
    Python here: the grader stops before grading, and says why, instead of failing every
    student for `import glob`."""
    if not sys.prefix.startswith("/root") and not sys.base_prefix.startswith("/root"):
        pytest.skip("this Python is readable by nobody: nothing to refuse")
    environment = dict(os.environ, BACKPROP_KIT_BENCHMARK_UNCONFINED="1")
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(REFERENCE), "--worker-user", "nobody"],
        cwd=KIT_ROOT, capture_output=True, text=True, timeout=120, env=environment)
    assert completed.returncode == 2
    assert "cannot run this Python" in completed.stderr and "Traceback" not in completed.stderr
    assert completed.stdout == ""


def test_confined_workers_are_what_batch_reports():
    confined, why = start_zygote().confined()
    assert isinstance(confined, bool) and (confined or why)
