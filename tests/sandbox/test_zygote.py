"""Is a worker forked from the zygote as limited and as observable as one started afresh?"""

import os

import numpy as np

from autograder.sandbox import Sandbox
from autograder.sandbox.zygote import ForkedWorker
from autograder.settings import Settings
from tests.conftest import REFERENCE
from tests.sandbox.test_sandbox import SOURCE

PEEK = f'''
def peek(x):
    try:
        open({str(REFERENCE)!r}).read(10)
        return "read"
    except OSError as error:
        return type(error).__name__
'''


def test_forked_worker_answers_times_out_dies_and_is_replaced():
    box = Sandbox([("<submission>", SOURCE + PEEK)],
                  Settings(use_zygote=True, call_timeout_s=0.5, memory_limit_mb=512))
    try:
        box.start()
        assert isinstance(box.process, ForkedWorker)
        assert box.wait_ready().status == "ready"
        assert list(box.call("double", (np.arange(3.0),)).value) == [0.0, 2.0, 4.0]
        assert box.call("forever_ignoring_alarms", (np.zeros(1),)).status == "timeout"
        crashed = box.call("die", (np.zeros(1),))
        assert crashed.status == "crashed" and "exit status 7" in crashed.error["detail"]
        assert box.call("greedy", (np.zeros(1),)).status in ("raised", "crashed")
        assert box.call("can_import_the_grader", (np.zeros(1),)).value == "no"
        if os.geteuid() == 0:  # only root may make the mount namespace that hides the kit
            assert box.call("peek", (np.zeros(1),)).value == "FileNotFoundError"
    finally:
        box.close()
