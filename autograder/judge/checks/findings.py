"""A failed check, as data: what was observed, on which call and which output."""

from dataclasses import dataclass, field


@dataclass
class Finding:
    """One failed check.

    kind is one of: 'missing', 'not_implemented', 'timeout', 'crashed', 'raised', 'structure',
    'missing_keys', 'type', 'shape', 'values', 'non_finite', 'mutated', 'grad_check'.
    """

    kind: str
    call: object
    """The cases.Call it was seen on."""
    output: str = ""
    """Which output: 'dW1', 'A2', 'cache["Z1"]', 'cost', ... or '' for the call as a whole."""
    got: object = None
    want: object = None
    detail: dict = field(default_factory=dict)
