"""The red team: submissions that try to fool, crash or outlive the grader, through the real CLI.

Each case is a whole submission (the reference, or wrong functions, with an attack added) and
its expected verdict. The bar: no false pass, the grader never crashes or hangs (exit status 0,
a JSON report, no traceback), every verdict carries a clear message, and no process of the
submission is left behind.
"""

import json
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

from autograder.release.fixture_writer import RELEASE_SEED
from autograder.sandbox.processes import ProcessGroup
from tests.conftest import KIT_ROOT, REFERENCE, processes_with

GRADED = ("forward_propagation", "compute_cost", "compute_dZ2", "compute_dZ1", "compute_dW",
          "compute_db", "backward_propagation")

WRONG_FUNCTIONS = '''
import numpy as np


def forward_propagation(X, parameters):
    n_h, n_y, m = parameters["W1"].shape[0], parameters["W2"].shape[0], X.shape[1]
    zeros = {"Z1": np.zeros((n_h, m)), "A1": np.zeros((n_h, m)), "Z2": np.zeros((n_y, m)),
             "A2": np.full((n_y, m), 0.5)}
    return zeros["A2"], zeros


def compute_cost(A2, Y):
    return 0.123


def compute_dZ2(A2, Y):
    return np.zeros(A2.shape)


def compute_dZ1(dZ2, W2, Z1, A1):
    return np.zeros(A1.shape)


def compute_dW(dZ, A_prev):
    return np.zeros((dZ.shape[0], A_prev.shape[0]))


def compute_db(dZ):
    return np.zeros((dZ.shape[0], 1))


def backward_propagation(parameters, cache, X, Y):
    return {"d" + k: np.zeros(v.shape) for k, v in parameters.items()}
'''
"""Seven functions of the right shapes and wrong values: what a cheat has to dress up."""


@dataclass
class Case:
    name: str
    source: str
    score: int = 0
    error: str = None
    """A word the submission-level error must contain; None when there must be no error."""
    failed: tuple = GRADED
    """Functions that must fail (every other one must pass)."""
    hint: str = ""
    """A word the first hint of each failed function must contain."""
    flags: tuple = ()
    needs_process_limit: bool = False


def reference_with(old=None, new=None, prefix="", suffix=""):
    text = REFERENCE.read_text()
    if old is not None:
        assert old in text, old
        text = text.replace(old, new)
    return prefix + text + suffix


def wrong_with(prefix="", suffix=""):
    return prefix + WRONG_FUNCTIONS + suffix


LIAR = '''
class Liar(np.ndarray):
    """Claims to equal anything, and to be near anything."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return False
    def __ge__(self, other): return True
    def __sub__(self, other): return np.zeros(self.shape)
    def __rsub__(self, other): return np.zeros(self.shape)
    def __abs__(self): return np.zeros(self.shape)
    def __array_ufunc__(self, *args, **kwargs): return np.zeros(self.shape, dtype=bool) | True
    def __bool__(self): return True

def lie(array):
    return np.asarray(array, dtype=float).view(Liar)

_wrong = dict(forward_propagation=forward_propagation, compute_dZ2=compute_dZ2,
              compute_dZ1=compute_dZ1, compute_dW=compute_dW, compute_db=compute_db)
def forward_propagation(X, parameters):
    A2, cache = _wrong["forward_propagation"](X, parameters)
    return lie(A2), {k: lie(v) for k, v in cache.items()}
def compute_dZ2(A2, Y): return lie(_wrong["compute_dZ2"](A2, Y))
def compute_dZ1(dZ2, W2, Z1, A1): return lie(_wrong["compute_dZ1"](dZ2, W2, Z1, A1))
def compute_dW(dZ, A_prev): return lie(_wrong["compute_dW"](dZ, A_prev))
def compute_db(dZ): return lie(_wrong["compute_db"](dZ))
class Cost(float):
    def __eq__(self, other): return True
    def __sub__(self, other): return 0.0
def compute_cost(A2, Y): return Cost(0.5)
def backward_propagation(parameters, cache, X, Y):
    return {"d" + k: lie(np.zeros(v.shape)) for k, v in parameters.items()}
'''

UFUNC_OBJECT = '''
class Anything:
    """Not an array at all, but answers like one."""
    shape = (1, 1)
    dtype = np.dtype(float)
    def __array__(self, dtype=None, copy=None): return np.zeros((1, 1))
    def __array_ufunc__(self, *args, **kwargs): return True
    def __eq__(self, other): return True
def compute_dZ2(A2, Y): return Anything()
def compute_dZ1(dZ2, W2, Z1, A1): return Anything()
def compute_dW(dZ, A_prev): return Anything()
def compute_db(dZ): return Anything()
def compute_cost(A2, Y): return Anything()
def forward_propagation(X, parameters): return Anything(), {"Z1": Anything()}
def backward_propagation(parameters, cache, X, Y): return Anything()
'''

WRONG_KINDS = '''
def forward_propagation(X, parameters): return [[0.5]], {}
def compute_cost(A2, Y): return float("nan")
def compute_dZ2(A2, Y): return None
def compute_dZ1(dZ2, W2, Z1, A1): return (row for row in A1)
def compute_dW(dZ, A_prev): return np.zeros((dZ.shape[0], A_prev.shape[0]), dtype=int)
def compute_db(dZ): return np.array([[None]] * dZ.shape[0], dtype=object)
def backward_propagation(parameters, cache, X, Y):
    return {"d" + k: np.full(v.shape, np.inf) for k, v in parameters.items()}
'''

DB = "db = np.sum(dZ, axis=1, keepdims=True) / m"
DW = "dW = np.dot(dZ, A_prev.T) / m"
DZ1 = "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))"
DZ2 = "dZ2 = A2 - Y"
COST = "cost = -np.sum(logprobs) / m"
WITH_DB = ("compute_db", "backward_propagation")


def _hardcoded_visible_outputs() -> str:
    """A submission that returns the stored visible checks' answers, whatever its inputs."""
    from autograder.judge.fixtures import load_calls

    calls = load_calls(KIT_ROOT / "assignments" / "backprop" / "backprop_checks" / "fixtures.npz")
    answers = {name: [call.expected for call in calls[name]] for name in
               ("compute_dZ2", "compute_dZ1", "compute_db")}
    lines = ["import numpy as np", "import itertools", "ANSWERS = {"]
    for name, values in answers.items():
        lines.append(f"    {name!r}: itertools.cycle([" +
                     ", ".join(f"np.array({v.tolist()!r})" for v in values) + "]),")
    lines.append("}")
    lines.append("def compute_dZ2(A2, Y): return next(ANSWERS['compute_dZ2'])")
    lines.append("def compute_dZ1(dZ2, W2, Z1, A1): return next(ANSWERS['compute_dZ1'])")
    lines.append("def compute_db(dZ): return next(ANSWERS['compute_db'])")
    return WRONG_FUNCTIONS + "\n" + "\n".join(lines) + "\n"


CASES = [
    # Patching the checks: they live in another process, so there is nothing to patch.
    Case("replaces numpy's comparisons", wrong_with(prefix='''
import numpy as _np
import numpy.testing as _testing
_np.allclose = lambda *a, **k: True
_np.isclose = lambda *a, **k: _np.ones(_np.broadcast(*a[:2]).shape, dtype=bool)
_np.array_equal = lambda *a, **k: True
_testing.assert_allclose = lambda *a, **k: None
_testing.assert_array_equal = lambda *a, **k: None
''')),
    Case("replaces isinstance and type", wrong_with(suffix='''
import builtins
builtins.isinstance = lambda *a, **k: True
builtins.issubclass = lambda *a, **k: True
''')),
    Case("replaces pytest and the autograder at import", wrong_with(prefix='''
import sys, types
fake = types.ModuleType("autograder")
fake.grade = lambda *a, **k: {"score": 10}
sys.modules["autograder"] = fake
try:
    import pytest
    pytest.fail = lambda *a, **k: None
    pytest.skip = lambda *a, **k: None
except ImportError:
    pass
''')),
    Case("imports the autograder", wrong_with(prefix="import autograder\n"),
         error="ModuleNotFoundError"),
    Case("reads the reference by path", wrong_with(suffix=f'''
for path in [{str(REFERENCE)!r}, {str(KIT_ROOT / "assignments" / "two_layer_net.py")!r}]:
    try:
        exec(open(path).read(), globals())
    except Exception:
        pass
try:
    from solutions.two_layer_net import *  # noqa
except Exception:
    pass
''')),
    Case("unmounts what hides the kit, then reads the reference", wrong_with(suffix=f'''
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
for entry in sorted(os.listdir({str(KIT_ROOT)!r}) if os.path.isdir({str(KIT_ROOT)!r}) else []):
    libc.umount2(os.path.join({str(KIT_ROOT)!r}, entry).encode(), 2)  # MNT_DETACH
libc.umount2({str(KIT_ROOT / "solutions")!r}.encode(), 2)
try:
    exec(open({str(REFERENCE)!r}).read(), globals())
except Exception:
    pass
''')),
    # Objects that lie about what they are.
    Case("ndarray subclasses that lie in ==, -, abs, comparisons and ufuncs",
         WRONG_FUNCTIONS + LIAR),
    Case("an object with __array_ufunc__ and __array__", WRONG_FUNCTIONS + UFUNC_OBJECT),
    Case("returns lists, NaN, None, a generator, int, object and inf arrays",
         WRONG_FUNCTIONS + WRONG_KINDS),
    Case("returns a huge array", reference_with(DZ2, "dZ2 = np.zeros((3000, 3000))"),
         score=7, failed=("compute_dZ2", "backward_propagation")),
    Case("modifies its input in place", reference_with(
        "    m = dZ.shape[1]\n    " + DB,
        "    m = dZ.shape[1]\n    dZ /= m\n    db = np.sum(dZ, axis=1, keepdims=True)"),
        score=7, failed=WITH_DB),
    Case("hard-codes the visible checks' answers", _hardcoded_visible_outputs(),
         flags=("--seed", str(RELEASE_SEED + 1))),
    # Exits.
    Case("sys.exit at import", reference_with(suffix="\nimport sys\nsys.exit(0)\n"),
         error="sys.exit"),
    Case("os._exit at import", reference_with(suffix="\nimport os\nos._exit(0)\n"),
         error="ended its process"),
    Case("sys.exit inside a function", reference_with(DB, "import sys; sys.exit(1)"),
         score=7, failed=WITH_DB, hint="SystemExit"),
    Case("os._exit inside a function", reference_with(DW, "import os; os._exit(1)"),
         score=7, failed=("compute_dW", "backward_propagation"), hint="ended"),
    # Time.
    Case("endless loop at import", reference_with(suffix="\nwhile True:\n    pass\n"),
         error="did not finish loading", flags=("--submission-timeout", "3")),
    Case("endless loop inside a function", reference_with(DZ1, "while True:\n        pass"),
         score=6, failed=("compute_dZ1", "backward_propagation"), hint="time limit",
         flags=("--call-timeout", "0.5")),
    Case("ignores the alarm, then loops", reference_with(
        DZ2, "while True:\n        pass",
        prefix="import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"),
        score=7, failed=("compute_dZ2", "backward_propagation"), hint="time limit",
        flags=("--call-timeout", "0.5")),
    # Memory and the interpreter.
    Case("allocates far too much at import",
         reference_with(suffix="\nhoard = np.ones(2 ** 32)\n"), error="memory"),
    Case("allocates far too much in a function",
         reference_with(COST, "cost = float(np.ones(2 ** 32).sum())"),
         score=9, failed=("compute_cost",), hint="MemoryError"),
    Case("unbounded recursion", reference_with(DZ2, "dZ2 = compute_dZ2(A2, Y)"),
         score=7, failed=("compute_dZ2", "backward_propagation"), hint="RecursionError"),
    Case("segfault through ctypes", reference_with(DB, "import ctypes; ctypes.string_at(0)"),
         score=7, failed=WITH_DB, hint="SIGSEGV"),
    # Output and files.
    Case("megabytes of printing", reference_with(
        DZ2, "print('y' * 100_000); dZ2 = A2 - Y",
        suffix="\nprint('x' * 4_000_000)\nimport sys\nsys.stderr.write('z' * 1_000_000)\n"),
        score=10, failed=()),
    Case("writes files, over its own output, and to stdout and stderr", reference_with(
        suffix='''
import os
for name in ("output.txt", "results.json", "grades.csv"):
    with open(name, "w") as handle:
        handle.write("{\\"score\\": 10}")
for fd in (1, 2):
    os.write(fd, b'{"score": 10, "max_score": 10}')
'''), score=10, failed=()),
    Case("writes into the grader's pipes", reference_with(suffix='''
import os
for fd in range(3, 10):
    try:
        os.write(fd, b'{"score": 10, "max_score": 10}')
    except OSError:
        pass
'''), error="connection"),
    Case("breaks the worker's protocol", wrong_with(suffix='''
import __main__
__main__.write_frame = lambda stream, header, arrays=(): (stream.write(b"\\x00garbage"),
                                                            stream.flush())
'''), error="connection"),
    # Processes and threads.
    Case("spawns processes", reference_with(suffix='''
import os, time
children = []
try:
    for _ in range(64):
        pid = os.fork()
        if pid == 0:
            time.sleep(120)
            os._exit(0)
        children.append(pid)
except OSError:
    pass
'''), score=10, failed=(), needs_process_limit=True),
    Case("leaves threads running", reference_with(suffix='''
import threading, time
def spin():
    while True:
        time.sleep(0.001)
threading.Thread(target=spin, daemon=True).start()
threading.Thread(target=spin, daemon=False).start()
'''), score=10, failed=()),
]


def _worker_processes() -> set:
    """Pids of every process forked from a zygote of the kit now: the zygotes, their workers
    and whatever those started (a fork keeps the zygote's command line)."""
    return set(processes_with("\x00zygote\x00"))


def _survivors(before: set) -> set:
    """The kit's processes that appeared during a run and are still there a moment after."""
    deadline = time.monotonic() + 3
    while (left := _worker_processes() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_red_team_submission_gets_its_verdict(case, tmp_path):
    if case.needs_process_limit:
        group = ProcessGroup(8)
        limited = group.is_limited
        group.close()
        if not limited:
            pytest.skip("no process limit on this machine: a fork test must not run without it")
    path = tmp_path / "submission.py"
    path.write_text(case.source)
    before = _worker_processes()
    completed = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path), "--json",
                                *case.flags], cwd=KIT_ROOT, capture_output=True, text=True,
                               timeout=120)

    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    report = json.loads(completed.stdout)
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    if case.error:
        assert report["error"] and case.error in report["error"], report["error"]
    else:
        assert report["error"] is None, report["error"]
    assert report["score"] == case.score, {n: e["hints"][:1] for n, e in by_name.items()}
    for name in GRADED:
        exercise = by_name[name]
        if name in case.failed:
            assert not exercise["passed"] and exercise["score"] == 0
            if not report["error"]:
                assert exercise["hints"], f"{name} failed without a message"
            if not report["error"] and name == case.failed[0]:
                assert case.hint in exercise["hints"][0], exercise["hints"][0]
        else:
            assert exercise["passed"], (name, exercise["hints"])
    assert report["grader_errors"] == []
    assert _survivors(before) == set(), "a process of the submission survived grading"
