"""How far a gradient is from the numerical one: the gradient check's measure.

Kept apart from autograder/answers/gradient_check.py, which computes numerical gradients with the
reference, so that the student bundle can compare with stored ones.
"""

import numpy as np


def relative_error(analytic, numeric) -> float:
    """||a - n|| / (||a|| + ||n||), the norm-based difference of the course's gradient checking.

    0 when both are zero. Compared with Settings.grad_check_max_rel_error.
    """
    analytic = np.asarray(analytic, dtype=float)
    numeric = np.asarray(numeric, dtype=float)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)
