"""Checks for your two-layer network, with the autograder's hints, run in your own kernel.

Use it in the notebook as: check("compute_db", compute_db)
"""

from backprop_checks.visible import CheckFailed, check

__all__ = ["check", "CheckFailed"]
