"""What the class summary, the class report and its sections call each mistake.

A leaf that all three read: the kit's catalogue titles its own ids, SIGNATURE_TITLES the
generic patterns (S-...), and a course catalogue its ids through the titles batch recorded.
"""

from autograder.judge.diagnosis.catalogue import MISTAKES_BY_ID

SIGNATURE_TITLES = {
    "S-inherited": "wrong only because a component it uses is wrong",
    "S-gradient-check": "gradient check failed",
    "S-numpy-error": "numpy shape error",
    "S-missing-module": "imports a module that is not available",
    "S-recursion": "calls itself without end",
    "S-hard-coded-size": "a size written into the code",
    "S-forward-step": "a forward step computed wrongly",
    "S-raised": "stopped with an error",
    "S-timeout": "ran past the time limit",
    "S-crashed": "its process ended",
    "S-missing": "function missing or misnamed",
    "S-transposed": "result transposed",
    "S-rank-one": "rank-one array instead of a column",
    "S-wrong-axis": "summed over the wrong axis",
    "S-sum-all": "summed over everything",
    "S-not-reduced": "not summed over the examples",
    "S-factor-m": "off by a factor m",
    "S-factor": "off by a constant factor",
    "S-wrong-m": "m from the wrong axis",
    "S-sign": "wrong sign",
    "S-scaled": "off by a constant factor",  # older reports' name for S-factor
    "S-type": "wrong type returned",
    "S-not-a-float": "cost not a float",
    "S-structure": "wrong structure returned",
    "S-missing-keys": "dict keys missing",
    "S-non-finite": "NaN or inf",
    "S-shape": "wrong shape",
    "S-unrecognised": "wrong values, no known pattern",
}
"""Signatures that are not root causes of their own are left out of the mistakes chart."""
NOT_ROOT_CAUSES = ("S-inherited", "S-gradient-check")


def is_signature(mistake_id: str) -> bool:
    """True for a generic pattern (S-transposed); any other id names a mistake some catalogue
    knows: the kit's (B19) or a course's (ML101-3)."""
    return mistake_id.startswith("S-")


def mistake_title(mistake_id: str, titles: dict = None) -> str:
    """'B19: db summed without keepdims': the kit's catalogue, its signatures, then `titles`
    (a course catalogue's) for the ids the kit does not know."""
    if mistake_id in MISTAKES_BY_ID:
        return f"{mistake_id}: {MISTAKES_BY_ID[mistake_id].title}"
    title = SIGNATURE_TITLES.get(mistake_id) or (titles or {}).get(mistake_id)
    return f"{mistake_id}: {title}" if title else mistake_id
