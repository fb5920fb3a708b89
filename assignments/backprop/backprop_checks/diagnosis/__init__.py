"""Turn the failed checks of one exercise into hints: one hint per root cause.

The logic lives in named modules: pipeline.py runs the steps in order; catalogue.py holds the
mistakes as text; matching.py and composition.py name them from what the student returned;
factors.py names a constant factor; flow.py follows the student's own values line by line;
signatures.py and numpy_errors.py describe what no catalogued mistake explains.
"""

from backprop_checks.diagnosis.hint import Hint
from backprop_checks.diagnosis.pipeline import Diagnosis, diagnose

__all__ = ["Hint", "Diagnosis", "diagnose"]
