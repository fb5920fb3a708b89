"""The diagnosis pipeline: the failed checks of one exercise, in order, to hints.

`diagnose` runs the steps of STEPS in order and stops at the first that has something to say;
the order is research/mistakes.md §3: a call that did not finish, an error inherited from
another exercise, a catalogued mistake reproduced by its mutant, an exception, then what each
wrong output looks like. Two checks stand beside that chain because they are root causes of
their own: an input changed in place, and the gradient check of backward_propagation.
"""

from dataclasses import dataclass, field

import numpy as np

from backprop_checks.diagnosis.catalogue import MISTAKES_BY_ID, PARTS
from backprop_checks.diagnosis.composition import AXES, find_composed_mistakes
from backprop_checks.diagnosis.context import hint_context
from backprop_checks.diagnosis.hint import Hint
from backprop_checks.diagnosis.factors import call_sizes, factor_hint, find_factor, proportion
from backprop_checks.diagnosis.exceptions import describe_operands, line_of, recognise
from backprop_checks.diagnosis.matching import find_matching_mistakes, same_value
from backprop_checks.diagnosis.signatures import describe_output
from backprop_checks.student_api import GRADED_BY_NAME, GRADED_NAMES

__all__ = ["Hint", "Diagnosis", "diagnose"]

_OUTPUT_KINDS = ("structure", "missing_keys", "type", "shape", "non_finite", "values")


@dataclass
class Diagnosis:
    """Everything diagnose needs to know about one exercise."""

    exercise: str
    calls: list
    outcomes: list
    findings: list
    """One list of Findings per call."""
    settings: object
    failed_components: list = field(default_factory=list)
    """backward_propagation only: the student's own component functions that failed."""
    reproduced_by_components: bool = False
    """backward_propagation only: its output equals what the student's components give."""
    parameters: list = None
    """The names of the student's function's parameters, in order, or None if unknown."""
    tracer: object = None
    """() -> one protocol.Trace (or None) per call: the function run again, every expression
    recorded. Asked for only when a step needs it, since it costs a second exchange."""
    _traces: list = None

    def traces(self) -> list:
        """The traces of this exercise's calls (None for each where none could be made)."""
        if self._traces is None:
            self._traces = list(self.tracer()) if self.tracer else [None] * len(self.calls)
        return self._traces


def diagnose(diagnosis: Diagnosis) -> list:
    """The hints for one failed exercise, most important first."""
    hints = []
    for step in STEPS:
        hints = step(diagnosis)
        if hints:
            break
    hints = hints + _mutated(diagnosis) + _gradient_check(diagnosis)
    unique = []
    for hint in hints:
        if hint.text not in (seen.text for seen in unique):
            unique.append(hint)
    return unique


# The steps, in order.

def _stopped(d: Diagnosis) -> list:
    """A call that raised NotImplementedError, ran out of time, or took the worker down."""
    for call, findings in zip(d.calls, d.findings):
        for finding in findings:
            inner = finding.detail.get("function")
            if finding.kind == "not_implemented":
                if inner in GRADED_NAMES and inner != d.exercise:
                    return [Hint(f"{d.exercise} calls your {inner}, which is not implemented "
                                 "yet. Once it is, this function can be graded.",
                                 "S-inherited", "")]
                return [_catalogue_hint("U8", call)]
            if finding.kind == "timeout":
                limit = finding.detail.get("limit")
                seconds = finding.detail.get("seconds")
                if limit == "submission":
                    text = (f"{d.exercise} was not run: the whole submission used up its "
                            f"{seconds:g} s. Look for a loop whose condition never becomes false.")
                else:
                    text = (f"{d.exercise} was stopped after {seconds:g} s on inputs with "
                            f"{call.where}; that is the time limit for one call. Look for a "
                            "loop whose condition never becomes false.")
                return [Hint(text, "S-timeout", "")]
            if finding.kind == "crashed":
                return [Hint(f"{d.exercise} did not return: while it ran, "
                             f"{finding.detail.get('detail', 'its process ended')}. Nothing "
                             "could be checked.", "S-crashed", "")]
    return []


def _signature(d: Diagnosis) -> list:
    """A function whose parameters are not the assignment's: another number of them, or the
    same names in another order. The grader passes its arguments by position, in the API's
    order, so nothing inside can be judged until the signature is the assignment's."""
    theirs = d.parameters
    ours = list(GRADED_BY_NAME[d.exercise].parameters)
    if theirs is None or theirs == ours:
        return []
    same_names = sorted(theirs) == sorted(ours)
    if len(theirs) == len(ours) and not same_names:
        return []  # other names for the same arguments are the student's right
    if not any(outcome.status == "raised" for outcome in d.outcomes):
        return []
    detail = (f"Your {d.exercise} takes ({', '.join(theirs)}), but the assignment's is "
              f"{d.exercise}({', '.join(ours)}).")
    return [_catalogue_hint("U16", d.calls[0], None, detail=detail)]


def _inherited(d: Diagnosis) -> list:
    """backward_propagation wrong only because a component it uses is wrong: point there."""
    if d.exercise != "backward_propagation":
        return []
    for findings in d.findings:
        for finding in findings:
            inner = finding.detail.get("function")
            if finding.kind != "raised" or not d.failed_components or inner == d.exercise:
                continue
            at = _where(finding.detail)
            if inner in d.failed_components:
                return [Hint(f"backward_propagation stopped inside your {inner}{at}, which "
                             f"fails on its own: see the hint for {inner}. Once it passes, "
                             "backward_propagation can be checked.", "S-inherited", "")]
            if inner in GRADED_NAMES:
                names = " and ".join(d.failed_components)
                single = len(d.failed_components) == 1
                return [Hint(f"backward_propagation stopped inside your {inner}{at} with "
                             f"{finding.detail.get('type', 'an error')}, on what your {names} "
                             f"returned; {names} {'fails' if single else 'fail'} on "
                             f"{'its' if single else 'their'} own: see the hint there first.",
                             "S-inherited", "")]
    if d.failed_components and d.reproduced_by_components:
        names = " and ".join(d.failed_components)
        verb = "is" if len(d.failed_components) == 1 else "are"
        return [Hint(f"Your backward_propagation's gradients are exactly what your own {names} "
                     f"{'produces' if verb == 'is' else 'produce'} on these inputs, and {names} "
                     f"{verb} wrong on "
                     f"{'its' if verb == 'is' else 'their'} own: "
                     f"see the hint{'s' if verb == 'are' else ''} there. Fix "
                     f"{'it' if verb == 'is' else 'them'}, and backward_propagation follows.",
                     "S-inherited", "")]
    return []


def _catalogued(d: Diagnosis) -> list:
    """Every catalogued mistake whose mutant reproduces all of this exercise's calls."""
    matches = find_matching_mistakes(d.exercise, d.calls, d.outcomes, d.settings)
    hints = []
    for mistake, call in matches:
        hint = _catalogue_hint(mistake.id, call, _first_output_finding(d, call))
        hints.extend(_quoting_lines(d, mistake.id, [hint], call) if len(matches) == 1
                     else [hint])
    if len(hints) > 1:
        ids = ", ".join(mistake.id for mistake, _ in matches)
        hints.append(Hint(f"More than one common mistake ({ids}) fits these results: each hint "
                          "above could be the cause.", "", ""))
    return hints


def _composed(d: Diagnosis) -> list:
    """Every mistake of one catalogued combination that reproduces all the calls (two at once,
    in the order the data flows); a call that raised fits when the traced code computed the
    combination's value before it raised."""
    if d.exercise not in AXES:
        return []
    raised = any(outcome.status == "raised" for outcome in d.outcomes)
    found = find_composed_mistakes(d.exercise, d.calls, d.outcomes, d.settings,
                                   d.traces() if raised else None)
    if not found:
        return []
    ids, call = found[0]
    finding = _first_output_finding(d, call)
    if len(ids) == 1:
        hints = [_catalogue_hint(ids[0], call, finding)]
    else:
        hints = [_part_hint(mistake_id, _call_showing(d, mistake_id, call), finding)
                 for mistake_id in ids]
        name = finding.output if finding else _output_name(call)
        first = hints[0].text
        first = (f"Your {name} " + first[3:]) if first.startswith("It ") else first
        first = first.replace("The derivative it applies", f"The derivative your {name} applies")
        count = {2: "Two", 3: "Three"}.get(len(ids), str(len(ids)))
        hints[0] = Hint(f"{count} mistakes here, in the order the data flows. {first}",
                        hints[0].mistake, hints[0].anchor)
    array_cost = next((outcome.value for outcome in d.outcomes if d.exercise == "compute_cost"
                       and outcome.status == "returned"
                       and isinstance(outcome.value, np.ndarray)), None)
    hints = _quoting_lines(d, "+".join(ids), hints, call)
    if array_cost is not None:  # the value's mistakes above, and its type besides
        hints.insert(len(ids), _part_hint("C7", call, _StepValue(array_cost, None), "cost"))
    if len(found) > 1:
        names = " or ".join("+".join(other) for other, _ in found)
        hints.append(Hint(f"More than one combination of common mistakes ({names}) fits these "
                          "results: the hints above name the first.", "", ""))
    return hints


_MULTI_OUTPUT = ("B1", "C10", "C11", "C13")
"""Mistakes that show only when n_y > 1: their sentence is written for such a call."""


def _call_showing(d: Diagnosis, mistake_id: str, call):
    """The call whose numbers a mistake's sentence should quote."""
    if mistake_id in _MULTI_OUTPUT:
        return next((c for c in d.calls if c.design.n_y > 1), call)
    return call


def _quoting_lines(d: Diagnosis, key: str, hints: list, call) -> list:
    """The hints of form `key` (one per mistake, in its order), each opened with the line of
    the student's code where its step's wrong value was computed, when the trace shows it."""
    from backprop_checks.diagnosis.composition import STEPS_PREFIX, axis_of

    ids = key.split("+")
    if d.exercise not in AXES or not call.mutant_outcomes:
        return hints
    steps = call.mutant_outcomes.get(STEPS_PREFIX + key)
    if steps is None or steps.raised or not isinstance(steps.value, dict):
        return hints
    index = next(i for i, c in enumerate(d.calls) if c is call)
    trace = _trace_of(d, index)
    if trace is None:
        return hints
    quoted = []
    used = set()
    for position, hint in enumerate(hints):
        mistake_id = ids[position] if position < len(ids) else ""
        value = steps.value.get(axis_of(d.exercise, mistake_id))
        record = _first_record(trace, value, d.settings)
        code = trace.lines.get(record.node.line, "").strip() if record else ""
        if not code or record.node.line in used:
            quoted.append(hint)
            continue
        used.add(record.node.line)
        text = hint.text
        lead = ""
        if text.startswith("Two mistakes") or text.startswith("Three mistakes"):
            lead, text = text.split(". ", 1)
            lead += ". "
        place = (f"In {trace.cell.strip('<>')}, line {record.node.line}" if trace.cell
                 else f"On line {record.node.line}")
        quoted.append(Hint(f"{lead}{place} of your {d.exercise}, `{code}`: "
                           f"{text[0].lower()}{text[1:]}", hint.mistake, hint.anchor))
    return quoted


def _first_record(trace, value, settings):
    """The first record of `trace` equal to `value` (an array), where it was computed."""
    if not isinstance(value, np.ndarray):
        return None
    return next((record for record in trace.records if isinstance(record.value, np.ndarray)
                 and record.value.shape == value.shape
                 and same_value(record.value, value, settings)), None)


def _inline_backward(d: Diagnosis) -> list:
    """backward_propagation written in one piece: its own values followed step by step
    (diagnosis/flow.py), each catalogued mistake named at the line that computed it."""
    if d.exercise != "backward_propagation":
        return []
    try:
        from backprop_checks.diagnosis.flow import STEPS as FLOW, follow_backward
    except ImportError:  # the student bundle: no reference to follow the steps with
        return []
    traces = d.traces()
    found = {}
    for call, trace, outcome in zip(d.calls, traces, d.outcomes):
        grads = outcome.value if outcome.status == "returned" else None
        returned = {key: value for key, value in grads.items()
                    if type(value) is np.ndarray} if isinstance(grads, dict) else {}
        for step in follow_backward(call, trace, d.settings, returned):
            found.setdefault(step.name, []).append((step, trace))
    hints = []
    for name, *_ in FLOW:
        wrong = [(step, trace) for step, trace in found.get(name, []) if step.ids]
        if not wrong:
            continue
        counts = {}
        for step, _ in wrong:
            counts[step.ids] = counts.get(step.ids, 0) + 1
        ids = max(counts, key=counts.get)
        step, trace = next((s, t) for s, t in wrong if s.ids == ids)
        code = trace.lines.get(step.line, "").strip()
        place = (f"In {trace.cell.strip('<>')}, line {step.line}" if trace.cell
                 else f"Line {step.line}")
        where = (f"{place} of your backward_propagation, `{code}`, computes {name}"
                 if code else f"Your backward_propagation computes {name} on line {step.line}")
        for index, mistake_id in enumerate(ids):
            part = _part_hint(mistake_id, step.call, _StepValue(step.got, step.call.expected),
                              name).text
            part = part[0].lower() + part[1:]
            text = f"{where}, and {part}" if index == 0 else part[0].upper() + part[1:]
            hints.append(Hint(text, mistake_id, MISTAKES_BY_ID[mistake_id].anchor))
    return hints


def _swapped_cache(d: Diagnosis) -> list:
    """forward_propagation: the right arrays in the cache, under one another's keys."""
    if d.exercise != "forward_propagation":
        return []
    for call, outcome in zip(d.calls, d.outcomes):
        value = outcome.value if outcome.status == "returned" else None
        cache = value[1] if isinstance(value, tuple) and len(value) == 2 else None
        if not isinstance(cache, dict):
            return []
        expected = call.expected[1]
        moved = []
        for key, got in cache.items():
            if key in expected and not same_value(got, expected[key], d.settings):
                homes = [other for other in expected
                         if same_value(got, expected[other], d.settings)]
                if not homes:
                    return []
                moved.append(f"{key} holds {homes[0]}")
        if moved:
            return [_catalogue_hint("F17", call, None, detail=_and(moved))]
    return []


def _forward_steps(d: Diagnosis) -> list:
    """forward_propagation: the first cache entry that is wrong given the student's own
    previous entry; the entries after it that follow from it correctly get no hint."""
    if d.exercise != "forward_propagation":
        return []
    try:
        from backprop_checks.diagnosis.flow import FORWARD, first_wrong_forward_step
    except ImportError:  # the student bundle: no step formulas shipped
        return []
    for call, outcome in zip(d.calls, d.outcomes):
        if outcome.status != "returned":
            continue
        found = first_wrong_forward_step(call, outcome.value, d.settings)
        if found is None:
            continue
        entry, following = found
        how = {key: how for key, _, how in FORWARD}[entry]
        text = (f"Your {entry} is the first entry of your cache that is not what it should be: "
                f"it should be {how} (inputs with {call.where}).")
        if following:
            verb = "follows" if len(following) == 1 else "follow"
            text += (f" {_and(following)} {verb} from it correctly, so the step that computes "
                     f"{entry} is the one to look at.")
        return [Hint(text, "S-forward-step", "forward-propagation")]
    return []


def _raised(d: Diagnosis) -> list:
    """An exception: a half-finished template named, numpy's shape errors explained with the
    student's shapes, anything else quoted with its line."""
    for index, (call, findings) in enumerate(zip(d.calls, d.findings)):
        for finding in findings:
            if finding.kind != "raised":
                continue
            from backprop_checks.diagnosis.numpy_errors import explain_numpy_error

            error = finding.detail
            error_type = error.get("type", "Exception")
            message = error.get("message", "")
            trace = _trace_of(d, index)
            raised_on = [c.where for c, o in zip(d.calls, d.outcomes) if o.status == "raised"
                         and o.error.get("lineno") == error.get("lineno")]
            passed_on = [c.where for c, o in zip(d.calls, d.outcomes) if o.status == "returned"]
            recognised = recognise(error, raised_on, passed_on, trace, call.args)
            if recognised:
                mistake_id, detail = recognised
                if mistake_id.startswith("S-"):
                    return [Hint(detail, mistake_id, "rules-for-every-function")]
                return [_catalogue_hint(mistake_id, call, None, detail=detail)]
            at = line_of(error)
            at = f" on {at.rstrip(',')}" if at else _where(error)
            want = call.expected if GRADED_BY_NAME[d.exercise].returns == "array" else None
            output = _output_name(call)
            explanation = explain_numpy_error(d.exercise, error_type, message,
                                              _operand_shapes(call), getattr(want, "shape", None),
                                              output)
            if explanation:
                return [Hint(f"{d.exercise} stopped with numpy's error{at}. {explanation}",
                             "S-numpy-error", _anchor_for_numpy(explanation, d.exercise))]
            operands = describe_operands(trace)
            return [Hint(f"{d.exercise} stopped with {error_type}{at}: {message[:300]} "
                         f"(inputs with {call.where}).{operands}", "S-raised", "")]
    return []


def _per_output(d: Diagnosis) -> list:
    """One hint for each distinct problem among the outputs, first design first."""
    hints = []
    seen_outputs = set()
    for call, findings in zip(d.calls, d.findings):
        for finding in findings:
            if finding.kind not in _OUTPUT_KINDS or finding.output in seen_outputs:
                continue
            seen_outputs.add(finding.output)
            hint = (_generic_mistake(finding) or _named_factor(d, finding)
                    or describe_output(finding, d.settings))
            if hint.mistake == "S-unrecognised":
                hint = _with_last_confirmed(d, call, hint)
            if hint.mistake and hint.mistake in (h.mistake for h in hints) \
                    and hint.mistake != "S-unrecognised":
                continue
            hints.append(hint)
    return hints


def _with_last_confirmed(d: Diagnosis, call, hint) -> Hint:
    """An unrecognised value, with the last line whose value the grader could confirm."""
    try:
        from backprop_checks.diagnosis.flow import last_confirmed
    except ImportError:  # the student bundle: no intermediate steps to confirm with
        return hint
    index = next(i for i, c in enumerate(d.calls) if c is call)
    trace = _trace_of(d, index)
    found = last_confirmed(call, trace, d.settings)
    if found is None:
        return hint
    line, what, text = found
    code = trace.lines.get(line, "").strip() if trace else ""
    quoted = f", `{code}`" if code else ""
    return Hint(f"{hint.text} Up to line {line}{quoted}, where `{text}` is {what}, your values "
                "are the right ones; the grader could not confirm what comes after it.",
                hint.mistake, hint.anchor)


def _named_factor(d: Diagnosis, finding):
    """A hint for an output that is one named factor times the expected one on every call."""
    if finding.kind != "values":
        return None
    ratios, sizes = [], []
    for call, findings in zip(d.calls, d.findings):
        single = GRADED_BY_NAME[d.exercise].returns in ("array", "float")  # dW1 and dW2 alike
        same = [f for f in findings if f.kind in _OUTPUT_KINDS
                and (single or f.output == finding.output)]
        if any(f.kind != "values" for f in same):
            return None
        ratios.append(proportion(same[0].got, same[0].want, d.settings.value_atol)
                      if same else 1.0)
        sizes.append(call_sizes(call))
    factor = find_factor(ratios, sizes)
    if factor is None:
        return None
    return factor_hint(finding, factor)


STEPS = (_stopped, _signature, _inherited, _catalogued, _composed, _inline_backward, _swapped_cache,
         _forward_steps, _raised, _per_output)
"""Order matters: a later step assumes the earlier ones found nothing (research/mistakes.md §3)."""


# Root causes of their own, reported beside the chain.

def _mutated(d: Diagnosis) -> list:
    """An argument changed in place: wrong even when the returned values are right."""
    for call, findings in zip(d.calls, d.findings):
        for finding in findings:
            if finding.kind == "mutated":
                detail = finding.detail
                index = detail.get("index")
                before = detail.get("before")
                after = detail.get("after")
                extra = {"argument": detail.get("argument", "an argument"),
                         "before": _entry_text(index, before),
                         "after": _entry_text(None, after)}
                return [_catalogue_hint("U1", call, None, **extra)]
    return []


def _gradient_check(d: Diagnosis) -> list:
    """backward_propagation: the verdict of the centered-difference check of J."""
    for call, findings in zip(d.calls, d.findings):
        failing = [f for f in findings if f.kind == "grad_check"]
        if not failing:
            continue
        threshold = d.settings.grad_check_max_rel_error
        worst = _and(f"{f.output} (relative error {f.detail['rel_error']:.1e})"
                     for f in failing)
        agree = [key for key in failing[0].detail["checked"]
                 if key not in {f.output for f in failing}]
        tail = f", while {_and(agree)} {'agrees' if len(agree) == 1 else 'agree'}" if agree else ""
        return [Hint(f"Gradient check: your {worst} disagree{'s' if len(failing) == 1 else ''} "
                     f"with the numerical derivative of J; the threshold is {threshold:.0e}"
                     f"{tail} (inputs with {call.where}).", "S-gradient-check", "gradient-check")]
    return []


# Helpers.

def _catalogue_hint(mistake_id, call, finding=None, **extra) -> Hint:
    """Render a catalogue entry's template with the numbers of `call` and `finding`."""
    from backprop_checks.diagnosis.signatures import constant_ratio, ratio_text

    mistake = MISTAKES_BY_ID[mistake_id]
    got = finding.got if finding else None
    want = finding.want if finding else None
    name = finding.output if finding else ""
    ratio = ""
    if finding is not None and finding.kind == "values":
        c = constant_ratio(got, want, _Tolerance)
        ratio = ratio_text(c) if c else ""
    context = hint_context(call, name or _output_name(call), got, want, ratio)
    context.update(extra)
    return Hint(mistake.hint.format(**context), mistake.id, mistake.anchor)


class _Tolerance:
    value_atol = 1e-8


def _part_hint(mistake_id, call, finding, name="") -> Hint:
    """One sentence for one of several mistakes in a function (catalogue.PARTS)."""
    mistake = MISTAKES_BY_ID[mistake_id]
    got = finding.got if finding else None
    want = finding.want if finding else None
    name = name or (finding.output if finding and finding.output else _output_name(call))
    context = hint_context(call, name, got, want)
    return Hint(PARTS[mistake_id].format(**context), mistake.id, mistake.anchor)


@dataclass(frozen=True)
class _StepValue:
    """A step's value and the right one, where a hint template wants a finding's."""

    got: object
    want: object
    output: str = ""


def _trace_of(d: Diagnosis, index: int):
    traces = d.traces()
    return traces[index] if index < len(traces) else None


def _generic_mistake(finding):
    """The '*' catalogue entries recognised from the finding itself: None or a list returned."""
    if finding.kind not in ("type", "structure"):
        return None
    if finding.got is None:
        return _catalogue_hint("U9", finding.call, finding)
    if isinstance(finding.got, list) and finding.kind == "type":
        return _catalogue_hint("U10", finding.call, finding)
    return None


def _first_output_finding(d: Diagnosis, call):
    for candidate, findings in zip(d.calls, d.findings):
        if candidate is call:
            for finding in findings:
                if finding.kind in _OUTPUT_KINDS:
                    return finding
    return None


def _output_name(call) -> str:
    from backprop_checks.checks import output_name

    returns = GRADED_BY_NAME[call.exercise].returns
    if returns == "array":
        return output_name(call.exercise, call.label)
    return {"float": "cost", "forward": "A2", "grads": "grads"}[returns]


def _operand_shapes(call) -> dict:
    """Name -> shape of everything the function had to work with, dict entries included."""
    shapes = {}
    for name, value in zip(GRADED_BY_NAME[call.exercise].parameters, call.args):
        if isinstance(value, dict):
            for key, item in value.items():
                shapes[key] = tuple(item.shape)
        else:
            shapes[name] = tuple(value.shape)
    return shapes


def _anchor_for_numpy(explanation: str, exercise: str) -> str:
    if "element" in explanation.lower():
        return "element-wise-or-matrix"
    if exercise in ("compute_dZ1", "compute_dW"):
        return "why-transposes"
    return "shapes-table"


def _entry_text(index, value) -> str:
    if value is None:
        return "its contents"
    text = f"{value:.2g}" if isinstance(value, float) else str(value)
    return f"entry {list(index)} {text}" if index else text


def _and(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _where(error: dict) -> str:
    """' on line 7', ' in cell 12, line 3' or '' for an error's place in the submission."""
    line = error.get("lineno")
    if not line:
        return ""
    cell = (error.get("cell") or "").strip("<>")
    return f" in {cell}, line {line}" if cell else f" on line {line}"
