"""nbgrader without the warnings the kit's course makes it print for nothing (issue 19).

Two kinds, both harmless and both explained in docs/instructors.md ("Warnings nbgrader prints
that are expected"), were printed for every class:

- **A checksum warning per test cell, per student**, even for the untouched release copy:
  `generate_assignment` records each test cell's checksum before it strips the hidden tests,
  so the release's test cells never match. OverwriteCellsQuietly drops the warning when the
  submitted cell is the release's own (its checksum is the one the release notebook carries),
  and keeps it when a student edited a test cell, which is worth knowing.
- **Three SQLAlchemy SAWarnings** from nbgrader's Gradebook.add_submission under SQLAlchemy 2:
  silence_sqlalchemy_autoflush silences exactly those, by their message.
"""

import json
import warnings
from pathlib import Path

from nbgrader.preprocessors import OverwriteCells


class OverwriteCellsQuietly(OverwriteCells):
    """nbgrader's OverwriteCells, silent about a test cell handed in as the release has it."""

    release_notebook = None
    """The release notebook (Path) whose test cells' checksums are expected."""

    def report_change(self, name, attr, old, new):
        if attr == "checksum" and new and new == release_checksums(self.release_notebook) \
                .get(name):
            return  # the release's own cell: nbgrader puts the source's back, as always
        super().report_change(name, attr, old, new)


_CHECKSUMS = {}


def release_checksums(notebook) -> dict:
    """Grade id -> checksum of each graded cell of the release notebook ({} if unreadable)."""
    if notebook is None:
        return {}
    key = str(notebook)
    if key not in _CHECKSUMS:
        try:
            cells = json.loads(Path(notebook).read_text()).get("cells", [])
            _CHECKSUMS[key] = {cell["metadata"]["nbgrader"]["grade_id"]:
                               cell["metadata"]["nbgrader"].get("checksum")
                               for cell in cells
                               if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            _CHECKSUMS[key] = {}
    return _CHECKSUMS[key]


def with_quiet_overwrite(preprocessors, release_notebook) -> list:
    """The preprocessors with nbgrader's OverwriteCells replaced by OverwriteCellsQuietly."""
    OverwriteCellsQuietly.release_notebook = Path(release_notebook)
    return [OverwriteCellsQuietly if each is OverwriteCells else each for each in preprocessors]


def silence_sqlalchemy_autoflush() -> None:
    """Ignore the three SAWarnings nbgrader's add_submission causes under SQLAlchemy 2 (the
    records are added a few lines later; docs/instructors.md says why), and no other."""
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning,
                            message=r"Object of type <Submitted\w+> not in session, add "
                                    r"operation along")
