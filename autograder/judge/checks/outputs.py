"""Split what a graded function returned into named outputs, by the API's return contract.

Each contract names its outputs the way the course does (dZ1, dW2, cache["A1"], ...), so that
every later message can say "your dW2" rather than "the output".
"""

from ..student_api import CACHE_KEYS, GRAD_KEYS, GRADED_BY_NAME
from .findings import Finding

_ARRAY_OUTPUT_NAMES = {"compute_dZ2": "dZ2", "compute_dZ1": "dZ1"}


def output_name(exercise: str, label: str) -> str:
    """The name of a single-array output: dZ1, or dW1/dW2 and db1/db2 by layer."""
    if exercise in _ARRAY_OUTPUT_NAMES:
        return _ARRAY_OUTPUT_NAMES[exercise]
    stem = {"compute_dW": "dW", "compute_db": "db"}[exercise]
    return stem + label.rsplit(" ", 1)[-1]


def split_outputs(call, value, want) -> tuple:
    """(list of (name, got, want), list of structural Findings) for one returned value."""
    contract = GRADED_BY_NAME[call.exercise].returns
    if contract == "array":
        return [(output_name(call.exercise, call.label), value, want)], []
    if contract == "float":
        return [("cost", value, want)], []
    if contract == "forward":
        return _split_forward(call, value, want)
    return _split_mapping(call, value, want, GRAD_KEYS, "grads", "")


def _split_forward(call, value, want):
    want_A2, want_cache = want
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return [], [Finding("structure", call, "", value, want,
                            {"expected": "a tuple (A2, cache)"})]
    got_A2, got_cache = value
    outputs, findings = _split_mapping(call, got_cache, want_cache, CACHE_KEYS, "cache", "cache")
    return [("A2", got_A2, want_A2)] + outputs, findings


def _split_mapping(call, value, want, keys, what, prefix):
    if not isinstance(value, dict):
        return [], [Finding("structure", call, prefix, value, want,
                            {"expected": f"a dict ({what}) with keys " + ", ".join(keys)})]
    missing = [key for key in keys if key not in value]
    findings = []
    if missing:
        findings.append(Finding("missing_keys", call, prefix, sorted(value), list(keys),
                                {"missing": missing, "what": what}))
    outputs = [(f'{prefix}["{key}"]' if prefix else key, value[key], want[key])
               for key in keys if key in value]
    return outputs, findings
