"""The reference implementation (solutions/two_layer_net.py), loaded by path.

Only the grader's own process imports it; it is never reachable from the worker.
"""

import importlib.util

from autograder.paths import REFERENCE_PATH


def _load():
    spec = importlib.util.spec_from_file_location("backprop_kit_reference", REFERENCE_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _load()
