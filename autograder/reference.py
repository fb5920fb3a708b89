"""The reference implementation (solutions/two_layer_net.py), loaded by path.

Only the grader's own process imports it; it is never reachable from the worker.
"""

import importlib.util
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_PATH = KIT_ROOT / "solutions" / "two_layer_net.py"


def _load():
    spec = importlib.util.spec_from_file_location("backprop_kit_reference", REFERENCE_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _load()
