"""Name every mistake in a function at once: its output matched against catalogued combinations.

Real code holds two mistakes as often as one (dW transposed *and* without 1/m; the cost with one
term *and* no 1/m). Each exercise is described here as a few independent axes in the order the
data flows (for dW: which product, then which factor); each axis lists its catalogued wrong
choices by id. A *form* is one choice per axis, its key the ids joined by '+' in that order
("B17+B26"). The grader computes every form's outcome on the call's inputs
(answers/forms.py, instructor-only); the student bundle stores those outcomes instead. A form
names its mistakes when it reproduces the student's outcome on every call and differs from the
reference on one; of the forms that fit, those with the fewest mistakes win.

Only ids live here, no formulas: this module ships to students.
"""

import itertools

from .matching import same_value

FORM_PREFIX = "form:"
"""Forms are looked up in a call's mutant_outcomes under 'form:' + key."""
STEPS_PREFIX = "steps:"
"""... and the value each of their steps gives under 'steps:' + key: {axis: value}."""


def axis_of(exercise: str, mistake_id: str) -> str:
    """The axis a mistake belongs to ('' when it is none of the exercise's)."""
    return next((axis for axis, options in AXES.get(exercise, ())
                 if mistake_id in mistake_ids("+".join(options))), "")


def mistake_ids(key: str) -> tuple:
    """The catalogue ids a form's key names: 'B2/t+B24' -> ('B2', 'B24'). A choice written
    'B2/t' is another way students write the same mistake (here, with a transpose that
    makes the shapes fit)."""
    return tuple(part.split("/")[0] for part in key.split("+"))

AXES = {
    "compute_cost": (
        ("product", ("C11", "C13", "C5", "C14")),
        ("terms", ("C3", "C12")),
        ("sign", ("C1",)),
        ("scale", ("C2", "C10")),
        ("log", ("C9",)),
    ),
    "compute_dZ2": (
        ("error", ("B28", "B29")),
        ("scale", ("B25",)),
    ),
    "compute_dZ1": (
        ("upstream", ("B1", "B31", "B30")),
        ("derivative", ("B4", "B32", "B6", "B7", "B8", "B12", "B9", "B11")),
        ("join", ("B2", "B2/t")),
        ("scale", ("B24",)),
    ),
    "compute_dW": (
        ("product", ("B17", "B16", "B18")),
        ("scale", ("B26", "B33", "B27", "B37")),
    ),
    "compute_db": (
        ("axis", ("B20", "B21", "B22")),
        ("keepdims", ("B19",)),
        ("scale", ("B34", "B23", "B38")),
    ),
    "forward_propagation": (
        ("Z1", ("F15", "F2")),
        ("A1", ("F3", "F12", "F13")),
        ("Z2", ("F14", "F16")),
        ("A2", ("F4", "F18", "F8")),
    ),
}
"""Exercise -> its axes in data-flow order: (axis name, catalogued wrong choices)."""

_EXCLUSIVE = (
    {"B30", "B7"}, {"B30", "B2"}, {"B7", "B2"},       # nothing left to join or to differentiate
    {"B21", "B19"}, {"B22", "B19"},                    # no axis left to keep
    {"C11", "C5"}, {"C11", "C13"}, {"C13", "C5"}, {"C14", "C11"}, {"C14", "C13"}, {"C14", "C5"},
    {"F2", "F15"},
)
"""Pairs of choices that make no sense together."""


def form_keys(exercise: str) -> tuple:
    """Every form of `exercise` with at least one mistake, fewest mistakes first."""
    axes = AXES.get(exercise, ())
    keys = []
    for choice in itertools.product(*[(None,) + options for _, options in axes]):
        ids = [mistake for mistake in choice if mistake]
        if not ids or any(pair <= set(mistake_ids("+".join(ids))) for pair in _EXCLUSIVE):
            continue
        keys.append("+".join(ids))
    return tuple(sorted(keys, key=lambda key: key.count("+")))


def find_composed_mistakes(exercise, calls, outcomes, settings, traces=None) -> list:
    """[(ids of one fitting form, first call where it shows, its key)], fewest mistakes first;
    [] if none.

    traces: per call, the values the student's code computed (sandbox tracing), or None. A call
    that raised fits a form whose value the code computed before it raised: the dot form of
    the cost, for one, is right until float() meets an (n_y, n_y) array.
    """
    found = []
    fewest = None
    for key in form_keys(exercise):
        count = key.count("+") + 1
        if fewest is not None and count > fewest:
            break
        shown_on = _fits(key, calls, outcomes, settings, traces)
        if shown_on is not None:
            found.append((mistake_ids(key), shown_on, key))
            fewest = count
    return found


def _fits(key, calls, outcomes, settings, traces):
    """The first call where the form differs from the reference, if it fits every call."""
    shown_on = None
    for index, (call, outcome) in enumerate(zip(calls, outcomes)):
        form = call.mutant_outcomes.get(FORM_PREFIX + key) if call.mutant_outcomes else None
        if form is None:
            return None
        differs = form.raised or not same_value(form.value, call.expected, settings)
        if form.raised:
            if outcome.status != "raised" or outcome.error.get("type") != form.error_type:
                return None
        elif outcome.status == "returned":
            if not same_value(_as_form(outcome.value, form.value), form.value, settings):
                return None
        elif outcome.status == "raised":
            trace = traces[index] if traces else None
            if (not differs or not _computed(trace, form.value, settings)
                    or _is_an_input(form.value, call.args, settings)):
                return None
        else:
            return None
        if shown_on is None and differs:
            shown_on = call
    return shown_on


def _as_form(value, form_value):
    """A cost returned as a numpy scalar or 0-d array is compared as the float it holds."""
    import numpy as np

    if isinstance(form_value, float) and isinstance(value, np.ndarray) and value.size == 1:
        return float(value.reshape(()))
    return value


def _computed(trace, value, settings) -> bool:
    """True when the traced code computed `value` (an array, or its transpose) and the
    expression that raised was given it: float() of the dot form's (n_y, n_y) table, say.
    A value computed on the way to an unrelated error (a misspelt name) proves nothing."""
    import numpy as np

    if trace is None or trace.raised_at is None or not isinstance(value, np.ndarray):
        return False
    outer = trace.raised_at
    return any(record.node != outer and record.node.within(outer)
               and (same_value(record.value, value, settings)
                    or (value.ndim == 2 and value.size > 1
                        and same_value(record.value, value.T, settings)))
               for record in trace.records)


def _is_an_input(value, args, settings) -> bool:
    """True when `value` is one of the call's own arguments (dZ for db not reduced): an
    expression that raised while given it proves nothing about the form."""
    return any(same_value(value, arg, settings) for arg in args
               if not isinstance(arg, dict))

