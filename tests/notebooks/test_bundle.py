"""Do the visible checks work from the student bundle alone, with the autograder's hints?

Each test runs a fresh Python inside assignments/backprop (or a bundle just generated), where
the bundle is all there is: no autograder package, no reference, no mutants. And is the bundle
the judge's folder, whole, each of whose modules those checks import?
"""

import json
import subprocess
import sys
import textwrap

import pytest

from autograder.grading.grader import grade_path
from autograder.judge.student_api import GRADED_NAMES
from autograder.paths import RELEASE_NOTEBOOK
from autograder.release.bundle import BUNDLE_NAME, bundle_on_disk, judge_files, write_bundle
from autograder.release.fixture_writer import RELEASE_SEED
from tests.conftest import REFERENCE

BUNDLE_DIR = RELEASE_NOTEBOOK.parent
ANSWER_MODULES = ("answers", "reference", "cases", "gradient_check", "mutants", "forms", "flow",
                  "diagnosis.mutants", "diagnosis.forms", "diagnosis.flow")
"""The autograder's modules that hold or compute answers (autograder/answers/, and where they
lived before): the reference loaded, answers computed with it (cases, gradient_check),
near-solutions (mutants, forms) and the right steps (flow)."""
WRONG = {
    "forward_propagation": ("A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)"),
    "compute_cost": ("cost = -np.sum(logprobs) / m", "cost = np.sum(logprobs)"),
    "compute_dZ2": ("dZ2 = A2 - Y", "dZ2 = Y - A2"),
    # numpy's shape error, which no catalogued mistake explains: numpy_errors.py does
    "compute_dZ1": ("np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
                    "np.dot(dZ2, W2.T) * (1 - np.power(A1, 2))"),
    # two mistakes in one function: the stored combinations and a trace in the kernel
    "compute_dW": ("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(A_prev, dZ.T)"),
    "compute_db": ("db = np.sum(dZ, axis=1, keepdims=True) / m", "db = np.sum(dZ, axis=1) / m"),
    "backward_propagation": ("dW1 = compute_dW(dZ1, X)", "dW1 = compute_dW(dZ1, X).T"),
}
"""One wrong version of each graded function: the reference with one line changed."""


def run_in_bundle(code: str, folder=BUNDLE_DIR) -> dict:
    """Run `code` with -I (no site of ours, no current folder) plus the bundle's folder only."""
    prelude = f"import sys; sys.path.insert(0, {str(folder)!r})\n"
    completed = subprocess.run([sys.executable, "-I", "-c", prelude + textwrap.dedent(code)],
                               cwd=folder, capture_output=True, text=True, timeout=120)
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
    # Mistakes no entry names: the repair search runs in the kernel, on the stored outputs.
    ("dW = np.dot(dZ, A_prev.T) / m", "dW = 1 // m * np.dot(dZ, A_prev.T)", "compute_dW",
     "R-floor-division"),
    ("dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
     "dZ1 = np.dot(W2.T, dZ2) * 1 - np.power(A1, 2)", "compute_dZ1", "R-precedence"),
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
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            failed = not check({name!r}, mine.{name}).passed  # a failing check does not raise
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


def test_more_gives_the_second_rung_in_the_kernel_too(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(REFERENCE.read_text().replace("dW = np.dot(dZ, A_prev.T) / m",
                                                   "dW = 1 // m * np.dot(dZ, A_prev.T)"))
    report = run_in_bundle(f"""
        import importlib.util, io, json, contextlib
        spec = importlib.util.spec_from_file_location("mine", {str(wrong)!r})
        mine = importlib.util.module_from_spec(spec); spec.loader.exec_module(mine)
        from backprop_checks import check, CheckFailed
        printed = {{}}
        for more in (False, True):
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                check("compute_dW", mine.compute_dW, more=more)
            printed[str(more)] = " ".join(out.getvalue().split())
        print(json.dumps(printed))
    """)
    assert "Divide with `/`" not in report["False"]
    assert "Divide with `/`" in report["True"]
    assert "dW = 1 / m" not in report["True"]


@pytest.fixture(scope="module")
def fresh_bundle(tmp_path_factory):
    """The folder of a bundle release has just written, from the kit as it is now."""
    folder = tmp_path_factory.mktemp("fresh")
    write_bundle(folder)
    return folder


@pytest.fixture(scope="module")
def every_check_from_the_bundle(fresh_bundle, tmp_path_factory):
    """Each graded function checked from the fresh bundle alone, right then wrong: whether it
    passed, then whether it failed, and which modules the run imported."""
    wrong = {}
    for name, (old, new) in WRONG.items():
        source = REFERENCE.read_text()
        assert source.count(old) == 1, old
        wrong[name] = tmp_path_factory.mktemp("wrong") / f"wrong_{name}.py"
        wrong[name].write_text(source.replace(old, new))
    return run_in_bundle(f"""
        import contextlib, importlib.util, io, json, sys
        from backprop_checks import check, CheckFailed

        def load(path):
            spec = importlib.util.spec_from_file_location(path.split("/")[-1][:-3], path)
            module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
            return module

        right = load({str(REFERENCE)!r})
        outcomes = {{}}
        quiet = io.StringIO()
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            for name, path in {json.dumps({name: str(path) for name, path in wrong.items()})}.items():
                passed = check(name, getattr(right, name), vars(right)).passed
                mistaken = load(path)
                try:  # stop=True: the check raises, as a script may ask it to
                    check(name, getattr(mistaken, name), vars(mistaken), stop=True)
                    failed = False
                except CheckFailed:
                    failed = True
                outcomes[name] = [passed, failed]
        print(json.dumps({{
            "outcomes": outcomes,
            "imported": sorted(m for m in sys.modules if m.split(".")[0] == "backprop_checks"),
            "ours": sorted(m for m in sys.modules if m.split(".")[0] == "autograder"
                           or "solution" in m or "reference" in m),
            "autograder": importlib.util.find_spec("autograder") is not None,
            "answers": [m for m in {list(ANSWER_MODULES)!r}
                        if importlib.util.find_spec("backprop_checks." + m) is not None]}}))
    """, folder=fresh_bundle)


def test_every_check_runs_from_the_bundle_alone(every_check_from_the_bundle):
    """Does each graded function's right version pass and its wrong one fail, with nothing of
    the kit importable?"""
    report = every_check_from_the_bundle
    assert sorted(WRONG) == sorted(GRADED_NAMES)
    assert report["outcomes"] == {name: [True, True] for name in GRADED_NAMES}
    assert report["autograder"] is False and report["ours"] == []


def test_the_bundle_is_the_judge_whole_and_the_checks_import_each_module(
        every_check_from_the_bundle, fresh_bundle):
    """The bundle is autograder/judge/ copied whole, byte for byte, with fixtures.npz; and
    nothing unused ships (nor is anything the checks need missing): its modules are what
    running every check, right and wrong, imports."""
    files = bundle_on_disk(fresh_bundle / BUNDLE_NAME)
    assert {relative: data for relative, data in files.items()
            if relative != "fixtures.npz"} == judge_files()
    shipped = {_module_name(relative) for relative in files if relative.endswith(".py")}
    assert every_check_from_the_bundle["imported"] == sorted(
        BUNDLE_NAME + ("." + name if name else "") for name in shipped)


def test_no_module_that_holds_an_answer_ships(every_check_from_the_bundle):
    committed = {_module_name(path.relative_to(BUNDLE_DIR / BUNDLE_NAME))
                 for path in (BUNDLE_DIR / BUNDLE_NAME).rglob("*.py")}
    shipped = {_module_name(relative) for relative in judge_files() if relative.endswith(".py")}
    assert not (committed | shipped) & set(ANSWER_MODULES)
    assert every_check_from_the_bundle["answers"] == []


def _module_name(relative) -> str:
    """A module's name inside the bundle: 'checks/__init__.py' -> 'checks', '__init__.py' -> ''."""
    name = str(relative)[:-len(".py")].replace("/", ".")
    return "" if name == "__init__" else name.removesuffix(".__init__")
