"""Are workers forked from the zygote limited, observable, and kept apart from each other?"""

import hashlib
import marshal
import os
import stat
import sys
import types

import numpy as np

from autograder.judge.settings import Settings
from autograder.sandbox import Sandbox, hiding, launch
from autograder.sandbox.zygote import close_zygotes
from tests.conftest import REFERENCE
from tests.sandbox.test_sandbox import SOURCE

PEEK = f'''
def peek(x):
    try:
        open({str(REFERENCE)!r}).read(10)
        return "read"
    except OSError as error:
        return type(error).__name__

def remember(x):
    global REMEMBERED
    REMEMBERED = float(x[0])
    return REMEMBERED

def recall(x):
    return globals().get("REMEMBERED", -1.0)

def poison_the_font_cache(x):
    import os
    import matplotlib
    try:
        with open(os.path.join(matplotlib.get_cachedir(), "fontlist-v999.json"), "w") as handle:
            handle.write("{{}}")
        return "written"
    except OSError as error:
        return type(error).__name__

def preloaded(x):
    import sys
    return sorted(name for name in ("numpy", "matplotlib.pyplot") if name in sys.modules)
'''


def _started(settings=None, preload=("numpy",)) -> Sandbox:
    box = Sandbox([("<submission>", SOURCE + PEEK)],
                  settings or Settings(call_timeout_s=0.5, memory_limit_mb=512), preload=preload)
    box.start()
    assert box.wait_ready().status == "ready"
    return box


def test_forked_worker_answers_times_out_dies_and_is_replaced():
    box = _started()
    try:
        assert list(box.call("double", (np.arange(3.0),)).value) == [0.0, 2.0, 4.0]
        assert box.call("forever_ignoring_alarms", (np.zeros(1),)).status == "timeout"
        crashed = box.call("die", (np.zeros(1),))
        assert crashed.status == "crashed" and "exit status 7" in crashed.error["detail"]
        assert box.call("greedy", (np.zeros(1),)).status in ("raised", "crashed")
        assert box.call("can_import_the_grader", (np.zeros(1),)).value == "no"
        if os.geteuid() == 0:  # only root may make the mount namespace that hides the kit
            assert box.call("peek", (np.zeros(1),)).value in ("FileNotFoundError",
                                                              "PermissionError")
    finally:
        box.close()


def test_calls_sent_together_survive_a_crash_and_a_timeout_between_them():
    box = _started()
    try:
        outcomes = box.call_many([("double", (np.ones(2),)), ("die", (np.zeros(1),)),
                                  ("double", (np.full(2, 3.0),)),
                                  ("forever_ignoring_alarms", (np.zeros(1),)),
                                  ("double", (np.full(2, 5.0),))])
        assert [o.status for o in outcomes] == ["returned", "crashed", "returned", "timeout",
                                                "returned"]
        assert [list(outcomes[i].value) for i in (0, 2, 4)] == [[2, 2], [6, 6], [10, 10]]
    finally:
        box.close()


def test_two_workers_of_one_zygote_share_nothing():
    first, second = _started(), _started()
    try:
        assert first.zygote is second.zygote
        assert first.call("remember", (np.full(1, 7.0),)).value == 7.0
        assert first.call("recall", (np.zeros(1),)).value == 7.0
        assert second.call("recall", (np.zeros(1),)).value == -1.0
    finally:
        first.close()
        second.close()


def test_modules_are_preloaded_only_when_asked():
    close_zygotes()  # a zygote with more preloaded, left by an earlier test, would serve both
    plain, plotting = _started(), _started(preload=("numpy", "matplotlib.pyplot"))
    try:
        assert plain.call("preloaded", (np.zeros(1),)).value == ["numpy"]
        assert plotting.call("preloaded", (np.zeros(1),)).value == ["matplotlib.pyplot", "numpy"]
    finally:
        plain.close()
        plotting.close()


def test_the_zygotes_matplotlib_cache_is_out_of_a_workers_reach():
    box = _started(preload=("numpy", "matplotlib.pyplot"))
    try:
        outcome = box.call("poison_the_font_cache", (np.zeros(1),))
        if os.geteuid() == 0:  # only root may make the mount namespace that hides it
            assert outcome.value in ("FileNotFoundError", "PermissionError")
            cache = os.path.join(box.zygote.folder, "matplotlib")
            assert not os.path.exists(os.path.join(cache, "fontlist-v999.json"))
    finally:
        box.close()


def test_a_zygote_that_died_is_replaced():
    box = _started()
    box.close()
    box.zygote.process.kill()
    box.zygote.process.wait()
    again = _started()
    try:
        assert again.zygote is not box.zygote
        assert list(again.call("double", (np.ones(1),)).value) == [2.0]
    finally:
        again.close()


POISON_THE_CODE = '''
def poison_the_code(folder):
    import os
    try:
        names = os.listdir(folder)
    except OSError as error:
        return type(error).__name__
    for name in names:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"poisoned")
    return "written"
'''


def test_the_workers_compiled_source_is_kept_and_out_of_a_workers_reach():
    close_zygotes()
    box = Sandbox([("<submission>", SOURCE + POISON_THE_CODE)], Settings(call_timeout_s=2))
    box.start()
    try:
        assert box.wait_ready().status == "ready"
        folder = os.path.join(box.zygote.folder, "worker-code")
        if box.zygote.temporary:
            return  # no cache of the grading user's: every zygote compiles the source
        text = hiding.worker_command()[4]
        kept = hashlib.sha256(f"{sys.version}\0{text}".encode()).hexdigest()[:40] + ".code"
        with open(os.path.join(folder, kept), "rb") as handle:  # kept for the next zygote
            before = handle.read()
        assert isinstance(marshal.loads(before), types.CodeType)
        outcome = box.call("poison_the_code", (folder,))
        if os.geteuid() == 0:  # only root may make the mount namespace that hides it
            assert outcome.value in ("FileNotFoundError", "PermissionError")
            with open(os.path.join(folder, kept), "rb") as handle:
                assert handle.read() == before
    finally:
        box.close()


def test_a_spoiled_compiled_source_is_compiled_again():
    close_zygotes()
    box = _started()
    box.close()
    folder = os.path.join(box.zygote.folder, "worker-code")
    if box.zygote.temporary:
        return
    close_zygotes()
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"not a code object")
    again = _started()
    try:
        assert list(again.call("double", (np.ones(1),)).value) == [2.0]
        contents = []
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "rb") as handle:
                contents.append(handle.read())
        assert any(content != b"not a code object" for content in contents)
    finally:
        again.close()


def test_the_zygote_inherits_no_descriptor_but_its_control_socket():
    reading, writing = os.pipe()
    os.set_inheritable(writing, True)  # as a descriptor made with os.dup2 would be
    spawned = launch.take_spawned(("numpy", "for this test"))  # a zygote of its own
    try:
        held = set()
        for fd in os.listdir(f"/proc/{spawned.pid}/fd"):
            try:
                info = os.stat(f"/proc/{spawned.pid}/fd/{fd}")
            except FileNotFoundError:  # a file the zygote opened, and closed meanwhile
                continue
            held.add((info.st_dev, info.st_ino))
        pipe = os.fstat(writing)
        assert (pipe.st_dev, pipe.st_ino) not in held
        assert stat.S_ISSOCK(os.stat(f"/proc/{spawned.pid}/fd/0").st_mode)  # its control socket
    finally:
        os.close(reading)
        os.close(writing)
        os.close(spawned.control)
        spawned.wait(timeout=30)


def test_a_zygote_spawned_with_more_modules_is_not_taken_for_fewer():
    """A plain submission's worker must not come from a zygote that imported the real
    matplotlib: there its plots would not get the stand-in (plot_standin.py)."""
    plotting = launch.spawn_zygote(("numpy", "matplotlib.pyplot", "for this test"))
    plain = launch.take_spawned(("numpy", "for this test"))
    try:
        assert plain is not plotting and not plotting.taken
        assert plain.preload == ("numpy", "for this test")
    finally:
        for spawned in (plain, plotting):
            os.close(spawned.control)
            spawned.taken = True  # closed here, not at exit
            spawned.wait(timeout=30)
