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
    """Write the bundle into `directory` unless it is there already (same_bundle; Python's
    __pycache__ aside). True when it was written."""
    files = bundle_files()
    if same_bundle(bundle_on_disk(directory / BUNDLE_NAME), files):
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


FIXTURE_RTOL, FIXTURE_ATOL = 1e-9, 1e-12
"""How far a stored float may move between two machines and still be the same fixture. numpy's
log, exp and tanh, and OpenBLAS's products, pick their code for the CPU they run on (AVX-512 or
not), so a value can differ in its last bits, about 1e-16 relative; 1e-9 is far above that and
far below anything a check could notice (rtol 1e-5)."""


def same_bundle(first: dict, second: dict) -> bool:
    """Whether two bundles (relative path -> bytes) are the same: the same files, every module
    byte for byte, and fixtures.npz with the same content (same_fixtures)."""
    return first.keys() == second.keys() and all(
        same_file(relative, first[relative], second[relative]) for relative in first)


def same_file(relative: str, first: bytes, second: bytes) -> bool:
    """Byte for byte, but fixtures.npz, whose floats may differ in their last bits from one
    machine to another (FIXTURE_RTOL)."""
    if first == second:
        return True
    return relative == "fixtures.npz" and same_fixtures(first, second)


def same_fixtures(first: bytes, second: bytes) -> bool:
    """Whether two fixtures.npz hold the same calls, answers and outcomes: every string,
    integer, shape and dtype equal, every float within FIXTURE_RTOL. Compared by content, with
    each stored array put back in its place, so that how equal arrays were shared does not
    matter."""
    import json

    import numpy as np

    def content(data: bytes):
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as stored:
                arrays = {name: stored[name] for name in stored.files}
            manifest = json.loads(str(arrays.pop("manifest")))
        except (ValueError, KeyError, OSError):
            return None

        def filled(value):
            if isinstance(value, dict):
                if value.get("t") == "nd":
                    return arrays.get(f"a{value.get('i')}")
                return {key: filled(item) for key, item in value.items()}
            if isinstance(value, list):
                return [filled(item) for item in value]
            return value

        return filled(manifest)

    def same(a, b) -> bool:
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)
                    and a.dtype == b.dtype and a.shape == b.shape):
                return False
            if a.dtype.kind in "fc":
                return bool(np.allclose(a, b, rtol=FIXTURE_RTOL, atol=FIXTURE_ATOL,
                                        equal_nan=True))
            return bool(np.array_equal(a, b))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(map(same, a, b))
        if type(a) is float and type(b) is float:
            return bool(np.isclose(a, b, rtol=FIXTURE_RTOL, atol=FIXTURE_ATOL, equal_nan=True))
        return type(a) is type(b) and a == b

    first_content, second_content = content(first), content(second)
    return first_content is not None and second_content is not None \
        and same(first_content, second_content)

