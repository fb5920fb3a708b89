"""The .py students get: the reference with every solution region a stub.

The reference (solutions/two_layer_net.py) is the one place where code is written. Its graded
functions keep their solutions between "### BEGIN SOLUTION" and "### END SOLUTION", as nbgrader
does; the student copy replaces each region with nbgrader's default stub, and its module
docstring with one written for students. tests/ check that regenerating changes nothing.
"""

import re
from pathlib import Path

from autograder.paths import REFERENCE_PATH, STUDENT_MODULE_PATH

STUDENT_DOCSTRING = '''"""A two-layer neural network for binary classification, in numpy: your assignment.

Notation (Andrew Ng's): X (n_x, m), Y (n_y, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h),
b2 (n_y, 1); tanh hidden layer, sigmoid output, cross-entropy cost averaged over the m examples.

Write the seven graded functions below, in order: replace each "# YOUR CODE HERE" and the
"raise NotImplementedError()" under it with your code. Keep the names, the arguments and what
each function returns exactly as they are. Check your work, in this folder, with:

    python check.py            (add --more for each hint's next rung)

It runs the autograder's own checks and hints on fixed inputs. Hints point at the sections of
derivations.md, the notebook's text (backprop/backprop.ipynb is the notebook itself).
"""'''

_SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION\n",
                       re.MULTILINE | re.DOTALL)
_DOCSTRING = re.compile(r'\A""".*?"""', re.DOTALL)


def student_source(reference_source: str) -> str:
    """The reference with its docstring and solution regions replaced for students."""
    if reference_source.count("### BEGIN SOLUTION") != reference_source.count("### END SOLUTION"):
        raise ValueError("unbalanced ### BEGIN SOLUTION / ### END SOLUTION markers")
    stubbed = _SOLUTION.sub(lambda match: f"{match.group(1)}# YOUR CODE HERE\n"
                                          f"{match.group(1)}raise NotImplementedError()\n",
                            reference_source)
    return _DOCSTRING.sub(lambda match: STUDENT_DOCSTRING, stubbed, count=1)


def write_student_module(path: Path = STUDENT_MODULE_PATH) -> Path:
    """Write the student module from the reference and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(student_source(REFERENCE_PATH.read_text()))
    return path
