"""Name a constant factor between a student's output and the expected one, or claim nothing.

Any wrong number is some multiple of the right one, so a ratio seen once proves nothing. A
factor is named only when one expression in the sizes of each call (m, 1/m, -1, n_y, an axis
length of the function's own arguments, ...) equals the ratio on *every* call, and no other
expression of the list fits them all. The designs differ in m, n_x, n_h and n_y, so an
expression that fits every one of them is what the code computes, not a coincidence of one
design (on the square design alone, m/n_h and 1 cannot be told apart).
"""

import math
from dataclasses import dataclass

import numpy as np

_RELATIVE = 1e-6


@dataclass(frozen=True)
class Factor:
    """A ratio named as an expression in the sizes of the calls."""

    text: str
    """How a hint writes it: 'm', '1/m', '-1', 'm/n_x', 'm/(m - 1)'."""
    values: tuple
    """Its value on each call, in order."""
    size: str = ""
    """For m/size and size/m: the size's name (n_x, n_h, n_y, 'rows of A_prev')."""


def find_factor(ratios, sizes) -> "Factor | None":
    """The one expression equal to `ratios[i]` on every call i, or None.

    ratios: one float per call (None where the output is not a multiple of the expected one);
    sizes: one dict per call, name -> size, always holding 'm' and the axis lengths of the
    function's own arguments under their names in the notation (n_x, n_h, n_y).
    """
    if not ratios or any(ratio is None for ratio in ratios):
        return None
    fitting = []
    for text, size, expression in _expressions(sizes[0]):
        try:
            values = tuple(float(expression(call_sizes)) for call_sizes in sizes)
        except (KeyError, ZeroDivisionError):
            continue
        if all(_close(value, ratio) for value, ratio in zip(values, ratios)):
            fitting.append(Factor(text, values, size))
    distinct = {factor.values for factor in fitting}
    if len(distinct) != 1:
        return None  # none fits, or two expressions fit and the designs cannot tell which
    return fitting[0]


def call_sizes(call) -> dict:
    """The sizes a factor of this call may be made of: m and the axis lengths of the
    function's own arguments, named as in the notation (for dW: n, the rows of dZ, and n_prev,
    the rows of A_prev)."""
    design = call.design
    sizes = {"m": design.m}
    exercise = call.exercise
    if exercise == "compute_dW":
        sizes.update(n=call.args[0].shape[0], n_prev=call.args[1].shape[0])
    elif exercise == "compute_db":
        sizes.update(n=call.args[0].shape[0])
    elif exercise == "compute_dZ1":
        sizes.update(n_h=design.n_h, n_y=design.n_y)
    elif exercise in ("compute_cost", "compute_dZ2"):
        sizes.update(n_y=design.n_y)
    else:
        sizes.update(n_x=design.n_x, n_h=design.n_h, n_y=design.n_y)
    return sizes


_SIZE_WORDS = {"n": "the number of rows of dZ", "n_prev": "the number of rows of A_prev",
               "n_x": "n_x", "n_h": "n_h", "n_y": "n_y", "400": "400"}


def factor_hint(finding, factor: Factor):
    """The hint for an output that is `factor` times the expected one on every call."""
    from .hint import Hint
    from .signatures import ratio_text

    m = finding.call.design.m
    name = finding.output
    here = ratio_text(factor.values[0]) if factor.values else ""
    opening = (f"Your {name} is exactly {factor.text} times the expected value on every set of "
               f"inputs the grader tried (m = {m} here, so {here})")
    if factor.text == "-1":
        return Hint(f"Your {name} has the right size but the opposite sign on every set of "
                    "inputs. A gradient-descent step with it would increase J: check where the "
                    "sign is decided.", "S-sign", "deriving-dz2")
    if factor.text == "m":
        return Hint(f"{opening}: it adds up the examples instead of averaging them. J is the "
                    "average loss over the m examples, so 1/m appears once, where dW and db "
                    "are formed.", "S-factor-m", "loss-versus-cost")
    if factor.text == "1/m":
        return Hint(f"{opening}: it divides by m once more than J does. The loss L is per "
                    "example; J is their average, so 1/m appears once, where dW and db are "
                    "formed.", "S-factor-m", "loss-versus-cost")
    if factor.text == "m/(m - 1)":
        return Hint(f"{opening}: it divides by m - 1 where the average over the m examples "
                    "divides by m.", "S-factor", "loss-versus-cost")
    if factor.text.startswith("m/") and factor.size:
        size = _SIZE_WORDS.get(factor.size, factor.size)
        return Hint(f"{opening}: it divides by {size} where m belongs. The examples run along "
                    "axis 1 (the columns) of every array here.", "S-wrong-m", "shapes-table")
    return Hint(f"{opening}. Look for the step where that factor enters.", "S-factor", "")


def proportion(got, want, atol: float):
    """The constant c with got == c * want entry by entry (c != 1), or None."""
    try:
        got = np.asarray(got, dtype=float)
        want = np.asarray(want, dtype=float)
    except (TypeError, ValueError):
        return None
    if got.shape != want.shape or not np.all(np.isfinite(got)) or not np.all(np.isfinite(want)):
        return None
    usable = np.abs(want) > 1e-6
    if not usable.any():
        return None
    c = float(np.median(got[usable] / want[usable]))
    if c == 0 or abs(c - 1) < _RELATIVE:
        return None
    if not np.allclose(got, c * want, rtol=_RELATIVE, atol=atol):
        return None
    return c


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _RELATIVE * max(abs(a), abs(b))


def _expressions(sizes: dict):
    """(text, size name, sizes -> value) for every factor a hint can name."""
    yield "m", "", lambda s: s["m"]
    yield "1/m", "", lambda s: 1 / s["m"]
    yield "-1", "", lambda s: -1
    yield "-m", "", lambda s: -s["m"]
    yield "-1/m", "", lambda s: -1 / s["m"]
    yield "m²", "", lambda s: s["m"] ** 2
    yield "1/m²", "", lambda s: 1 / s["m"] ** 2
    yield "m/(m - 1)", "", lambda s: s["m"] / (s["m"] - 1)
    yield "(m - 1)/m", "", lambda s: (s["m"] - 1) / s["m"]
    yield "1/ln 10", "", lambda s: 1 / math.log(10)
    yield "m/400", "400", lambda s: s["m"] / 400
    for name in sizes:
        if name == "m":
            continue
        yield f"m/{name}", name, lambda s, name=name: s["m"] / s[name]
        yield f"{name}/m", name, lambda s, name=name: s[name] / s["m"]
        yield f"1/{name}", name, lambda s, name=name: 1 / s[name]
        yield name, name, lambda s, name=name: s[name]
        yield f"-{name}", name, lambda s, name=name: -s[name]
    for number in (2, 0.5, -2, -0.5):
        yield f"{number:g}", "", lambda s, number=number: number
