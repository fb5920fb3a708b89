"""Which lines of a failed function went wrong, as data for the instructor's class report.

The class report shows one student's code beside a mistake several students share; the lines
that raised or computed the wrong result say where to look in it ("line 3: cost =
-np.sum(logprobs)"). Only what the diagnosis already has is read: the exception a call raised
comes with its line, and the traces (judge/tracing.py) only if a step of the diagnosis
fetched them. They cost a second exchange with the worker, which this does not ask for: a
function whose wrong values no step traced gets no lines, and the report shows its body.

A line here is where the wrong value was computed, not which step holds the mistake: a hint
says that, when the grader knows it.
"""

import numpy as np

from autograder.judge.diagnosis.matching import same_value

MOST_LINES = 3
"""Lines kept per function: the first wrong values in the order they were computed; the ones
after them usually follow from them."""
_VALUE_KINDS = ("values", "shape", "type", "non_finite")
"""Findings whose `got` is a value the function computed."""


def wrong_lines(d) -> list:
    """[{"cell": "cell In [7]" or "", "line": its number in the file or cell, "code": the line
    as written, "what": "raises KeyError" or "computes dW1"}] for Diagnosis `d`: the lines a
    verified repair changes, the line the first call that raised stopped on, then the lines of
    the function's own code that first computed each wrong output of the first traced call
    that returned one."""
    found = _repaired_lines(d)
    raised = next((o.error or {} for o in d.outcomes if o.status == "raised"), None)
    if raised and raised.get("lineno"):
        what = f"raises {raised.get('type', 'an error')}"
        if raised.get("function") and raised["function"] != d.exercise:
            what += f" in {raised['function']}"
        found.append(_line(raised.get("cell"), raised["lineno"], raised.get("code", ""), what))
    for call_findings, trace in zip(d.findings, d.fetched_traces() or []):
        wrong = [f for f in call_findings if f.kind in _VALUE_KINDS]
        if trace is None or not wrong:
            continue
        computed = []
        for finding in wrong:
            position = _computed_at(trace, finding.got, d.settings)
            if position is not None:
                computed.append((position, finding.output))
        for position, output in sorted(computed):
            line = trace.records[position].node.line
            found.append(_line(trace.cell, line, trace.lines.get(line, ""),
                               f"computes {output}" if output else "computes the result"))
        break
    unique = []
    for entry in found:
        if (entry["cell"], entry["line"]) not in ((e["cell"], e["line"]) for e in unique):
            unique.append(entry)
    return unique[:MOST_LINES]


def _repaired_lines(d) -> list:
    """The lines a verified repair changes, first: where the values first go wrong, which is
    not always where the wrong value is computed (Y and 1 - Y swapped on the line of the losses
    shows only on the line that sums them). Only for a repair that every repair as small
    agrees with (judge/repair/search.py Repair.agreed)."""
    search = d.fetched_search()
    repair = search.repair if search is not None else None
    if repair is None or not repair.agreed:
        return []
    lines = []
    for edit in sorted(repair.edits, key=lambda e: e.span):
        function = repair.functions[edit.function]
        cell = function.cell if function.cell != "<submission>" else ""  # a report's form
        what = "is where the repair changes it" if edit.function == d.exercise else \
            f"is where the repair changes its helper {edit.function}"
        lines.append(_line(cell, edit.span[0], function.line(edit.span[0]), what))
    return lines


def _line(cell, line, code, what) -> dict:
    return {"cell": (cell or "").strip("<>"), "line": int(line), "code": (code or "").strip(),
            "what": what}


def _computed_at(trace, value, settings):
    """The index of the first record of the function's own lines that computed `value` (an
    array or a number), or None. A name read inside a larger expression computes nothing:
    `m = A2.shape[1]` reads A2 before `dZ2 = A2` returns it, and only the second, where the
    name is the whole expression, is where the result comes from. A helper's lines are left
    out, since a notebook's helper may sit in another cell; the own line that calls it holds
    its value too."""
    if isinstance(value, np.ndarray):
        def equal(other):
            return (type(other) is np.ndarray and other.shape == value.shape
                    and same_value(other, value, settings))
    elif isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        def equal(other):
            return isinstance(other, float) and same_value(float(other), float(value), settings)
    else:
        return None
    nodes = {record.node for record in trace.records}

    def a_part(node):
        return node.kind == "Name" and any(other != node and node.within(other)
                                           for other in nodes)

    return next((index for index, record in enumerate(trace.records)
                 if record.node.line in trace.own_lines and equal(record.value)
                 and not a_part(record.node)), None)
