"""From a function's outcomes on its calls to its verdict: checks, gradient check, hints.

The same code judges a submission graded through the sandbox (grading/grader.py) and a student's
function checked in their own kernel from stored fixtures (the notebook's visible checks), so
both give the same verdict and the same hints. Nothing here runs student code or the reference.
"""

import traceback
from dataclasses import dataclass

import numpy as np

from . import slots
from .checks import check_call
from .checks.findings import Finding
from .checks.gradients import relative_error
from .results import ExerciseResult
from .student_api import GRAD_KEYS

COMPONENTS = ("compute_dZ2", "compute_dZ1", "compute_dW", "compute_db")
"""The functions backward_propagation is built from."""
GRADER_PROBLEM = ("The grader had a problem while explaining this result; this is not a problem "
                  "with your code. Your instructor has the details.")


@dataclass
class Components:
    """How to learn, for backward_propagation, which components fail and what they give."""

    failed: object
    """() -> names of the student's component functions that fail their own checks."""
    compose: object
    """(call) -> the gradients the student's own components give on the call's inputs, or None."""
    mutating: object = None
    """() -> names of the failed components that change an argument in place (U1): what they
    are given, backward_propagation passes on to the steps after them."""


def judge(name, calls, outcomes, settings, points, components=None, grader_errors=None,
          tracer=None, parameters=None, with_lines=False, repairer=None):
    """The ExerciseResult of one graded function from its outcomes on every call.

    tracer: () -> one Trace (or None) per call, the function run again with its expressions
    recorded; asked for only if the diagnosis needs it. parameters: the names of the
    function's parameters as the student wrote them, or None. with_lines: keep the lines that
    went wrong (classroom/wrong_lines.py), for the instructor's class report: the grader asks
    for them, the notebook's checks, which have no class report, do not. repairer: () -> a
    repair.search.Search, the fewest edits that make the function pass (None: no search).
    """
    findings = [check_call(call, outcome, settings) for call, outcome in zip(calls, outcomes)]
    if name == "backward_propagation":
        for call, outcome, call_findings in zip(calls, outcomes, findings):
            call_findings.extend(gradient_findings(call, outcome, settings))
    if not any(findings):
        return ExerciseResult(name, True, points, points)
    # The diagnosis, its catalogue and the repair search are loaded only when a function fails:
    # a right submission never pays for them.
    from .diagnosis import Diagnosis, Hint, diagnose

    diagnosis = Diagnosis(name, calls, outcomes, findings, settings, tracer=tracer,
                          parameters=parameters, repairer=repairer)
    try:
        if components is not None:
            _trace_components(diagnosis, components, settings)
        hints = diagnose(diagnosis)
    except Exception:  # a bug of ours: the student gets one plain sentence, no traceback
        if grader_errors is not None:
            grader_errors.append(f"{name}:\n{traceback.format_exc()}")
        hints = [Hint(GRADER_PROBLEM)]
    if diagnosis.repair_error and grader_errors is not None:
        grader_errors.append(f"{name} (repair search):\n{diagnosis.repair_error}")
    mistakes = []
    for hint in hints:  # each mistake once, in the order the hints name it
        if hint.mistake and hint.mistake not in mistakes:
            mistakes.append(hint.mistake)
    lines = []
    try:
        if with_lines and slots.wrong_lines is not None:  # the grader's: not shipped
            lines = slots.wrong_lines(diagnosis)
    except Exception:  # a bug of ours: the verdict and its hints stand without the lines
        if grader_errors is not None:
            grader_errors.append(f"{name} (wrong lines):\n{traceback.format_exc()}")
    search = diagnosis.fetched_search()
    return ExerciseResult(name, False, 0, points, [hint.render() for hint in hints], mistakes,
                          lines=lines, more=[hint.render(2) for hint in hints],
                          fixes=[hint.render(3) for hint in hints],
                          repair=_repair_summary(search))


def _repair_summary(search) -> dict:
    """What the repair search found, as plain data for reports and for checking it again:
    each edit, and each edited function's whole source as it passed. {} when it did not run."""
    if search is None:
        return {}
    summary = {"edits": []}  # no time or count: a report is the same for the same seed
    repair = search.repair
    if repair is not None:
        summary["agreed"] = repair.agreed
        summary["functions"] = [
            {"function": name, "cell": function.cell, "first_line": function.node.lineno,
             "last_line": function.node.end_lineno,
             "source": function.source_with([e for e in repair.edits if e.function == name])}
            for name, function in repair.functions.items()
            if any(e.function == name for e in repair.edits)]
        for edit in repair.edits:
            function = repair.functions[edit.function]
            summary["edits"].append({"kind": edit.kind, "function": edit.function,
                                     "cell": function.cell, "line": edit.span[0],
                                     "code": function.line(edit.span[0]),
                                     "before": edit.before, "after": edit.after,
                                     "fixed": function.statement_with(
                                         [e for e in repair.edits
                                          if e.function == edit.function], edit.span[0])})
    return summary


def gradient_findings(call, outcome, settings) -> list:
    """'grad_check' Findings: gradients that disagree with the numerical derivative of J."""
    grads = outcome.value if outcome.status == "returned" else None
    if not isinstance(grads, dict):
        return []
    parameters = call.args[0]
    numeric = call.numeric_gradient
    findings = []
    checked = []
    unchecked = {}
    """Key -> why it could not be checked (the hint says so, as the notebook's cell does)."""
    for key in GRAD_KEYS:
        got = grads.get(key)
        want_shape = parameters[key[1:]].shape
        if type(got) is not np.ndarray or got.dtype.kind != "f" or got.shape != want_shape:
            unchecked[key] = _why_unchecked(got, key, want_shape)
            continue
        if numeric is None:
            numeric = numerical_gradient(call, settings)
        error = relative_error(got, numeric[key])
        checked.append(key)
        if not error <= settings.grad_check_max_rel_error:
            findings.append(Finding("grad_check", call, key, got, numeric[key],
                                    {"rel_error": error, "checked": checked,
                                     "unchecked": unchecked}))
    for finding in findings:
        finding.detail["unchecked"] = unchecked
    return findings


def _why_unchecked(got, key, want_shape) -> str:
    """'db1 has shape (4,), not b1's (4, 1)': why a gradient was left out of the check."""
    if got is None:
        return f"there is no {key}"
    if type(got) is not np.ndarray:
        return f"{key} is a {type(got).__name__}, not a numpy array"
    if got.shape != want_shape:
        return f"{key} has shape {got.shape}, not {key[1:]}'s {want_shape}"
    return f"{key} holds {got.dtype} values, not floats"


_NUMERICAL_GRADIENTS = {}
"""(id of a Call, epsilon) -> (the Call, its numerical gradient): calls are shared by a class
graded at one seed (cases.make_calls), so each gradient is computed once, not per student."""


def numerical_gradient(call, settings):
    """The numerical gradient a backward_propagation call is checked against, computed from
    the reference once per call, in the grader only (the bundle stores it instead)."""
    if slots.numerical_gradient is None:
        raise RuntimeError("no numerical gradient: the grader fills judge/slots.py")
    key = (id(call), settings.grad_check_epsilon)
    cached = _NUMERICAL_GRADIENTS.get(key)
    if cached is None or cached[0] is not call:
        parameters, _, X, Y = call.args
        if len(_NUMERICAL_GRADIENTS) > 256:
            _NUMERICAL_GRADIENTS.clear()
        cached = _NUMERICAL_GRADIENTS[key] = (
            call, slots.numerical_gradient(parameters, X, Y, settings.grad_check_epsilon))
    return cached[1]


def _trace_components(diagnosis, components: Components, settings) -> None:
    """Does backward_propagation fail only because a component it uses fails?"""
    from .diagnosis.matching import same_value

    failed = list(components.failed())
    diagnosis.failed_components = failed
    if not failed:
        return
    if components.mutating is not None:
        diagnosis.mutating_components = [n for n in components.mutating() if n in failed]
    for call, outcome in zip(diagnosis.calls, diagnosis.outcomes):
        composed = components.compose(call)
        if (composed is None or outcome.status != "returned"
                or not same_value(outcome.value, composed, settings)):
            return
    diagnosis.reproduced_by_components = True
