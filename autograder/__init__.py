"""backprop-kit's autograder: grades the two-layer network exercise and explains mistakes.

The one library entry point is grade_path(path, seed); the command line is autograder.cli. The
modules' old paths, which configuration files and stored notebooks may still name, keep
working (moved.py).
"""

from autograder import moved

__version__ = "0.1.0"

moved.install()


def grade_path(path, seed=0, settings=None):
    """Grade one submission without pytest in the loop; returns a SubmissionResult."""
    from autograder.grading.grader import grade_path as _grade_path

    return _grade_path(path, seed, settings)
