"""Do the visible checks work from the student bundle alone, with the autograder's hints?

Each test runs a fresh Python inside assignments/backprop, where the bundle is all there is:
no autograder package, no reference, no mutants.
"""

import json
import subprocess
import sys
import textwrap

import pytest

from autograder.grading import grade_path
from autograder.release import RELEASE_NOTEBOOK, RELEASE_SEED
from tests.conftest import REFERENCE

BUNDLE_DIR = RELEASE_NOTEBOOK.parent


def run_in_bundle(code: str) -> dict:
    """Run `code` with -I (no site of ours, no current folder) plus the bundle's folder only."""
    prelude = f"import sys; sys.path.insert(0, {str(BUNDLE_DIR)!r})\n"
    completed = subprocess.run([sys.executable, "-I", "-c", prelude + textwrap.dedent(code)],
                               cwd=BUNDLE_DIR, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_reference_passes_every_visible_check_and_nothing_of_ours_is_importable():
    report = run_in_bundle(f"""
        import importlib.util, io, json, contextlib, sys
        spec = importlib.util.spec_from_file_location("mine", {str(REFERENCE)!r})
        mine = importlib.util.module_from_spec(spec); spec.loader.exec_module(mine)
        from backprop_checks import check
        with contextlib.redirect_stdout(io.StringIO()):
            passed = [check(name, getattr(mine, name), vars(mine)).passed for name in (
                "forward_propagation", "compute_cost", "compute_dZ2", "compute_dZ1",
                "compute_dW", "compute_db", "backward_propagation")]
        try:
            import autograder
            reachable = True
        except ImportError:
            reachable = False
        print(json.dumps({{"passed": passed, "autograder": reachable,
                          "modules": sorted(m for m in sys.modules if "solution" in m)}}))
    """)
    assert report == {"passed": [True] * 7, "autograder": False, "modules": []}


@pytest.mark.parametrize("old, new, name, mistake", [
    ("db = np.sum(dZ, axis=1, keepdims=True) / m", "db = np.sum(dZ, axis=1) / m",
     "compute_db", "B19"),
    ("dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
     "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(Z1, 2))", "compute_dZ1", "B4"),
    ("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(dZ, A_prev) / m", "compute_dW", "B16"),
    # Two mistakes in one function: named from the stored combinations, lines from a trace
    # taken in the kernel.
    ("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(A_prev, dZ.T)", "compute_dW", "B17+B26"),
    ("dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
     "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(Z1, 2)) / A1.shape[1]", "compute_dZ1", "B4+B24"),
    ("cost = -np.sum(logprobs) / m", "cost = np.sum(logprobs)", "compute_cost", "C1+C2"),
])
def test_a_mistake_gets_the_same_hint_in_the_kernel_as_from_the_grader(tmp_path, old, new, name,
                                                                         mistake):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(REFERENCE.read_text().replace(old, new))
    report = run_in_bundle(f"""
        import importlib.util, io, json, contextlib
        spec = importlib.util.spec_from_file_location("mine", {str(wrong)!r})
        mine = importlib.util.module_from_spec(spec); spec.loader.exec_module(mine)
        from backprop_checks import check, CheckFailed
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            try:
                check({name!r}, mine.{name})
                failed = False
            except CheckFailed:
                failed = True
        print(json.dumps({{"failed": failed, "printed": printed.getvalue()}}))
    """)
    assert report["failed"]
    for each in mistake.split("+"):
        assert f"[{each}]" in report["printed"]
    graded = {e.name: e for e in grade_path(wrong, RELEASE_SEED).exercises}[name]
    assert graded.mistakes[:len(mistake.split("+"))] == mistake.split("+")
    # The kernel folds long lines; the words are the grader's, one for one.
    for hint in graded.hints:
        assert " ".join(hint.split()) in " ".join(report["printed"].split()), \
            "same inputs, same hints"
