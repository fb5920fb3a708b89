"""Check one call of a graded function: what it returned, against the reference's answer.

A check is a pure function of a cases.Call and the sandbox's CallOutcome, so the same checks
can run on live cases (the grader) or on stored ones.
"""

from .findings import Finding
from .outputs import output_name, split_outputs
from .values import expect_output, expect_unchanged, is_close

__all__ = ["Finding", "check_call", "output_name", "is_close"]


def check_call(call, outcome, settings) -> list:
    """Every failed check of one call, in the order they should be explained."""
    if outcome.status == "raised":
        kind = "not_implemented" if outcome.error.get("type") == "NotImplementedError" \
            else "raised"
        return [Finding(kind, call, detail=dict(outcome.error))]
    if outcome.status in ("timeout", "crashed"):
        return [Finding(outcome.status, call, detail=dict(outcome.error))]
    outputs, findings = split_outputs(call, outcome.value, call.expected)
    for name, got, want in outputs:
        findings.extend(expect_output(call, name, got, want, settings))
    findings.extend(expect_unchanged(call, outcome.args_after))
    return findings
