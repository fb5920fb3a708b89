"""Where the hidden tests of courses released before the kit's folders by role find the kit.

Each hidden test cell that nbgrader keeps in such a course's gradebook.db looks for this file by
its path, then runs `from autograder.hidden_tests import grade_hidden`. Importing this module
gives the one the source notebook's hidden tests now import,
integrations/nbgrader/hidden_tests.py: the same module object, put in sys.modules under this
name too.
"""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("autograder.integrations.nbgrader.hidden_tests")
