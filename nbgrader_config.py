"""nbgrader's configuration: the repository's root is the course directory.

source (the master notebook, with solutions and hidden tests) is solutions/, and the student
release goes to assignments/. Run the nbgrader commands from this folder; see docs/instructors.md.
"""

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)

c.CourseDirectory.course_id = "backprop-kit"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".*"]

# The same stub as assignments/two_layer_net.py, so both releases look alike.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Each hidden test hands the notebook's code to the sandboxed grader (about half a second).
c.Execute.timeout = 120

# The points of the kit's test cells come from the sandboxed grader, run from nbgrader's own process
# after the student's kernel (autograder/integrations/nbgrader/points.py): never from what the
# kernel printed. nbgrader's default preprocessors keep their order; GraderPoints goes just before
# SaveAutoGrades. The `nbgrader` command does not put this folder on sys.path: add it.
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

_KIT_ROOT = str(Path(__file__).resolve().parent)
if _KIT_ROOT not in sys.path:
    sys.path.insert(0, _KIT_ROOT)

from nbgrader.converters import Autograde  # noqa: E402

from autograder.integrations.nbgrader.kernel import with_jailed_kernel  # noqa: E402
from autograder.integrations.nbgrader.points import with_grader_points  # noqa: E402
from autograder.integrations.nbgrader.quiet import (silence_sqlalchemy_autoflush,  # noqa: E402
                                                    with_quiet_overwrite)
from autograder.integrations.nbgrader.source_hook import source_bundle_refresher  # noqa: E402

# Your course's own mistakes (docs/course-catalogues.md), relative to this folder, or "" for
# none: autograde's verdicts name them, and the checks' bundle nbgrader copies knows them (give
# the same file to `python -m autograder release --catalogue`).
COURSE_CATALOGUE = ""
c.GraderPoints.catalogue = COURSE_CATALOGUE and str(Path(_KIT_ROOT) / COURSE_CATALOGUE)

# And the student's kernel runs in a jail (autograder/integrations/nbgrader/jail.py): the course
# directory is read-only to it but for the notebook's own folder, it sees and signals no process but
# its own, and nothing it starts outlives it. nbgrader's Execute is replaced by JailedExecute, the
# same preprocessor with the jail's kernel manager (configuring Execute's kernel_manager_class has
# no effect: nbgrader passes its own).
c.Autograde.autograde_preprocessors = with_jailed_kernel(with_grader_points(
    Autograde.class_traits()["autograde_preprocessors"].default()))

# Without the warnings nbgrader would print for every student for nothing: a checksum warning
# per untouched test cell (OverwriteCells is one of autograde's sanitize preprocessors), and
# three SQLAlchemy ones (autograder/integrations/nbgrader/quiet.py).
c.Autograde.sanitize_preprocessors = with_quiet_overwrite(
    Autograde.class_traits()["sanitize_preprocessors"].default(),
    Path(_KIT_ROOT) / "assignments" / "backprop" / "backprop.ipynb")
silence_sqlalchemy_autoflush()

# solutions/backprop/backprop_checks/, which both commands copy (into the release, into each
# graded folder), is generated, not committed: `python -m autograder release` writes it, and
# this hook writes it again, before nbgrader copies it, if it is missing or stale
# (autograder/integrations/nbgrader/source_hook.py).
c.GenerateAssignment.pre_convert_hook = source_bundle_refresher(COURSE_CATALOGUE)
c.Autograde.pre_convert_hook = source_bundle_refresher(COURSE_CATALOGUE)
