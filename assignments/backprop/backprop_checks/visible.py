"""The notebook's visible checks: the autograder's checks and hints, in the student's kernel.

They work from stored fixtures (inputs, expected outputs, the catalogued mistakes' outcomes on the
same inputs), so the student bundle holds neither the reference nor the mutants. The verdict and the
hints are the same as the hidden autograder's (autograder/judge/verdict.py); only the inputs are
fixed, and the function runs here, in the student's own kernel.
"""

import copy
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .decoding import CallOutcome, decode_value
from .encoding import describe_exception, encode
from .results import ExerciseResult
from .settings import Settings
from .student_api import GRADED_NAMES as _GRADED
from .verdict import COMPONENTS, Components, judge
from .wording import wrap

FIXTURES = Path(__file__).resolve().parent / "fixtures.npz"
_CALLS = {}
_RESULTS = {}
_PACKAGE_DIR = str(Path(__file__).resolve().parent)


class CheckFailed(AssertionError):
    """Raised by check(..., stop=True) when the function fails. By default a failing check
    does not raise: "Run All" carries on to the later exercises, and nbgrader's points are
    decided outside the kernel anyway (integrations/nbgrader/points.py)."""


class CheckResult(ExerciseResult):
    """What `check` returns: the verdict, for code that wants it, which Jupyter does not show.

    `check(...)` is the last line of its cell, so Jupyter would print the value it returns
    under the message; the message is the whole answer.
    """

    def _ipython_display_(self):
        pass  # IPython calls this instead of showing the value: nothing is shown


def check(name: str, function, namespace: dict = None, more: bool = False,
          stop: bool = False) -> CheckResult:
    """Check one graded function; print a pass, or its hints where no one can miss them.

    namespace: the notebook's globals(), so backward_propagation's hint can tell whether it is
    wrong only because one of your own components is. more: each hint's next rung, what kind
    of change is needed (the hint alone says where, what your numbers show, which idea).
    stop: raise CheckFailed when the function fails, to stop a script there.
    """
    settings = Settings()
    calls = _calls()[name]
    outcomes = [call_here(function, call.args, settings) for call in calls]
    components = None
    if name == "backward_propagation" and namespace is not None:
        components = Components(failed=lambda: _failed_components(namespace, settings),
                                compose=lambda call: _compose(namespace, call, settings),
                                mutating=lambda: [n for n in _failed_components(namespace,
                                                                                settings)
                                                  if "U1" in _RESULTS[n].mistakes])
    result = CheckResult(**vars(judge(name, calls, outcomes, settings, settings.points[name],
                                      components,
                                      tracer=lambda: [trace_here(function, call.args, settings)
                                                      for call in calls],
                                      parameters=_parameter_names(function),
                                      repairer=lambda: _search_repair(name, function, calls,
                                                                      outcomes, settings))))
    _RESULTS[name] = result
    if result.passed:
        points = _points(result.max_score)
        print(f"✓ {name} passed on {len(calls)} sets of inputs ({points} "
              f"point{'' if points == '1' else 's'} in the graded version).")
        return result
    level = min(2 if more else 1, settings.student_hint_level)
    hints = {2: result.more, 3: result.fixes}.get(level) or result.hints
    # On standard error: Jupyter shows it on a red ground, and nbgrader's validate fails the
    # cell; the notebook still runs on to the next exercise.
    print(f"✗ {name} does not pass yet.\n\n" + "\n\n".join(wrap(hint) for hint in hints)
          + "\n", file=sys.stderr, flush=True)
    if stop:
        raise CheckFailed(f"{name} does not pass yet: see the hint above.")
    return result


@contextmanager
def uses_your_functions(what: str):
    """Run a provided cell's work (the gradient check, the training) so that an error in it
    says which of your functions gave the value it failed on, and the notebook runs on.

        with uses_your_functions("the training"):
            network = nn_model(X_flower, Y_flower, n_h=4)
    """
    try:
        yield
    except Exception as error:  # the student's code, or provided code on what it returned
        print(_provided_failure(what, error), file=sys.stderr, flush=True)


def _provided_failure(what: str, error: Exception) -> str:
    """Where `error` arose, in words, and which of the student's functions to look at."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    graded = [frame for frame in frames if frame.name in _GRADED]
    message = f"{type(error).__name__}: {str(error)[:300]}"
    failing = [name for name, result in _RESULTS.items() if not result.passed]
    names = " and ".join(failing)
    if graded:
        frame = graded[-1]
        text = (f"{what} stopped inside your {frame.name}, on line {frame.lineno} of its "
                f"cell (`{(frame.line or '').strip()}`), with {message}.")
    else:
        frame = frames[-1] if frames else None
        inside = f" in {frame.name}" if frame and frame.name != "<module>" else ""
        text = (f"{what} stopped{inside} with {message}. It only runs provided code on what "
                "your functions return")
        text += (f", and {names} {'does' if len(failing) == 1 else 'do'} not pass "
                 f"{'its check' if len(failing) == 1 else 'their checks'} yet (see above): "
                 "start there." if failing else
                 ": run each exercise's check above to see which of them gives a value of the "
                 "wrong shape or type.")
        return "✗ " + wrap(text)
    if failing:
        text += (f" {names} {'does' if len(failing) == 1 else 'do'} not pass "
                 f"{'its check' if len(failing) == 1 else 'their checks'} yet (see above).")
    return "✗ " + wrap(text)


def call_here(function, args, settings) -> CallOutcome:
    """Call the student's function on copies of `args`, in this process, with a time limit.

    What it returns goes through the same encoding as in the sandbox, so the checks see the
    same kinds of values (an ndarray subclass, for example, becomes an Opaque).
    """
    if not callable(function):
        return CallOutcome("raised", error={"type": "TypeError",
                                            "message": f"{type(function).__name__} is not a "
                                                       "function"})
    args = copy.deepcopy(args)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, settings.call_timeout_s)
    try:
        value = function(*args)
    except _TimeLimit:
        return CallOutcome("timeout", error={"limit": "call", "seconds": settings.call_timeout_s})
    except Exception as error:
        described = describe_exception(error, _is_student_code)
        described.pop("cell", None)
        return CallOutcome("raised", args_after=_plain(list(args)), error=described)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return CallOutcome("returned", value=_plain(value), args_after=_plain(list(args)))


def _search_repair(name, function, calls, outcomes, settings):
    """The repair search (repair/search.py) run here, offline: each candidate is the student's
    own function edited, run in this kernel on the stored inputs and checked against the
    stored outputs. Nothing of the answer is needed, so the notebook's checks give the same
    hints as the grader's."""
    import linecache
    import time

    from .repair.search import search_repair

    cells = []
    for value in list(function.__globals__.values()) + [function]:
        code = getattr(value, "__code__", None)
        if code is not None and _is_student_code(code.co_filename) \
                and code.co_filename not in (cell for cell, _ in cells):
            cells.append((code.co_filename, "".join(linecache.getlines(code.co_filename))))
    quick = Settings(call_timeout_s=settings.repair_call_timeout_s)

    def runner(requests, deadline):
        outcomes = []
        for sources, index in requests:
            if time.monotonic() >= deadline:
                outcomes.append(None)
                continue
            namespace = dict(function.__globals__)
            try:
                for source in sources.values():
                    exec(compile(source, "<repair>", "exec"), namespace)
            except Exception:  # an edit that is not valid code: the candidate fails
                outcomes.append(CallOutcome("raised", error={"type": "SyntaxError"}))
                continue
            outcomes.append(call_here(namespace.get(name), calls[index].args, quick))
        return outcomes

    search = search_repair(name, calls, outcomes, [("", source) for _, source in cells],
                           runner, settings, settings.repair_budget_s)
    return search


def _parameter_names(function):
    """The names of a function's positional parameters, as the student wrote them."""
    code = getattr(function, "__code__", None)
    return list(code.co_varnames[:code.co_argcount]) if code is not None else None


def trace_here(function, args, settings):
    """`function` run again on copies of `args` with every expression recorded, in this
    kernel, as the sandbox's worker does for the grader (judge/tracing.py); None if it
    cannot be traced."""
    from .decoding import trace_from
    from .tracing import trace_call

    def run(thunk):
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, settings.call_timeout_s * settings.trace_slowdown)
        try:
            return thunk(), None
        except Exception as error:
            return None, error
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def describe(error):
        described = describe_exception(error, _is_student_code)
        described.pop("cell", None)
        return described

    try:
        return trace_from(trace_call(function, copy.deepcopy(args), run), describe, _plain)
    except Exception:  # _TimeLimit included: the hints go without a trace
        return None
    except _TimeLimit:
        return None


class _TimeLimit(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _TimeLimit()


def _plain(value):
    arrays = []
    return decode_value(encode(value, arrays), arrays)


def _is_student_code(filename: str) -> bool:
    """Frames of the notebook, not of numpy, the standard library or this package."""
    return (not filename.startswith(_PACKAGE_DIR) and "site-packages" not in filename
            and "/lib/python" not in filename and not filename.startswith("<frozen"))


def _calls() -> dict:
    if not _CALLS:
        from .fixtures import load_calls

        _CALLS.update(load_calls(FIXTURES))
    return _CALLS


def _failed_components(namespace, settings) -> list:
    failed = []
    for name in COMPONENTS:
        if name not in _RESULTS:
            function = namespace.get(name)
            outcomes = [call_here(function, call.args, settings) for call in _calls()[name]]
            _RESULTS[name] = judge(name, _calls()[name], outcomes, settings,
                                   settings.points[name])
        if not _RESULTS[name].passed:
            failed.append(name)
    return failed


def _compose(namespace, call, settings):
    """The gradients the student's own components give on the call's inputs, or None."""
    parameters, cache, X, Y = call.args

    def run(name, *args):
        outcome = call_here(namespace.get(name), args, settings)
        if outcome.status != "returned":
            raise LookupError(name)
        return outcome.value

    try:
        dZ2 = run("compute_dZ2", cache["A2"], Y)
        dZ1 = run("compute_dZ1", dZ2, parameters["W2"], cache["Z1"], cache["A1"])
        return {"dW1": run("compute_dW", dZ1, X), "db1": run("compute_db", dZ1),
                "dW2": run("compute_dW", dZ2, cache["A1"]), "db2": run("compute_db", dZ2)}
    except LookupError:
        return None


def _points(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


__all__ = ["check", "CheckFailed"]

