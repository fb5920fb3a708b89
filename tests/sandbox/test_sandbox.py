"""Does student code run apart from the grader, under limits, with only plain data coming back?"""

import os
import pwd
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder.grading.grader import grade_path
from autograder.judge.decoding import Opaque
from autograder.judge.settings import Settings
from autograder.sandbox import Sandbox
from autograder.sandbox.confinement import scratch_folder, visible_paths

SOURCE = '''
import os, sys
import numpy as np

def double(x):
    return x * 2

def forever(x):
    while True:
        pass

def forever_ignoring_alarms(x):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass

def die(x):
    os._exit(7)

def greedy(x):
    return np.ones((2**31,))

def change(x):
    x[0] = 42.0
    return x.sum()

class Liar(np.ndarray):
    def __eq__(self, other):
        return True

def subclass(x):
    return x.view(Liar)

def generator(x):
    yield x

def objects(x):
    return np.array([x, "a"], dtype=object)

def where_am_i(x):
    return [sys.path, os.getcwd(), sorted(os.environ)]

def who_am_i(x):
    return [float(os.getuid()), float(os.getgid())]

def read(path_as_codes):
    try:
        open("".join(chr(int(c)) for c in path_as_codes)).read()
        return "read"
    except OSError as error:
        return type(error).__name__

def raise_limits(x):
    import resource
    try:
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        pass
    return float(resource.getrlimit(resource.RLIMIT_AS)[1])

def can_import_the_grader(x):
    try:
        import autograder
        return "yes"
    except ImportError:
        return "no"
'''


@pytest.fixture
def sandbox():
    box = Sandbox([("<submission>", SOURCE)], Settings(call_timeout_s=0.5, memory_limit_mb=512))
    box.start()
    assert box.wait_ready().status == "ready"
    yield box
    box.close()


def test_values_come_back_as_plain_arrays(sandbox):
    outcome = sandbox.call("double", (np.arange(3.0),))
    assert outcome.status == "returned"
    assert type(outcome.value) is np.ndarray and list(outcome.value) == [0.0, 2.0, 4.0]


def test_endless_loop_is_stopped_at_the_call_limit_and_the_next_call_works(sandbox):
    assert sandbox.call("forever", (np.zeros(1),)).status == "timeout"
    assert sandbox.call("double", (np.ones(1),)).status == "returned"


def test_loop_that_swallows_the_alarm_is_killed_by_the_grader(sandbox):
    outcome = sandbox.call("forever_ignoring_alarms", (np.zeros(1),))
    assert outcome.status == "timeout" and outcome.error["limit"] == "call"
    assert sandbox.call("double", (np.ones(1),)).status == "returned"


def test_a_worker_that_ends_itself_fails_that_call_only(sandbox):
    outcome = sandbox.call("die", (np.zeros(1),))
    assert outcome.status == "crashed" and "exit status 7" in outcome.error["detail"]
    assert sandbox.call("double", (np.ones(1),)).status == "returned"


def test_memory_beyond_the_limit_is_an_error_not_a_crash_of_the_grader(sandbox):
    outcome = sandbox.call("greedy", (np.zeros(1),))
    assert outcome.status in ("raised", "crashed")
    if outcome.status == "raised":
        assert outcome.error["type"] == "MemoryError"


def test_a_submission_cannot_raise_its_own_limits_even_as_root(sandbox):
    assert sandbox.call("raise_limits", (np.zeros(1),)).value == 512 * 2**20


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may run workers as another user")
def test_a_worker_run_as_another_user_cannot_read_the_graders_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the reference")
    secret.chmod(0o600)
    box = Sandbox([("<submission>", SOURCE)], Settings(worker_user="nobody"))
    box.start()
    try:
        assert box.wait_ready().status == "ready"
        nobody = pwd.getpwnam("nobody")
        assert box.call("who_am_i", (np.zeros(1),)).value == [nobody.pw_uid, nobody.pw_gid]
        codes = np.array([ord(c) for c in str(secret)], dtype=float)
        # Confined, the file is not even there; otherwise the worker's user may not read it.
        unreadable = "FileNotFoundError" if box.zygote.confined()[0] else "PermissionError"
        assert box.call("read", (codes,)).value == unreadable
        assert list(box.call("double", (np.ones(2),)).value) == [2.0, 2.0]
    finally:
        box.close()
    assert box.output_parts is not None


def test_changes_to_the_arguments_are_seen(sandbox):
    outcome = sandbox.call("change", (np.zeros(3),))
    assert outcome.args_after[0][0] == 42.0


@pytest.mark.parametrize("name, type_name", [("subclass", "Liar"), ("generator", "generator"),
                                             ("objects", "numpy.ndarray")])
def test_objects_are_described_never_sent(sandbox, name, type_name):
    outcome = sandbox.call(name, (np.zeros(2),))
    assert isinstance(outcome.value, Opaque)
    assert type_name in outcome.value.type_name


def test_the_worker_cannot_see_the_grader(sandbox):
    outcome = sandbox.call("can_import_the_grader", (np.zeros(1),))
    assert outcome.value == "no"
    path, cwd, environment = sandbox.call("where_am_i", (np.zeros(1),)).value
    kit = str(Path(__file__).resolve().parents[2])
    environment_prefix = str(Path(sys.prefix).resolve())  # a venv inside the kit stays visible
    assert not any((entry.startswith(kit) and not entry.startswith(environment_prefix))
                   or "autograder" in entry for entry in path)
    if sandbox.zygote.confined()[0]:
        # its own tmpfs, in a root of its own (sandbox/confinement.py)
        assert cwd == scratch_folder(visible_paths())
    else:
        assert "backprop-kit-" in cwd
    assert "PYTHONPATH" not in environment


def test_timeouts_in_graded_functions_are_reported_in_the_hint(submission_with):
    path = submission_with('    dZ2 = A2 - Y\n', '    dZ2 = A2 - Y\n    while True:\n        pass\n')
    result = grade_path(path, 1, Settings(call_timeout_s=0.3))
    by_name = {exercise.name: exercise for exercise in result.exercises}
    assert "time limit" in by_name["compute_dZ2"].hints[0]
    assert by_name["compute_dZ1"].passed and by_name["compute_db"].passed
