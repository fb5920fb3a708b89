"""Is the student version generated from the reference, without any of its solutions?"""

import ast
import hashlib
import os
import subprocess
import sys

from autograder.judge.student_api import GRADED_NAMES, PROVIDED_NAMES
from autograder.paths import RELEASE_NOTEBOOK, STUDENT_MODULE_PATH
from autograder.release.bundle import (BUNDLE_NAME, bundle_files, bundle_on_disk, refresh_bundle,
                                       same_file)
from autograder.release.student_module import student_source
from tests.conftest import KIT_ROOT, REFERENCE

COMMITTED_BUNDLE = RELEASE_NOTEBOOK.parent / BUNDLE_NAME
"""The students' copy, committed; the source folder's copy is generated
(integrations/nbgrader/source_hook.py)."""


def _functions(source: str) -> dict:
    return {node.name: node for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef)}


def test_regenerating_the_student_module_changes_nothing():
    assert STUDENT_MODULE_PATH.read_text() == student_source(REFERENCE.read_text()), \
        "assignments/two_layer_net.py is stale: run python -m autograder release"


def test_regenerating_the_students_bundle_changes_nothing():
    """A change to the grader must reach the notebook's visible checks: is the committed
    bundle, modules and fixtures.npz, what release writes now, with no file more or less?
    Modules byte for byte; fixtures.npz by content, since its floats differ in their last bits
    between machines (release/bundle.py FIXTURE_RTOL): the one here has no AVX-512, the one
    the fixtures were committed from may have had it."""
    committed = bundle_on_disk(COMMITTED_BUNDLE)
    generated = bundle_files()
    assert sorted(committed) == sorted(generated), \
        "assignments/backprop/backprop_checks is stale: run python -m autograder release"
    stale = [relative for relative in generated
             if not same_file(relative, committed[relative], generated[relative])]
    assert stale == [], f"stale in {COMMITTED_BUNDLE}: run python -m autograder release"


def test_the_bundle_is_the_same_bytes_from_one_run_to_the_next():
    """Can the test above compare bytes: does a fresh process write the same fixtures.npz?"""
    code = ("import hashlib; from autograder.release.bundle import bundle_files; "
            "print(hashlib.sha256(bundle_files()['fixtures.npz']).hexdigest())")
    # with a hash seed of its own, so that no order of a set's may decide the bytes
    completed = subprocess.run([sys.executable, "-c", code], cwd=KIT_ROOT, capture_output=True,
                               text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "1"})
    assert completed.returncode == 0, completed.stderr
    here = hashlib.sha256(bundle_files()["fixtures.npz"]).hexdigest()
    assert completed.stdout.strip() == here


def test_refreshing_writes_the_bundle_only_when_it_is_missing_or_differs(tmp_path):
    target = tmp_path / BUNDLE_NAME
    assert refresh_bundle(tmp_path)  # missing: written
    assert bundle_on_disk(target) == bundle_files()
    cache = target / "__pycache__" / "visible.cpython-311.pyc"
    cache.parent.mkdir()
    cache.write_bytes(b"left by a kernel that imported the checks")
    written_at = (target / "visible.py").stat().st_mtime_ns
    assert not refresh_bundle(tmp_path)  # current (caches aside): left alone
    assert (target / "visible.py").stat().st_mtime_ns == written_at
    (target / "visible.py").write_text("stale")
    (target / "old_module.py").write_text("no longer shipped")
    assert refresh_bundle(tmp_path)
    assert bundle_on_disk(target) == bundle_files()


def test_every_graded_function_is_a_stub_with_its_docstring():
    student = _functions(STUDENT_MODULE_PATH.read_text())
    reference = _functions(REFERENCE.read_text())
    for name in GRADED_NAMES:
        body = student[name].body
        assert ast.get_docstring(student[name]) == ast.get_docstring(reference[name])
        assert "shape" in ast.get_docstring(student[name])
        assert len(body) == 2 and isinstance(body[1], ast.Raise)
        assert [arg.arg for arg in student[name].args.args] == \
            [arg.arg for arg in reference[name].args.args]


def test_provided_helpers_are_given_whole():
    student = _functions(STUDENT_MODULE_PATH.read_text())
    reference = _functions(REFERENCE.read_text())
    for name in PROVIDED_NAMES:
        assert ast.dump(student[name]) == ast.dump(reference[name])


def test_no_solution_line_reaches_the_student_module():
    text = STUDENT_MODULE_PATH.read_text()
    assert "### BEGIN SOLUTION" not in text and "### END SOLUTION" not in text
    for line in ("np.dot(W2.T, dZ2)", "keepdims=True) / m", "A2 - Y", "np.dot(dZ, A_prev.T)"):
        assert line not in text
