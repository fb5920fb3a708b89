"""Hints rendered from the catalogue's templates with one call's numbers, and the small
helpers every step uses to word them (names of outputs, shapes, places in the code)."""

from __future__ import annotations

from dataclasses import dataclass

from ..student_api import GRADED_BY_NAME
from ..wording import at_place
from .catalogue import MISTAKES_BY_ID, PARTS
from .context import hint_context
from .hint import Hint
from .record import Diagnosis

OUTPUT_KINDS = ("structure", "missing_keys", "type", "shape", "non_finite", "values")
"""The kinds of finding that describe a returned output (not an exception or a time-out)."""


def catalogue_hint(mistake_id, call, finding=None, **extra) -> Hint:
    """Render a catalogue entry's template with the numbers of `call` and `finding`."""
    from .signatures import constant_ratio, ratio_text

    mistake = MISTAKES_BY_ID[mistake_id]
    got = finding.got if finding else None
    want = finding.want if finding else None
    name = finding.output if finding else ""
    ratio = ""
    if finding is not None and finding.kind == "values":
        c = constant_ratio(got, want, _Tolerance)
        ratio = ratio_text(c) if c else ""
    context = hint_context(call, name or output_label(call), got, want, ratio)
    context.update(extra)
    return Hint(mistake.hint.format(**context), mistake.id, mistake.anchor)


class _Tolerance:
    value_atol = 1e-8


def part_hint(mistake_id, call, finding, name="") -> Hint:
    """One sentence for one of several mistakes in a function (catalogue.PARTS)."""
    mistake = MISTAKES_BY_ID[mistake_id]
    got = finding.got if finding else None
    want = finding.want if finding else None
    name = name or (finding.output if finding and finding.output else output_label(call))
    context = hint_context(call, name, got, want)
    return Hint(PARTS[mistake_id].format(**context), mistake.id, mistake.anchor)


@dataclass(frozen=True)
class StepValue:
    """A step's value and the right one, where a hint template wants a finding's."""

    got: object
    want: object
    output: str = ""


def generic_mistake(finding):
    """The '*' catalogue entries recognised from the finding itself: None or a list returned."""
    if finding.kind not in ("type", "structure"):
        return None
    if finding.got is None:
        return catalogue_hint("U9", finding.call, finding)
    if isinstance(finding.got, list) and finding.kind == "type":
        return catalogue_hint("U10", finding.call, finding)
    return None


def output_label(call) -> str:
    from ..checks import output_name

    returns = GRADED_BY_NAME[call.exercise].returns
    if returns == "array":
        return output_name(call.exercise, call.label)
    return {"float": "cost", "forward": "A2", "grads": "grads"}[returns]


def operand_shapes(call) -> dict:
    """Name -> shape of everything the function had to work with, dict entries included."""
    shapes = {}
    for name, value in zip(GRADED_BY_NAME[call.exercise].parameters, call.args):
        if isinstance(value, dict):
            for key, item in value.items():
                shapes[key] = tuple(item.shape)
        else:
            shapes[name] = tuple(value.shape)
    return shapes


def anchor_for_numpy(explanation: str, exercise: str) -> str:
    if "element" in explanation.lower():
        return "element-wise-or-matrix"
    if exercise in ("compute_dZ1", "compute_dW"):
        return "why-transposes"
    return "shapes-table"


def entry_text(index, value) -> str:
    if value is None:
        return "its contents"
    text = f"{value:.2g}" if isinstance(value, float) else str(value)
    return f"entry {list(index)} {text}" if index else text


def and_list(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def where_text(error: dict) -> str:
    """' on line 7', ' in cell 12, line 3' or '' for an error's place in the submission."""
    line = error.get("lineno")
    if not line:
        return ""
    return f" {at_place(error.get('cell'), line)}"

def first_output_finding(d: Diagnosis, call):
    for candidate, findings in zip(d.calls, d.findings):
        if candidate is call:
            for finding in findings:
                if finding.kind in OUTPUT_KINDS:
                    return finding
    return None
