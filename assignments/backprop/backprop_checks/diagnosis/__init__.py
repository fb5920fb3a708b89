"""Turn the failed checks of one exercise into hints: one hint per root cause.

The logic lives in named modules: pipeline.py runs the steps in order; catalogue.py holds the
mistakes as text; matching.py and composition.py name them from what the student returned;
factors.py names a constant factor; traced.py follows the student's own values line by line;
signatures.py and numpy_errors.py describe what no catalogued mistake explains.
"""

from .hint import Hint
from .pipeline import diagnose
from .record import Diagnosis

__all__ = ["Hint", "Diagnosis", "diagnose"]
