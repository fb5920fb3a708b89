"""The source folder's copy of the visible checks, made just before nbgrader copies that folder.

nbgrader copies every file of the source folder (solutions/backprop/) into the release
(generate_assignment) and into each graded folder (autograde), where the notebook's setup cell
imports backprop_checks. That copy is generated, not committed: `python -m autograder release`
writes it. nbgrader_config.py also gives both commands `refresh_source_bundle` as their
pre_convert_hook, which nbgrader runs after it has cleared a destination and before it copies
the source folder there: it writes the copy when it is missing (a fresh clone where release
has not run yet) or differs from what release would write (the kit changed since), so that no
notebook is graded without its checks, or with stale ones. It compares once per command
(about half a second) and writes only when something differs. The kit is imported only then,
not when nbgrader reads its configuration.
"""

import contextlib
import functools
from pathlib import Path

from traitlets.log import get_logger

COULD_NOT_WRITE = ("backprop-kit could not write {folder}/backprop_checks/, the visible checks "
                   "nbgrader copies into the release and into each graded folder: {error}. "
                   "Without it the notebooks' `from backprop_checks import check` fails (the "
                   "points, which come from the grader, do not change). Run python -m "
                   "autograder release, then this command again.")
WROTE = ("backprop-kit wrote {folder}/backprop_checks/ (missing or stale), as python -m "
         "autograder release does, before nbgrader copies it.")


def source_bundle_refresher(catalogue: str = ""):
    """nbgrader's pre_convert_hook for a course whose checks know `catalogue`, the course
    catalogue given to `release --catalogue` (a path, relative to the course directory; "" for
    none), so that the copy it compares with and writes is the one release wrote."""
    def refresh_source_bundle(assignment=None, student=None, notebooks=None) -> None:
        """Called with these keywords for each student: the source folder's bundle made
        current, once per command."""
        from autograder.paths import SOURCE_ASSIGNMENT

        _refresh_once(SOURCE_ASSIGNMENT, catalogue)
    return refresh_source_bundle


refresh_source_bundle = source_bundle_refresher()
"""The hook of a course without a catalogue of its own."""


@functools.lru_cache(maxsize=None)
def _refresh_once(folder, catalogue: str = "") -> None:
    # nbgrader logs a hook's exception at INFO only and goes on: say it here, where it shows.
    log = get_logger()
    shown = _shown(folder)
    try:
        from autograder.release.bundle import refresh_bundle

        with _course_catalogue(folder, catalogue):
            written = refresh_bundle(folder)
    except Exception as error:
        log.error(COULD_NOT_WRITE.format(folder=shown, error=f"{type(error).__name__}: {error}"))
        return
    if written:
        log.warning(WROTE.format(folder=shown))


@contextlib.contextmanager
def _course_catalogue(folder, catalogue: str):
    """The course catalogue installed, checked as release checks it, for the body."""
    if not catalogue:
        yield
        return
    from autograder.course.checking import usable_catalogue
    from autograder.course.loading import installed

    path = Path(catalogue)
    path = path if path.is_absolute() else folder.parent.parent / path
    with installed(usable_catalogue(path)):
        yield


def _shown(folder) -> str:
    """The folder relative to the course directory (its parent's parent), as the instructor
    knows it: solutions/backprop."""
    return str(folder.relative_to(folder.parent.parent))
