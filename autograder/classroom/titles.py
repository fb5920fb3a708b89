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
REPAIR_TITLES = {
    "R-precedence": "operators grouped otherwise than the formula (precedence)",
    "R-floor-division": "floor division // where / belongs",
    "R-wrapper": "value rounded, cast or reshaped",
    "R-family": "a function of the same family (log2 for log, mean for sum, ...)",
    "R-in-place": "an argument updated in place",
    "R-accumulate": "a loop that keeps only its last pass (= for +=)",
    "R-epsilon": "an epsilon large enough to change the value",
    "R-missing-term": "a term of the loss missing",
    "R-log-term": "labels and logs paired the wrong way in the loss",
    "R-derivative": "the wrong activation slope, or none",
    "R-transpose-add": "a transpose missing",
    "R-transpose-remove": "a transpose too many",
    "R-product-kind": "entry-by-entry product for a matrix product, or back",
    "R-axis": "summed along the wrong axis",
    "R-keepdims": "keepdims missing or extra",
    "R-shape-axis": "a size read from the wrong axis",
    "R-scale": "a scale of m missing or extra",
    "R-argument-order": "arguments of a call in the wrong order",
    "R-name-swap": "one array used for another",
    "R-name-fix": "a name numpy does not have",
    "R-sign": "a sign flipped",
    "R-extra-term": "a term the formula does not have",
    "R-line": "one line wrong, in a way more than one change fixes",
    "R-ambiguous": "wrong in a way several small changes fix",
}
"""Ids of hints worded from a verified repair (judge/repair/): what the change undoes."""
NOT_ROOT_CAUSES = ("S-inherited", "S-gradient-check")


def is_signature(mistake_id: str) -> bool:
    """True for a generic pattern (S-transposed) or a repair's kind (R-precedence): ids no
    catalogue entry stands behind. Any other id names a mistake some catalogue knows: the
    kit's (B19) or a course's (ML101-3)."""
    return mistake_id.startswith(("S-", "R-"))


def signature_title(mistake_id: str) -> str:
    """What a signature or a repair's id says, or the id itself when it is neither."""
    return SIGNATURE_TITLES.get(mistake_id) or REPAIR_TITLES.get(mistake_id, mistake_id)


def mistake_title(mistake_id: str, titles: dict = None) -> str:
    """'B19: db summed without keepdims': the kit's catalogue, its signatures, then `titles`
    (a course catalogue's) for the ids the kit does not know."""
    if mistake_id in MISTAKES_BY_ID:
        return f"{mistake_id}: {MISTAKES_BY_ID[mistake_id].title}"
    title = (SIGNATURE_TITLES.get(mistake_id) or REPAIR_TITLES.get(mistake_id)
             or (titles or {}).get(mistake_id))
    return f"{mistake_id}: {title}" if title else mistake_id
