"""backprop-kit's autograder: grades the two-layer network exercise and explains mistakes.

The one library entry point is grade_path(path, seed); the command line is autograder.cli.
"""

__version__ = "0.1.0"


def grade_path(path, seed=0, settings=None):
    """Grade one submission without pytest in the loop; returns a SubmissionResult."""
    from autograder.grading import grade_path as _grade_path

    return _grade_path(path, seed, settings)
