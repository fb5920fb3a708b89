"""Follow backward_propagation's own values step by step, to name mistakes written inline.

Many students write backward_propagation in one piece instead of calling compute_dZ1 and the
others. Its trace (every value its lines computed) is searched step by step, in the order the
data flows: dZ2, then dW2 and db2 from *the student's own* dZ2, then dZ1 from their dZ2, then
dW1 and db1 from their dZ1. At each step the right value and every catalogued combination of
the component's mistakes (answers/forms.py) are computed from the student's earlier values;
the value the code computed last that matches one of them identifies the step. So a mistake
after a first one is still found, and a step that is right given its own inputs is not blamed.
A value that matches nothing known blames nobody.

Grader only: it computes right steps with the reference, so it is not in the student bundle,
where an inline backward_propagation gets the generic hints instead.
"""

from dataclasses import dataclass

import numpy as np

from autograder.judge.designs import Call
from autograder.judge.diagnosis.composition import form_keys, mistake_ids
from autograder.judge.diagnosis.matching import same_value

STEPS = (
    ("dZ2", "compute_dZ2", "", lambda env: (env["A2"], env["Y"])),
    ("dW2", "compute_dW", "layer 2", lambda env: (env["dZ2"], env["A1"])),
    ("db2", "compute_db", "layer 2", lambda env: (env["dZ2"],)),
    ("dZ1", "compute_dZ1", "", lambda env: (env["dZ2"], env["W2"], env["Z1"], env["A1"])),
    ("dW1", "compute_dW", "layer 1", lambda env: (env["dZ1"], env["X"])),
    ("db1", "compute_db", "layer 1", lambda env: (env["dZ1"],)),
)
"""(value, the component that computes it, its layer, its arguments from the values so far),
in the order the data flows."""


@dataclass(frozen=True)
class Step:
    """What one step of an inline backward_propagation turned out to be on one call."""

    name: str
    exercise: str
    ids: tuple
    """The catalogued mistakes of the combination it matched; () when it is right."""
    line: int
    """The line of the student's code that computed it."""
    call: Call
    """The component's call on the student's own earlier values (for the hint's numbers)."""
    got: object = None
    """The value the student's code computed for this step."""


def follow_backward(call, trace, settings, returned=None) -> list:
    """The steps of `call`'s traced backward_propagation that the grader could identify.

    returned: the gradients the call returned, if it did; they settle dW1, db1, dW2 and db2,
    and which value of dZ1 (or dZ2) the code used is the one under which they are explained
    with the fewest mistakes.
    """
    if trace is None:
        return []
    parameters, cache, X, Y = call.args
    env = {"X": X, "Y": Y, **parameters, **cache}
    return _follow(call, trace, settings, returned or {}, env, 0, 0)[1]


def _follow(call, trace, settings, returned, env, start, index):
    """(mistakes counted, steps) for STEPS[index:], records before `start` out of reach."""
    from autograder.answers.forms import run_form
    from autograder.answers.reference import reference

    if index == len(STEPS):
        return 0, []
    name, exercise, label, arguments = STEPS[index]
    args = arguments(env)
    with np.errstate(all="ignore"):
        right = getattr(reference, exercise)(*args)
    component = Call(exercise, call.design, label, args, right, call.seed, call.network)
    candidates = [((), right)]
    for key in form_keys(exercise):
        outcome = run_form(exercise, key, args)
        if (not outcome.raised and not same_value(outcome.value, right, settings)
                and not any(same_value(outcome.value, arg, settings) for arg in args)):
            candidates.append((mistake_ids(key), outcome.value))
    records = trace.records[start:]
    if name in returned:  # the value the function gave back settles this step
        matched = [(ids, value) for ids, value in candidates
                   if same_value(returned[name], value, settings)]
        if not matched:
            env = {**env, name: right}
            count, later = _follow(call, trace, settings, returned, env, start, index + 1)
            return count + 1, later
        ids, value = matched[0]
        first = next(iter(_matching(records, value, settings)), None)
        line = first.node.line if first is not None else 0
        count, later = _follow(call, trace, settings, returned, {**env, name: value}, start,
                               index + 1)
        return count + len(ids), [Step(name, exercise, ids, line, component, value)] + later
    best = None
    for ids, value in candidates:
        matching = _matching(records, value, settings)
        if not matching:
            continue
        first = start + _position(records, matching[0])
        count, later = _follow(call, trace, settings, returned, {**env, name: value}, first,
                               index + 1)
        option = (count + len(ids), -_position(records, matching[-1]),
                  [Step(name, exercise, ids, matching[0].node.line, component, value)] + later)
        if best is None or option[:2] < best[:2]:
            best = option
    if best is None:  # not seen: later steps are judged from the right value
        return _follow(call, trace, settings, returned, {**env, name: right}, start, index + 1)
    return best[0], best[2]


def _could_equal(got, want, settings) -> bool:
    """A quick look at two entries before the full comparison (most records differ there)."""
    if got.size == 0 or got.dtype.kind not in "biuf" or want.dtype.kind not in "biuf":
        return True
    for index in (0, -1):
        a, b = float(got.flat[index]), float(want.flat[index])
        if not abs(a - b) <= settings.value_atol + settings.value_rtol * abs(b) * 2:
            return a != a or b != b  # NaN: let the full comparison decide
    return True


def _position(records, record) -> int:
    return next(index for index, other in enumerate(records) if other is record)


def _matching(records, value, settings):
    """The records equal to `value`: an array of the same shape, or a number."""
    if isinstance(value, np.ndarray):
        return [record for record in records
                if isinstance(record.value, np.ndarray) and record.value.shape == value.shape
                and _could_equal(record.value, value, settings)
                and same_value(record.value, value, settings)]
    if isinstance(value, (float, np.floating)):
        return [record for record in records if isinstance(record.value, float)
                and same_value(record.value, float(value), settings)]
    return []


FORWARD = (
    ("Z1", lambda p, X, c: np.dot(p["W1"], X) + p["b1"], "W1·X + b1"),
    ("A1", lambda p, X, c: np.tanh(c["Z1"]), "tanh of your Z1"),
    ("Z2", lambda p, X, c: np.dot(p["W2"], c["A1"]) + p["b2"], "W2·(your A1) + b2"),
    ("A2", lambda p, X, c: 1 / (1 + np.exp(-c["Z2"])), "the sigmoid of your Z2"),
)
"""Each cache entry as the right step computes it from the student's own previous entry."""


def first_wrong_forward_step(call, value, settings):
    """(entry, the later entries that follow from it correctly) for a forward pass whose cache
    goes wrong at one step, judged each from the student's own previous entry; or None."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict)):
        return None
    cache = value[1]
    X, parameters = call.args
    if not all(type(cache.get(key)) is np.ndarray for key, _, _ in FORWARD):
        return None
    first, following = None, []
    for key, step, _ in FORWARD:
        try:
            with np.errstate(all="ignore"):
                right = step(parameters, X, cache)
        except ValueError:  # the student's previous entry has a shape no step accepts
            return None
        fits = same_value(cache[key], right, settings)
        if first is None and not fits:
            first = key
        elif first is not None and fits:
            following.append(key)
    return (first, following) if first else None


def last_confirmed(call, trace, settings):
    """(line, what it holds) of the latest value in `trace` that the grader could confirm as
    a right intermediate step of `call`'s function, or None."""
    from autograder.answers.forms import right_steps

    if trace is None:
        return None
    steps = dict(right_steps(call.exercise, call.args))
    if isinstance(call.expected, np.ndarray):
        steps["the whole right result"] = call.expected
    found = None
    for what, value in steps.items():
        matching = _matching(trace.records, value, settings)
        if not matching:
            continue
        record = matching[0]  # where the value was computed, not where it was read again
        position = _position(trace.records, record)
        if found is None or position > found[0]:
            found = (position, record.node.line, what, record.node.text)
    return found[1:] if found else None
