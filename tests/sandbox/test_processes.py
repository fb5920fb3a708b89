"""Does no process of a submission outlive grading, and is their number capped?"""

import time
import uuid

import numpy as np
import pytest

from autograder.judge.settings import Settings
from autograder.sandbox import Sandbox
from autograder.sandbox.processes import ProcessGroup
from tests.conftest import processes_with


def test_a_detached_grandchild_is_killed_when_grading_ends():
    marker = f"backprop-kit-stray-{uuid.uuid4().hex}"
    source = f'''
import os, subprocess, sys
SLEEP = [sys.executable, "-c", "import time; time.sleep(300)", "{marker}"]
def leave_one_behind(x):
    subprocess.Popen(SLEEP, start_new_session=True)
    if os.fork() == 0:
        os.setsid()
        os.execv(SLEEP[0], SLEEP)
    return x
'''
    box = Sandbox([("<submission>", source)], Settings())
    try:
        box.start()
        assert box.wait_ready().status == "ready"
        assert box.call("leave_one_behind", (np.zeros(1),)).status == "returned"
        deadline = time.monotonic() + 5
        while len(processes_with(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(processes_with(marker)) >= 2
        if box.processes.path is None and not box.zygote.confined()[0]:
            pytest.skip("neither a cgroup nor a PID namespace on this machine: a process that "
                        "left the worker's session cannot be found (docs/security.md)")
    finally:
        box.close()
    deadline = time.monotonic() + 5
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_with(marker) == []


def test_process_count_is_capped():
    group = ProcessGroup(8)
    try:
        if not group.is_limited:
            pytest.skip("no process limit can be set here (root without a writable pids "
                        "cgroup); the fork test must not run without its limit in place")
    finally:
        group.close()
    source = '''
import os
def spawn(x):
    children = 0
    try:
        for _ in range(200):
            pid = os.fork()
            if pid == 0:
                import time
                time.sleep(30)
                os._exit(0)
            children += 1
    except OSError as error:
        return float(children)
    return float(children)
'''
    box = Sandbox([("<submission>", source)], Settings(max_processes=8))
    box.start()
    try:
        assert box.wait_ready().status == "ready"
        outcome = box.call("spawn", (np.zeros(1),))
        assert outcome.status == "returned"
        assert outcome.value < 8, "forking stopped at the limit"
    finally:
        box.close()
    assert box.processes is None or box.processes.path is None
