"""The student bundle: the judge's folder, copied whole, with the fixtures it checks against.

The notebook imports it as backprop_checks (`from backprop_checks import check`). It is
autograder/judge/ as it is, byte for byte (its imports are relative, so it needs no rewriting),
and fixtures.npz (release/fixture_writer.py). What may ship is decided by where a module lives:
the judge imports nothing outside itself and holds no answer (tests/test_layout.py), and what
it needs but may not ship, the grader gives it at run time (judge/slots.py).
"""

import io
import shutil
from pathlib import Path

from autograder.paths import JUDGE, SOURCE_ASSIGNMENT
from autograder.release.fixture_writer import RELEASE_SEED, write_fixtures

BUNDLE_NAME = "backprop_checks"


def judge_files() -> dict:
    """Relative path -> bytes of every file of the judge's folder (Python's caches aside)."""
    return bundle_on_disk(JUDGE)


def bundle_files() -> dict:
    """Relative path -> bytes of every file of the bundle: the judge's folder, and
    fixtures.npz. The same bytes on every run (fixed seed, and numpy stores each array of the
    .npz with the same date), so a regenerated bundle can be compared with the committed one
    byte for byte."""
    files = judge_files()
    fixtures = io.BytesIO()
    write_fixtures(fixtures, RELEASE_SEED)
    files["fixtures.npz"] = fixtures.getvalue()
    return files


def write_bundle(directory: Path = SOURCE_ASSIGNMENT, files: dict = None) -> Path:
    """Write the visible checks' package and its fixtures into `directory`/backprop_checks,
    replacing whatever was there."""
    target = directory / BUNDLE_NAME
    if target.exists():
        shutil.rmtree(target)
    for relative, content in (bundle_files() if files is None else files).items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    return target


def refresh_bundle(directory: Path = SOURCE_ASSIGNMENT) -> bool:
    """Write the bundle into `directory` unless it is there already, byte for byte (Python's
    __pycache__ aside). True when it was written."""
    files = bundle_files()
    if bundle_on_disk(directory / BUNDLE_NAME) == files:
        return False
    write_bundle(directory, files)
    return True


def bundle_on_disk(target: Path) -> dict:
    """Relative path -> bytes of every file under `target`, but Python's caches ({} if none)."""
    if not target.is_dir():
        return {}
    return {path.relative_to(target).as_posix(): path.read_bytes()
            for path in sorted(target.rglob("*"))
            if path.is_file() and "__pycache__" not in path.relative_to(target).parts}

