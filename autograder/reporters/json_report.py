"""The --json report: one JSON object, the contract of issue 2, and nothing else on stdout."""

import json


def render_json(result) -> str:
    """The report as one line-broken JSON object (keys in the contract's order)."""
    return json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False, allow_nan=False)
