"""The steps of the diagnosis that read what the student's code computed, line by line.

A failing function is run again under the tracer (judge/tracing.py); these steps compare
its values with the catalogued combinations (composition.py) and, in the grader, with the
right steps computed from the student's own earlier values (answers/flow.py): every mistake of a
combination named at the line that computed it, an inline backward_propagation followed step
by step, a forward pass's first wrong cache entry, and the last line an unrecognised value is
right up to. answers/flow.py holds the reference's step formulas, so it stays out of the student
bundle; there these steps say less, never something else.
"""

from __future__ import annotations

import re

import numpy as np

from .. import slots
from ..wording import at_place, place, sentence_start
from .catalogue import MISTAKES_BY_ID
from .composition import AXES, FORM_PREFIX, find_composed_mistakes, mistake_ids
from .hint import Hint
from .matching import same_value
from .record import Diagnosis
from .rendering import (StepValue, and_list, catalogue_hint, first_output_finding, output_label,
                        part_hint)


def composed(d: Diagnosis) -> list:
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
    ids, call, key = found[0]
    finding = first_output_finding(d, call)
    if len(ids) == 1:
        showing = _call_showing(d, ids[0], call)
        hints = [catalogue_hint(ids[0], showing, first_output_finding(d, showing))]
    else:
        hints = [part_hint(mistake_id, _call_showing(d, mistake_id, call), finding)
                 for mistake_id in ids]
        name = finding.output if finding else output_label(call)
        first = hints[0].text
        first = (f"Your {name} " + first[3:]) if first.startswith("It ") else first
        first = first.replace("The derivative it applies", f"The derivative your {name} applies")
        count = {2: "Two", 3: "Three"}.get(len(ids), str(len(ids)))
        hints[0] = Hint(f"{count} mistakes here, in the order the data flows. {first}",
                        hints[0].mistake, hints[0].anchor)
    # The value's mistakes above, and its type besides: an array where the form itself gives
    # a float (the dot form at n_y = 1, squeezed but never made a float).
    array_cost = next((outcome.value for c, outcome in zip(d.calls, d.outcomes)
                       if d.exercise == "compute_cost" and outcome.status == "returned"
                       and isinstance(outcome.value, np.ndarray)
                       and isinstance(_form_value(c, key), float)), None)
    hints = quoting_lines(d, key, hints, call)
    if array_cost is not None:
        hints.insert(len(ids), part_hint("C7", call, StepValue(array_cost, None), "cost"))
    if len(found) > 1:
        names = " or ".join("+".join(other) for other, _, _ in found)
        hints.append(Hint(f"More than one combination of common mistakes ({names}) fits these "
                          "results: the hints above name the first.", "", ""))
    return hints


_MULTI_OUTPUT = ("B1", "C10", "C11", "C13", "C14")
"""Mistakes that show only when n_y > 1: their sentence is written for such a call."""


def _own_lines(trace):
    """The trace with only the values backward_propagation's own lines computed, each the
    whole of its statement's expression or a name read (a part of a line is not a step): a
    helper's lines are its own function's, graded on their own."""
    from dataclasses import replace

    own = [record for record in trace.records if record.node.line in trace.own_lines]
    spans = {record.node for record in own}
    kept = [record for record in own if record.node.kind == "Name"
            or not any(other != record.node and record.node.within(other) for other in spans)]
    return replace(trace, records=kept)


def _form_value(call, key):
    """What form `key` returns on `call`, or None (it raised, or is not known)."""
    outcome = call.mutant_outcomes.get(FORM_PREFIX + key) if call.mutant_outcomes else None
    return None if outcome is None or outcome.raised else outcome.value


def _call_showing(d: Diagnosis, mistake_id: str, call):
    """The call whose numbers a mistake's sentence should quote."""
    if mistake_id in _MULTI_OUTPUT:
        return next((c for c in d.calls if c.design.n_y > 1), call)
    return call


def quoting_lines(d: Diagnosis, key: str, hints: list, call) -> list:
    """The hints of form `key` (one per mistake, in its order), each opened with the line of
    the student's code where its step's wrong value was computed, when the trace shows it."""
    from .composition import STEPS_PREFIX, axis_of

    ids = mistake_ids(key)
    if d.exercise not in AXES or not call.mutant_outcomes:
        return hints
    steps = call.mutant_outcomes.get(STEPS_PREFIX + key)
    if steps is None or steps.raised or not isinstance(steps.value, dict):
        return hints
    index = next(i for i, c in enumerate(d.calls) if c is call)
    trace = trace_of(d, index)
    if trace is None:
        return hints
    quoted = []
    used = set()
    for position, hint in enumerate(hints):
        mistake_id = ids[position] if position < len(ids) else ""
        value = steps.value.get(axis_of(d.exercise, mistake_id))
        # the function's own line that holds the value (A1 = sigmoid(Z1)) before a helper's
        # (the sigmoid's return): the line the student wrote this step on
        record = (_first_record(trace, value, d.settings, trace.own_lines)
                  or _first_record(trace, value, d.settings))
        code = trace.lines.get(record.node.line, "").strip() if record else ""
        owner = (f"your {d.exercise}" if not trace.own_lines
                 or record is None or record.node.line in trace.own_lines
                 else f"a helper your {d.exercise} calls")
        if not code or record.node.line in used:
            quoted.append(hint)
            continue
        used.add(record.node.line)
        text = hint.text
        lead = ""
        if text.startswith("Two mistakes") or text.startswith("Three mistakes"):
            lead, text = text.split(". ", 1)
            lead += ". "
        where = sentence_start(at_place(trace.cell, record.node.line))
        of_owner = "" if f"defining {d.exercise}" in where and owner.startswith("your") \
            else f" of {owner}"
        quoted.append(Hint(f"{lead}{where}{of_owner}, `{code}`: "
                           f"{text[0].lower()}{text[1:]}", hint.mistake, hint.anchor))
    return quoted


def _first_record(trace, value, settings, lines=None):
    """The first record of `trace` equal to `value` (an array), where it was computed; only
    on `lines` when given."""
    if not isinstance(value, np.ndarray):
        return None
    return next((record for record in trace.records if isinstance(record.value, np.ndarray)
                 and (lines is None or record.node.line in lines)
                 and record.value.shape == value.shape
                 and same_value(record.value, value, settings)), None)


def inline_backward(d: Diagnosis) -> list:
    """backward_propagation written in one piece: its own values followed step by step
    (answers/flow.py), each catalogued mistake named at the line that computed it."""
    if d.exercise != "backward_propagation":
        return []
    if slots.load_flow is None:  # the student bundle: no reference to follow the steps with
        return []
    flow = slots.load_flow()
    traces = d.traces()
    found = {}
    followed = 0
    for call, trace, outcome in zip(d.calls, traces, d.outcomes):
        grads = outcome.value if outcome.status == "returned" else None
        if not isinstance(grads, dict) or trace is None:
            continue  # a call that raised: the values before the raise prove nothing
        followed += 1
        returned = {key: value for key, value in grads.items() if type(value) is np.ndarray}
        for step in flow.follow_backward(call, _own_lines(trace), d.settings, returned):
            found.setdefault(step.name, []).append((step, trace))
    hints = []
    for name, *_ in flow.STEPS:
        steps = found.get(name, [])
        wrong = [(step, trace) for step, trace in steps if step.ids]
        # Named only when every followed call identified the step, and none as another mistake:
        # right on one design is fine (W2.T * dZ2 is right while n_y = 1), a step no
        # combination explains on some design (m = Y.shape[0], 1 only while n_y = 1) is not.
        if (not wrong or len(steps) < followed
                or len({step.ids for step, _ in wrong}) != 1):
            continue
        counts = {}
        for step, _ in wrong:
            counts[step.ids] = counts.get(step.ids, 0) + 1
        ids = max(counts, key=counts.get)
        step, trace = next((s, t) for s, t in wrong if s.ids == ids)
        code = trace.lines.get(step.line, "").strip()
        where = sentence_start(f"in {place(trace.cell, step.line)}" if trace.cell
                               else place(trace.cell, step.line))
        where = (f"{where} of your backward_propagation, `{code}`, computes {name}"
                 if code else f"Your backward_propagation computes {name} on line {step.line}")
        for index, mistake_id in enumerate(ids):
            part = part_hint(mistake_id, step.call, StepValue(step.got, step.call.expected),
                              name).text
            part = part[0].lower() + part[1:]
            text = f"{where}, and {part}" if index == 0 else part[0].upper() + part[1:]
            hints.append(Hint(text, mistake_id, MISTAKES_BY_ID[mistake_id].anchor))
    return hints


def forward_steps(d: Diagnosis) -> list:
    """forward_propagation: the first cache entry that is wrong given the student's own
    previous entry; the entries after it that follow from it correctly get no hint."""
    if d.exercise != "forward_propagation":
        return []
    if slots.load_flow is None:  # the student bundle: no step formulas shipped
        return []
    flow = slots.load_flow()
    for call, outcome in zip(d.calls, d.outcomes):
        if outcome.status != "returned":
            continue
        found = flow.first_wrong_forward_step(call, outcome.value, d.settings)
        if found is None:
            continue
        entry, following = found
        how = {key: how for key, _, how in flow.FORWARD}[entry]
        text = (f"Your {entry} is the first entry of your cache that is not what it should be: "
                f"it should be {how} (inputs with {call.where}).")
        if following:
            verb = "follows" if len(following) == 1 else "follow"
            text += (f" {and_list(following)} {verb} from it correctly, so the step that computes "
                     f"{entry} is the one to look at.")
        return [Hint(text, "S-forward-step", "forward-propagation")]
    return []


def with_last_confirmed(d: Diagnosis, call, hint) -> Hint:
    """An unrecognised value, with the last line whose value the grader could confirm."""
    if slots.load_flow is None:  # the student bundle: no intermediate steps to confirm with
        return hint
    flow = slots.load_flow()
    index = next(i for i, c in enumerate(d.calls) if c is call)
    trace = trace_of(d, index)
    found = flow.last_confirmed(call, trace, d.settings)
    if found is None:
        return hint
    line, what, text = found
    code = trace.lines.get(line, "").strip() if trace else ""
    quoted = f", `{code}`" if code else ""
    after = _first_reader(trace, line, text, code)
    return Hint(f"{hint.text} Up to line {line}{quoted}, where `{text}` is {what}, your values "
                f"are the right ones; the grader could not confirm what comes after it.{after}",
                hint.mistake, hint.anchor)


def _first_reader(trace, line: int, text: str, code: str) -> str:
    """' The first part after it that reads logprobs is `logprobs[0, i]` (line 53).': where
    the confirmed value is first used, in the order the code ran, or '' when the trace does
    not show it. It says where to look, not that the part is wrong."""
    match = re.match(r"\s*([A-Za-z_]\w*)\s*=[^=]", code)
    if trace is None or not match:
        return ""
    name = match.group(1)
    records = trace.records
    start = next((i for i, r in enumerate(records)
                  if r.node.line == line and r.node.text == text), None)
    if start is None:
        return ""
    for record in records[start + 1:]:
        node = record.node
        if node.line > line and node.kind != "Name" \
                and re.search(rf"\b{re.escape(name)}\b", node.text):
            return (f" The first part after it that reads {name} is `{node.text}` "
                    f"(line {node.line}): look there first.")
    return ""


def trace_of(d: Diagnosis, index: int):
    traces = d.traces()
    return traces[index] if index < len(traces) else None
