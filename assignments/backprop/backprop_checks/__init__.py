"""Checks for your two-layer network, with the autograder's hints, run in your own kernel.

Use it in the notebook as: check("compute_db", compute_db)

(For the kit: this folder is the judge, what turns a function's outcomes into a verdict and its
hints. The grader uses it from autograder/, and it ships to students whole, as the notebook's
backprop_checks/: so it imports nothing outside itself and holds no answer.)
"""

__all__ = ["check", "CheckFailed", "uses_your_functions"]


def __getattr__(name):
    """check, CheckFailed and uses_your_functions, imported when first asked for: the grader,
    which imports this package for its verdicts, never needs them."""
    if name in __all__:
        from . import visible

        return getattr(visible, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
