"""Generic recognisers: what a wrong output looks like when no catalogued mistake reproduces it.

Each recogniser looks at one output (the student's value and the expected one) and answers with
a hint, or None. They are tried in the order of SIGNATURES; the first that recognises the output
speaks for it.
"""

from fractions import Fraction

import numpy as np

from ..decoding import Opaque
from .context import hint_context, shape_text
from .hint import Hint


def describe_output(finding, settings) -> Hint:
    """A hint for one failed output check; the fallback when nothing is recognised."""
    for recogniser in SIGNATURES:
        hint = recogniser(finding, settings)
        if hint is not None:
            return hint
    return fallback(finding, settings)


def constant_ratio(got, want, settings):
    """The constant c with got == c * want entry by entry, or None (also None for c == 1)."""
    got = np.asarray(got, dtype=float)
    want = np.asarray(want, dtype=float)
    if got.shape != want.shape or not np.all(np.isfinite(got)):
        return None
    usable = np.abs(want) > 1e-6
    if not usable.any():
        return None
    ratios = got[usable] / want[usable]
    c = float(np.median(ratios))
    if c == 0 or not np.allclose(got, c * want, rtol=1e-6, atol=settings.value_atol):
        return None
    if abs(c - 1) < 1e-6:
        return None
    return c


def ratio_text(c: float) -> str:
    """An exact-looking ratio as a fraction: 5, 1/5, -1, 5/3; otherwise two significant figures."""
    fraction = Fraction(c).limit_denominator(1000)
    if abs(float(fraction) - c) <= 1e-6 * abs(c) and abs(fraction.numerator) <= 1000:
        return str(fraction)
    return f"{c:.2g}"


# Recognisers, in the order they are tried.

def _wrong_type(finding, settings):
    if finding.kind == "structure":
        return _render(finding, "{function} returned {got_kind}, but it should return "
                       f"{finding.detail['expected']}.", "S-structure", "rules-for-every-function",
                       got_kind=_kind_of(finding.got))
    if finding.kind != "type":
        return None
    got = finding.got
    if finding.detail.get("expected") == "float":
        if isinstance(got, np.ndarray):
            text = ("Your {name} is a numpy array of shape {got_shape}, not a Python float. The "
                    "cost J is one number, the average loss; an array keeps the axes of the "
                    "sums that built it.")
        else:
            text = f"Your {{name}} is {_kind_of(got)}, but the cost should be a Python float."
        return _render(finding, text, "S-not-a-float", "loss-versus-cost")
    if isinstance(got, np.ndarray):
        text = (f"Your {{name}} holds {got.dtype} values, not floats. A gradient or an activation "
                "is a real number; an integer or boolean array has lost that, often through a "
                "comparison or an integer conversion.")
    elif isinstance(got, Opaque) and "subclass" in got.detail:
        text = (f"Your {{name}} is a {got.type_name}, a subclass of numpy.ndarray. Every output "
                "must be a plain numpy.ndarray of floats.")
    else:
        text = (f"Your {{name}} is {_kind_of(got)}, but it should be a numpy array of shape "
                "{want_shape}.")
    return _render(finding, text, "S-type", "rules-for-every-function")


def _missing_keys(finding, settings):
    if finding.kind != "missing_keys":
        return None
    missing = ", ".join(finding.detail["missing"])
    present = ", ".join(str(key) for key in finding.got) or "no keys at all"
    what = finding.detail["what"]
    text = (f"Your {what} has no {missing} (it has {present}). Keys match letter for letter, "
            f"and the code that uses {what} looks each one up by its exact name.")
    return Hint(text, "S-missing-keys",
                "forward-propagation" if what == "cache" else "backward-propagation")


def _non_finite(finding, settings):
    if finding.kind != "non_finite":
        return None
    got = np.asarray(finding.got, dtype=float)
    bad = np.argwhere(~np.isfinite(got))
    index = tuple(int(i) for i in bad[0]) if got.ndim else ()
    value = got[index] if got.ndim else float(got)
    where = f" at {list(index)}" if index else ""
    return _render(finding, f"Your {{name}} contains {value}{where}. That comes from a log of "
                   "zero or of a negative number, a division by zero, or an exp that overflowed: "
                   "look at which step can produce it.", "S-non-finite", "rules-for-every-function")


def _transposed(finding, settings):
    got, want = finding.got, finding.want
    if finding.kind != "shape" or got.ndim != 2 or got.shape != want.shape[::-1]:
        return None
    same = np.allclose(got, want.T, rtol=settings.value_rtol, atol=settings.value_atol)
    text = ("Your {name} has shape {got_shape}, but it should be {want_shape}"
            + ("; its entries are the right ones, transposed. " if same else ", its transpose. ")
            + "A gradient has the shape of what it differentiates: check the order of the "
              "factors of each product and which of them is turned on its side.")
    return _render(finding, text, "S-transposed", "why-transposes")


def _rank_one(finding, settings):
    got, want = finding.got, finding.want
    if finding.kind != "shape" or got.ndim != 1 or got.size != want.size:
        return None
    values = ""
    if not np.allclose(got.reshape(want.shape), want, rtol=settings.value_rtol,
                       atol=settings.value_atol):
        c = constant_ratio(got.reshape(want.shape), want, settings)
        values = (f" Its values are also {ratio_text(c)} times the expected ones." if c
                  else " Its values differ too.")
    return _render(finding, "Your {name} has shape {got_shape}, a rank-one array, but it should "
                   "be {want_shape}. A sum over one axis drops that axis unless it is kept, and a "
                   "rank-one array broadcasts differently from a column." + values,
                   "S-rank-one", "why-db-keeps-its-column")


def _reduced_wrong(finding, settings):
    got, want = finding.got, finding.want
    if finding.kind != "shape" or want.ndim != 2 or want.shape[1] != 1:
        return None
    m = finding.call.design.m
    if got.size == 1 and want.size > 1:
        text = ("Your {name} holds a single number (shape {got_shape}), but it should be "
                "{want_shape}: one entry per unit. Summing over every axis mixes the units "
                "together; each bias collects only its own row, over the examples.")
        return _render(finding, text, "S-sum-all", "why-db-keeps-its-column")
    if got.shape in ((1, m), (m,)) and want.shape[0] != m:
        text = ("Your {name} has shape {got_shape}: one number per example, so it sums over "
                "the units (axis 0). Each column of dZ is one example; b is shared by all m "
                "examples, so its gradient sums over axis 1 into a {want_shape} column.")
        return _render(finding, text, "S-wrong-axis", "why-db-keeps-its-column")
    if got.ndim == 2 and got.shape == (want.shape[0], m):
        text = ("Your {name} has shape {got_shape}, one column per example, but it should be "
                "{want_shape}. b is shared by all m examples, so its gradient adds up (and "
                "averages) their contributions.")
        return _render(finding, text, "S-not-reduced", "why-db-keeps-its-column")
    return None


def _other_shape(finding, settings):
    if finding.kind != "shape":
        return None
    return _render(finding, "Your {name} has shape {got_shape}, but it should be {want_shape}. "
                   "Check the shape of each intermediate result against the shapes table.",
                   "S-shape", "shapes-table")


SIGNATURES = (_wrong_type, _missing_keys, _non_finite, _transposed, _rank_one, _reduced_wrong,
              _other_shape)
"""Type before shape before values: a later recogniser assumes the earlier ones passed. A
constant factor is named by diagnosis/factors.py, across all the calls, not here: one call's
ratio proves nothing."""


def fallback(finding, settings) -> Hint:
    """Expected and actual shape, the largest error, one entry side by side."""
    context = hint_context(finding.call, finding.output, finding.got, finding.want)
    if finding.kind == "values" and context["got_entry"]:
        where = f" at {context['entry']}" if context["entry"] else ""
        text = (f"Your {{name}} has the right shape, {shape_text(finding.want) or 'a number'}, "
                f"but different values: the largest difference is{where} (yours {{got_entry}}, "
                "expected {want_entry}). No common mistake matches this; compare each step "
                "with the derivation.")
    else:
        text = "Your {name} is not what was expected on these inputs ({where})."
        context["where"] = finding.call.where
    return Hint(text.format(**context), "S-unrecognised", "")


def _render(finding, template, mistake, anchor, **extra) -> Hint:
    context = hint_context(finding.call, finding.output, finding.got, finding.want)
    context.update(extra)
    return Hint(template.format(**context), mistake, anchor)


def _kind_of(value) -> str:
    """'None', 'a list', 'a tuple of 2 items', 'a dict', 'an int', ... for messages."""
    if value is None:
        return "None"
    if isinstance(value, Opaque):
        if value.too_large:
            return f"a numpy array of shape {value.shape}, far larger than any output here"
        if value.type_name == "numpy.ndarray":
            return f"a numpy array of {value.dtype or 'non-numeric'} values"
        return f"a {value.type_name.removeprefix('builtins.')}"
    if isinstance(value, (list, tuple, dict)):
        noun = type(value).__name__
        return f"a {noun} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {shape_text(value)}"
    article = "an" if type(value).__name__[0] in "aeiou" else "a"
    return f"{article} {type(value).__name__}"
