"""Every fixed path of the kit, defined once: the repository is also the nbgrader course.

Modules take their paths from here instead of counting parent folders from their own file, so
moving a module moves nothing else. Two kinds of code cannot import this and find their files
by their own location instead: the student bundle (autograder/judge/, which ships without the
rest of the kit) and the jail's launcher (integrations/nbgrader/jail.py, run by file with
`python -I`); tests/test_layout.py holds the launcher's path to the one here.
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""autograder/."""
KIT_ROOT = PACKAGE.parent
"""The repository: the nbgrader course directory, holding solutions/ and assignments/."""

REFERENCE_PATH = KIT_ROOT / "solutions" / "two_layer_net.py"
"""The reference: the one place where the right answers are written."""
STUDENT_MODULE_PATH = KIT_ROOT / "assignments" / "two_layer_net.py"
"""The .py students get: the reference with every solution region a stub (release)."""
SOURCE_ASSIGNMENT = KIT_ROOT / "solutions" / "backprop"
"""nbgrader's source folder for the assignment; nbgrader copies its other files into the release
and into each graded folder. Its copy of the bundle is generated, never committed (.gitignore):
release writes it, and nbgrader_config.py has it written again when missing or stale
(integrations/nbgrader/source_hook.py)."""
SOURCE_NOTEBOOK = SOURCE_ASSIGNMENT / "backprop.ipynb"
RELEASE_ASSIGNMENT = KIT_ROOT / "assignments" / "backprop"
"""nbgrader's release of the assignment: the student notebook and its bundle, committed."""
RELEASE_NOTEBOOK = RELEASE_ASSIGNMENT / "backprop.ipynb"

CATALOGUE_PAGE = KIT_ROOT / "docs" / "catalogue.md"
"""Every mistake the kit knows, generated: python -m autograder catalogue page."""

JUDGE = PACKAGE / "judge"
"""What ships to students, copied whole as the bundle (release/bundle.py)."""
SUITE = PACKAGE / "grading" / "suite"
"""The hidden pytest suite, one thin test per graded function."""
WORKER = PACKAGE / "sandbox" / "worker.py"
"""The only code that runs beside a submission, started from its source text."""
CONFINEMENT_SOURCE = PACKAGE / "sandbox" / "confinement.py"
WORKER_SOURCES = (JUDGE / "encoding.py", JUDGE / "tracing.py", CONFINEMENT_SOURCE,
                  PACKAGE / "sandbox" / "plot_standin.py")
"""Sent before worker.py in the worker's source text (sandbox/hiding.py `worker_command`):
the encoding of values, the tracer, the confinement and the stand-in for matplotlib. Each
imports only the standard library and numpy."""
JAIL_LAUNCHER = PACKAGE / "integrations" / "nbgrader" / "jail.py"
"""Put in front of the command of every kernel nbgrader starts."""
