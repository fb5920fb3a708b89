"""Mistakes a class shares: a failed function's outcomes, reduced to a group id.

Batch grading gives every student of a class the same inputs (one seed). Two students whose
function returned the same wrong values on every call, or raised the same exception on the
same call, made the same mistake, however they wrote it, catalogued or not. `outcome_group`
turns a failed function's outcomes into a short id that is equal exactly then: values are
compared after rounding to SIGNIFICANT_DIGITS (so that they can be hashed, and another
summation order does not split a group), with their shapes and kinds; an exception by its type
and message. The id depends only on the outcomes, so it is stable for the same seed and can be
compared between a run and a regrade after a catalogue change.
"""

import hashlib
import json
import math

SIGNIFICANT_DIGITS = 6
"""Digits kept before hashing: far coarser than float noise (1e-16), far finer than any
catalogued mistake's difference (the closest is about 1e-2)."""
_ID_LENGTH = 10


def outcome_group(name: str, outcomes) -> str:
    """The group id of function `name` with these outcomes (one sandbox CallOutcome per call):
    equal for two students exactly when every call did the same thing."""
    described = [name, *[_describe_outcome(outcome) for outcome in outcomes]]
    text = json.dumps(described, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:_ID_LENGTH]


def _describe_outcome(outcome):
    if outcome.status == "returned":
        return ["returned", _describe_value(outcome.value)]
    if outcome.status == "raised":
        error = outcome.error or {}
        return ["raised", str(error.get("type")), str(error.get("message"))[:300]]
    return [outcome.status]  # timeout, crashed: what the function did, not what it returned


def _describe_value(value, depth=0):
    """Plain, hashable data for a returned value, numbers rounded."""
    import numpy as np

    if depth > 4:
        return "..."
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            return ["array", value.dtype.kind, list(value.shape),
                    [_rounded(x) for x in value.astype(float).ravel()[:10_000]]]
        return ["array", str(value.dtype), list(value.shape)]
    if isinstance(value, (bool, np.bool_)):
        return ["bool", bool(value)]
    if isinstance(value, (int, float, np.integer, np.floating)):
        return ["number", _rounded(float(value))]
    if isinstance(value, dict):
        return ["dict", [[str(key), _describe_value(item, depth + 1)]
                         for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))]]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_describe_value(item, depth + 1) for item in value]]
    if value is None:
        return ["none"]
    return ["other", type(value).__name__, str(getattr(value, "type_name", ""))]


def _rounded(number: float):
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return float(f"{number:.{SIGNIFICANT_DIGITS}g}") + 0.0  # + 0.0: -0.0 and 0.0 alike


def function_code(cells, name: str, max_lines: int = 12) -> str:
    """The student's own `name` as written (its last definition in `cells`, [(cell, source)]),
    without its docstring, at most `max_lines` lines: what the instructor reads beside a group
    of students who share a mistake. Empty when it cannot be found (a notebook cell that does
    not parse, a function made some other way)."""
    import ast

    from autograder.grading.parsing import walked

    found = ""
    for _, source in cells:
        if name not in source:
            continue
        try:
            nodes = walked(source)  # parsed and walked once per cell text
        except (SyntaxError, ValueError):
            continue
        lines = source.splitlines()
        for node in nodes:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                body = node.body[1:] if (node.body and isinstance(node.body[0], ast.Expr)
                                         and isinstance(node.body[0].value, ast.Constant)
                                         and isinstance(node.body[0].value.value, str)) \
                    else node.body
                if not body:
                    continue
                start, end = body[0].lineno, node.end_lineno or body[-1].lineno
                code = [line for line in lines[start - 1:end] if line.strip()]
                found = "\n".join(code[:max_lines]) + ("\n..." if len(code) > max_lines else "")
    return found
