"""The diagnosis pipeline: the failed checks of one exercise, in order, to hints.

`diagnose` runs the steps of STEPS in order and stops at the first that has something to say
(docs/architecture.md, "The order of the diagnosis"): a call that did not finish or parameters
that are not the assignment's, an error inherited from another exercise, a catalogued mistake
reproduced by its mutant, then every mistake of a catalogued combination, the steps of an
inline backward_propagation or of a forward pass followed from the student's own values
(traced.py), an exception, then what each wrong output looks like. Two checks stand
beside that chain because they are root causes of their own: an input changed in place, and
the gradient check of backward_propagation.
"""

from ..student_api import GRADED_BY_NAME, GRADED_NAMES
from .exceptions import describe_operands, line_of, recognise
from .factors import call_sizes, factor_hint, find_factor, proportion
from .hint import Hint
from .matching import find_matching_mistakes, same_value
from .record import Diagnosis
from .repaired import with_repair
from .rendering import (OUTPUT_KINDS, anchor_for_numpy, and_list, catalogue_hint, entry_text,
                        first_output_finding, generic_mistake, operand_shapes, output_label,
                        where_text)
from .signatures import describe_output
from .traced import (composed, forward_steps, inline_backward, quoting_lines, trace_of,
                     with_last_confirmed)

__all__ = ["Hint", "Diagnosis", "diagnose"]


def diagnose(diagnosis: Diagnosis) -> list:
    """The hints for one failed exercise, most important first."""
    hints, spoke = [], ""
    for step in STEPS:
        hints = step(diagnosis)
        if hints:
            spoke = step.__name__
            break
    beside = _mutated(diagnosis)
    if not spoke and beside:  # right values, an input changed: the repair finds the line
        hints, beside, spoke = beside, [], "_mutated"
    hints = with_repair(diagnosis, spoke, hints)
    hints = hints + beside + _gradient_check(diagnosis)
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
                return [catalogue_hint("U8", call)]
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


def _parameters(d: Diagnosis) -> list:
    """A function whose parameters are not the assignment's: another number of them, or the
    same names in another order. The grader passes its arguments by position, in the API's
    order, so nothing inside can be judged until its parameters are the assignment's."""
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
    return [catalogue_hint("U16", d.calls[0], None, detail=detail)]


def _inherited(d: Diagnosis) -> list:
    """backward_propagation wrong only because a component it uses is wrong: point there."""
    if d.exercise != "backward_propagation":
        return []
    for findings in d.findings:
        for finding in findings:
            inner = finding.detail.get("function")
            if finding.kind != "raised" or not d.failed_components or inner == d.exercise:
                continue
            at = where_text(finding.detail)
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
    if d.mutating_components and not d.reproduced_by_components:
        # its own components, called one by one on fresh inputs, cannot reproduce it: the
        # argument one of them changed is what the later steps read
        names = " and ".join(d.mutating_components)
        single = len(d.mutating_components) == 1
        return [Hint(f"Your {names} {'changes' if single else 'change'} an argument in place "
                     f"(see the hint there). backward_propagation passes that array on, so "
                     f"every later step that reads it gets the changed values. Fix {names}, "
                     "and backward_propagation can be checked.", "S-inherited", "")]
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
    """Every catalogued mistake whose mutant reproduces all of this exercise's calls.

    An exception that the student's line itself explains (math.log on an array, a removed
    numpy function, a placeholder None) is left to _raised: another code can raise the very
    same error with the very same words, so a mutant's message proves nothing there."""
    for outcome in d.outcomes:
        if outcome.status == "raised" and recognise(outcome.error, [], [], None, ()):
            return []
    matches = find_matching_mistakes(d.exercise, d.calls, d.outcomes, d.settings)
    hints = []
    for mistake, call in matches:
        hint = catalogue_hint(mistake.id, call, first_output_finding(d, call))
        hints.extend(quoting_lines(d, mistake.id, [hint], call) if len(matches) == 1
                     else [hint])
    if len(hints) > 1:
        ids = ", ".join(mistake.id for mistake, _ in matches)
        hints.append(Hint(f"More than one common mistake ({ids}) fits these results: each hint "
                          "above could be the cause.", "", ""))
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
        moved = {}
        for key, got in cache.items():
            if key in expected and not same_value(got, expected[key], d.settings):
                homes = [other for other in expected
                         if same_value(got, expected[other], d.settings)]
                if not homes:
                    return []
                moved[key] = homes[0]
        # A swap, not a copy: every entry that moved is itself somewhere else (A2 = Z2 is not).
        if moved and set(moved.values()) == set(moved):
            detail = and_list(f"{key} holds {home}" for key, home in moved.items())
            return [catalogue_hint("F17", call, None, detail=detail)]
        if moved:
            return []
    return []


def _raised(d: Diagnosis) -> list:
    """An exception: a half-finished template named, numpy's shape errors explained with the
    student's shapes, anything else quoted with its line."""
    for index, (call, findings) in enumerate(zip(d.calls, d.findings)):
        for finding in findings:
            if finding.kind != "raised":
                continue
            from .numpy_errors import explain_numpy_error

            error = finding.detail
            error_type = error.get("type", "Exception")
            message = error.get("message", "")
            trace = trace_of(d, index)
            raised_on = [c.where for c, o in zip(d.calls, d.outcomes) if o.status == "raised"
                         and o.error.get("lineno") == error.get("lineno")]
            passed_on = [c.where for c, o in zip(d.calls, d.outcomes) if o.status == "returned"]
            recognised = recognise(error, raised_on, passed_on, trace, call.args)
            if recognised:
                mistake_id, detail = recognised
                if mistake_id.startswith("S-"):
                    return [Hint(detail, mistake_id, "rules-for-every-function")]
                return [catalogue_hint(mistake_id, call, None, detail=detail)]
            at = line_of(error)
            at = f" on {at.rstrip(',')}" if at else where_text(error)
            want = call.expected if GRADED_BY_NAME[d.exercise].returns == "array" else None
            output = output_label(call)
            explanation = explain_numpy_error(d.exercise, error_type, message,
                                              operand_shapes(call), getattr(want, "shape", None),
                                              output)
            if explanation:
                return [Hint(f"{d.exercise} stopped with numpy's error{at}. {explanation}",
                             "S-numpy-error", anchor_for_numpy(explanation, d.exercise))]
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
            if finding.kind not in OUTPUT_KINDS or finding.output in seen_outputs:
                continue
            seen_outputs.add(finding.output)
            hint = (generic_mistake(finding) or _named_factor(d, finding)
                    or describe_output(finding, d.settings))
            if hint.mistake == "S-unrecognised":
                hint = with_last_confirmed(d, call, hint)
            if hint.mistake and hint.mistake in (h.mistake for h in hints) \
                    and hint.mistake != "S-unrecognised":
                continue
            hints.append(hint)
    return hints


def _named_factor(d: Diagnosis, finding):
    """A hint for an output that is one named factor times the expected one on every call."""
    if finding.kind != "values":
        return None
    ratios, sizes = [], []
    for call, findings in zip(d.calls, d.findings):
        single = GRADED_BY_NAME[d.exercise].returns in ("array", "float")  # dW1 and dW2 alike
        same = [f for f in findings if f.kind in OUTPUT_KINDS
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


STEPS = (_stopped, _parameters, _inherited, _swapped_cache, _catalogued, composed,
         inline_backward, forward_steps, _raised, _per_output)
"""Order matters: a later step assumes the earlier ones found nothing (docs/architecture.md,
"The order of the diagnosis").
A cache that holds the right arrays under swapped keys is told which before its mutant (F17)
could name it without saying which."""


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
                         "before": entry_text(index, before),
                         "after": entry_text(None, after)}
                return [catalogue_hint("U1", call, None, **extra)]
    return []


def _gradient_check(d: Diagnosis) -> list:
    """backward_propagation: the verdict of the centered-difference check of J."""
    for call, findings in zip(d.calls, d.findings):
        failing = [f for f in findings if f.kind == "grad_check"]
        if not failing:
            continue
        threshold = d.settings.grad_check_max_rel_error
        worst = and_list(f"{f.output} (relative error {f.detail['rel_error']:.1e})"
                     for f in failing)
        agree = [key for key in failing[0].detail["checked"]
                 if key not in {f.output for f in failing}]
        tail = f", while {and_list(agree)} {'agrees' if len(agree) == 1 else 'agree'}" if agree else ""
        unchecked = failing[0].detail.get("unchecked") or {}
        left_out = (f" It could not check {and_list(unchecked)}: "
                    f"{'; '.join(unchecked.values())}." if unchecked else "")
        return [Hint(f"Gradient check: your {worst} disagree{'s' if len(failing) == 1 else ''} "
                     f"with the numerical derivative of J; the threshold is {threshold:.0e}"
                     f"{tail} (inputs with {call.where}).{left_out}", "S-gradient-check",
                     "gradient-check")]
    return []

