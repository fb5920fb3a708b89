"""Module paths of the kit before its folders by role (issue 16), kept importable.

Files outside the kit's code name some of its modules and outlive a move: a course's
nbgrader_config.py (the preprocessors and the hook), the hidden tests nbgrader keeps in each
course's gradebook.db (`from autograder.hidden_tests import grade_hidden`), and an
instructor's own command line (`pytest -p autograder.pytest_plugin`). Each old name here
imports the module it now is: the same module object, not a copy, so its state and classes
are the same whichever name was used. autograder/__init__.py puts the finder in place.
"""

import importlib
import importlib.util
import sys

MOVED = {
    "autograder.nbgrader_points": "autograder.integrations.nbgrader.points",
    "autograder.nbgrader_kernel": "autograder.integrations.nbgrader.kernel",
    "autograder.nbgrader_source": "autograder.integrations.nbgrader.source_hook",
    "autograder.pytest_plugin": "autograder.grading.pytest_plugin",
}
"""Old name -> the module it is now. The hidden tests' module is not here: they look for
autograder/hidden_tests.py by its path before they import it, so it is still a file, which
does the same."""


class _MovedFinder:
    """Finds each old name of MOVED that is not a file any more, and loads it as its new
    module: exec_module puts that module in sys.modules under the old name, which the import
    system then returns. A MetaPathFinder and a Loader by their methods, without importlib.abc,
    whose import cost every run as much as the rest of the package (issue 19)."""

    def find_spec(self, name, path=None, target=None):
        if name in MOVED:
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        sys.modules[module.__name__] = importlib.import_module(MOVED[module.__name__])


FINDER = _MovedFinder()


def install() -> None:
    """Put the finder at the end of sys.meta_path, once: names that exist as files keep
    loading from them."""
    if FINDER not in sys.meta_path:
        sys.meta_path.append(FINDER)
