"""Checks of one output against the reference: type, shape, finiteness and values.

Types are checked exactly: an output must be a plain numpy.ndarray of floats (no subclass, no
integer or boolean dtype) or, for the cost, a Python float (numpy.float64 is one). Shapes are
checked before values because np.allclose broadcasts: (1,) and (1, 1) would compare equal.
"""

import numpy as np

from .findings import Finding


def expect_output(call, name, got, want, settings) -> list:
    """Findings for one named output; empty when it matches the reference."""
    if isinstance(want, float):
        return _expect_float(call, name, got, want, settings)
    return _expect_array(call, name, got, want, settings)


def is_close(got, want, settings) -> bool:
    """Same shape and equal within the value tolerances of `settings`."""
    got = np.asarray(got)
    want = np.asarray(want)
    if got.shape != want.shape:
        return False
    if np.array_equal(got, want):  # the same values to the last bit (NaN is never equal)
        return True
    with np.errstate(all="ignore"):
        return bool(np.all(np.isclose(got, want, rtol=settings.value_rtol,
                                      atol=settings.value_atol)))


def largest_difference(got, want) -> tuple:
    """(index, largest absolute difference) between two arrays of one shape."""
    with np.errstate(all="ignore"):
        difference = np.abs(np.asarray(got, dtype=float) - np.asarray(want, dtype=float))
    difference = np.where(np.isnan(difference), np.inf, difference)
    index = np.unravel_index(int(np.argmax(difference)), difference.shape)
    return tuple(int(i) for i in index), float(difference[index])


def _expect_float(call, name, got, want, settings):
    if isinstance(got, bool) or not isinstance(got, (float, int)):
        return [Finding("type", call, name, got, want, {"expected": "float"})]
    if not np.isfinite(got):
        return [Finding("non_finite", call, name, got, want)]
    if not np.isclose(got, want, rtol=settings.value_rtol, atol=settings.value_atol):
        return [Finding("values", call, name, float(got), want,
                        {"largest": abs(float(got) - want), "index": ()})]
    return []


def _expect_array(call, name, got, want, settings):
    if type(got) is not np.ndarray or got.dtype.kind != "f":
        return [Finding("type", call, name, got, want, {"expected": "array"})]
    if got.shape != want.shape:
        return [Finding("shape", call, name, got, want)]
    if not np.all(np.isfinite(got)):
        return [Finding("non_finite", call, name, got, want)]
    if not is_close(got, want, settings):
        index, largest = largest_difference(got, want)
        return [Finding("values", call, name, got, want, {"largest": largest, "index": index})]
    return []


def expect_unchanged(call, args_after) -> list:
    """A 'mutated' Finding for the first argument the call changed in place, if any."""
    from ..student_api import GRADED_BY_NAME

    names = GRADED_BY_NAME[call.exercise].parameters
    if not isinstance(args_after, list) or len(args_after) != len(call.args):
        return [Finding("mutated", call, "", detail={"argument": "its arguments"})]
    for name, before, after in zip(names, call.args, args_after):
        changed = _first_change(name, before, after)
        if changed:
            label, index, old, new = changed
            return [Finding("mutated", call, label, new, old,
                            {"argument": label, "index": index, "before": old, "after": new})]
    return []


def _first_change(name, before, after):
    """(label, index, old entry, new entry) of the first difference, or None."""
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(after) != set(before):
            return (name, None, None, None)
        for key in before:
            changed = _first_change(f'{name}["{key}"]', before[key], after[key])
            if changed:
                return changed
        return None
    if type(after) is not np.ndarray or after.shape != before.shape \
            or after.dtype != before.dtype:
        return (name, None, None, None)
    if np.array_equal(after, before):
        return None  # untouched, the case of nearly every call (an array with NaN goes on)
    unequal = ~((after == before) | (np.isnan(after) & np.isnan(before))) \
        if before.dtype.kind == "f" else after != before
    if not unequal.any():
        return None
    index = tuple(int(i) for i in np.argwhere(unequal)[0])
    return (name, index, before[index].item(), after[index].item())
