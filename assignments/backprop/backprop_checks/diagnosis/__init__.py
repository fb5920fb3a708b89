"""Turn the failed checks of one exercise into hints: one hint per root cause.

The logic lives in named modules: pipeline.py runs the steps in order; catalogue.py holds the
mistakes as text; matching.py and composition.py name them from what the student returned;
factors.py names a constant factor; traced.py follows the student's own values line by line;
signatures.py and numpy_errors.py describe what no catalogued mistake explains.
"""

__all__ = ["Hint", "Diagnosis", "diagnose"]
_HOMES = {"Hint": "hint", "Diagnosis": "record", "diagnose": "pipeline"}


def __getattr__(name):
    """Hint, Diagnosis and diagnose, imported when first asked for: reading the catalogue's
    titles (a class summary) must not load the whole pipeline (issue 19)."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
