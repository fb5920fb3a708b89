"""Generate the student version of the reference: every solution region becomes a stub.

The reference (solutions/two_layer_net.py) is the one place where code is written. Its graded
functions keep their solutions between "### BEGIN SOLUTION" and "### END SOLUTION", as nbgrader
does; the student copy replaces each region with nbgrader's default stub, and its module
docstring with one written for students. tests/ check that regenerating changes nothing.
"""

import re
import shutil
from pathlib import Path

from autograder.reference import KIT_ROOT, REFERENCE_PATH

STUDENT_MODULE_PATH = KIT_ROOT / "assignments" / "two_layer_net.py"
SOURCE_ASSIGNMENT = KIT_ROOT / "solutions" / "backprop"
"""nbgrader's source folder for the assignment; nbgrader copies its other files into the release
and into each graded folder. Its copy of the bundle is generated, never committed (.gitignore):
release writes it, and nbgrader_config.py has it written again when missing or stale
(nbgrader_source.py)."""
BUNDLE_NAME = "backprop_checks"
RELEASE_SEED = 20261124
"""The seed of the stored fixtures: the visible checks' inputs (the hidden tests draw new ones)."""

BUNDLE_MODULES = (
    "__init__.py", "designs.py", "settings.py", "student_api.py", "results.py", "verdict.py",
    "fixtures.py", "visible.py",
    "checks/__init__.py", "checks/findings.py", "checks/gradients.py", "checks/outputs.py",
    "checks/values.py",
    "diagnosis/__init__.py", "diagnosis/pipeline.py", "diagnosis/catalogue.py",
    "diagnosis/context.py",
    "diagnosis/hint.py", "diagnosis/matching.py", "diagnosis/signatures.py",
    "diagnosis/numpy_errors.py", "diagnosis/composition.py", "diagnosis/factors.py",
    "diagnosis/exceptions.py", "diagnosis/rendering.py", "diagnosis/traced.py",
    "sandbox/protocol.py", "sandbox/values.py", "sandbox/tracing.py",
)
"""What the visible checks import, and nothing else: tests/notebooks/test_bundle.py runs every
check from the bundle alone and holds this list to the modules that run imported. Nothing here
holds an answer: not the reference, not cases.py or gradient_check.py (which compute answers
with it), not diagnosis/mutants.py, forms.py or flow.py (near-solutions: their outcomes on the
fixed inputs are stored in fixtures.npz instead). Not the worker either: the checks run the
student's function in the kernel, and take from the sandbox only the encoding of values
(values.py, protocol.py) and the tracer."""
_SANDBOX_INIT = '"""The sandbox\'s value encoding, so that the checks see the same kinds of values."""\n'

_PACKAGE_INIT = '''"""Checks for your two-layer network, with the autograder's hints, run in your own kernel.

Use it in the notebook as: check("compute_db", compute_db)
"""

from backprop_checks.visible import CheckFailed, check

__all__ = ["check", "CheckFailed"]
'''

STUDENT_DOCSTRING = '''"""A two-layer neural network for binary classification, in numpy: your assignment.

Notation (Andrew Ng's): X (n_x, m), Y (n_y, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h),
b2 (n_y, 1); tanh hidden layer, sigmoid output, cross-entropy cost averaged over the m examples.

Write the seven graded functions below, in order: replace each "# YOUR CODE HERE" and the
"raise NotImplementedError()" under it with your code. Keep the names, the arguments and what
each function returns exactly as they are. Check your work with:

    python -m autograder grade two_layer_net.py
"""'''

_SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION\n",
                       re.MULTILINE | re.DOTALL)
_DOCSTRING = re.compile(r'\A""".*?"""', re.DOTALL)


def student_source(reference_source: str) -> str:
    """The reference with its docstring and solution regions replaced for students."""
    if reference_source.count("### BEGIN SOLUTION") != reference_source.count("### END SOLUTION"):
        raise ValueError("unbalanced ### BEGIN SOLUTION / ### END SOLUTION markers")
    stubbed = _SOLUTION.sub(lambda match: f"{match.group(1)}# YOUR CODE HERE\n"
                                          f"{match.group(1)}raise NotImplementedError()\n",
                            reference_source)
    return _DOCSTRING.sub(lambda match: STUDENT_DOCSTRING, stubbed, count=1)


def write_student_module(path: Path = STUDENT_MODULE_PATH) -> Path:
    """Write the student module from the reference and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(student_source(REFERENCE_PATH.read_text()))
    return path


def bundle_files() -> dict:
    """Relative path -> bytes of every file of the visible checks' package: the modules of
    BUNDLE_MODULES, and fixtures.npz. The same bytes on every run (fixed seed, and numpy
    stores each array of the .npz with the same date), so a regenerated bundle can be
    compared with the committed one byte for byte."""
    import io

    files = {relative: bundle_module_text(relative).encode() for relative in BUNDLE_MODULES}
    files["sandbox/__init__.py"] = _SANDBOX_INIT.encode()
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


def bundle_module_text(relative: str) -> str:
    """One module of the bundle: the autograder's own, importing from the bundle instead."""
    if relative == "__init__.py":
        return re.sub(r"\bautograder\.", f"{BUNDLE_NAME}.", _PACKAGE_INIT)
    text = (Path(__file__).resolve().parent / relative).read_text()
    return re.sub(r"\bautograder\.", f"{BUNDLE_NAME}.", text)


SOURCE_NOTEBOOK = SOURCE_ASSIGNMENT / "backprop.ipynb"
RELEASE_NOTEBOOK = KIT_ROOT / "assignments" / "backprop" / "backprop.ipynb"


def reference_functions() -> dict:
    """Name -> source text of every function in the reference, solution markers included."""
    import ast

    source = REFERENCE_PATH.read_text()
    lines = source.splitlines()
    nodes = ast.parse(source).body
    functions = {}
    for node, following in zip(nodes, nodes[1:] + [None]):
        if not isinstance(node, ast.FunctionDef):
            continue
        # A function runs up to the next top-level statement, so that trailing comment lines
        # such as "### END SOLUTION" stay with it; the blank lines and the "# Provided" banner
        # before the next statement do not.
        end = (following.lineno - 1) if following else len(lines)
        body = lines[node.lineno - 1:end]
        while body and (not body[-1].strip() or body[-1].startswith("#")):
            body.pop()
        functions[node.name] = "\n".join(body)
    return functions


def sync_source_notebook(path: Path = SOURCE_NOTEBOOK) -> bool:
    """Fill the notebook's exercise cells (nbgrader grade_id = the function's name) from the
    reference, so that the code is written once. Returns True when the notebook changed."""
    import nbformat

    functions = reference_functions()
    notebook = nbformat.read(str(path), as_version=4)
    changed = False
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in functions and cell.source != functions[grade_id]:
            cell.source = functions[grade_id]
            changed = True
    if changed:
        nbformat.write(notebook, str(path))
    return changed


def generate_release(course_root: Path = KIT_ROOT) -> Path:
    """Run nbgrader generate_assignment on the source notebook (no gradebook needed)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop",
                    "--force", "--no-db", "--log-level=WARN"], cwd=course_root, check=True)
    return course_root / "assignments" / "backprop"


def release_all() -> list:
    """Everything `python -m autograder release` writes, in order: the .py stub module, the
    visible checks' bundle in the source folder (where nbgrader autograde finds it too), the
    source notebook's exercise cells, then nbgrader's release, which copies that bundle."""
    written = [write_student_module(), write_bundle()]
    sync_source_notebook()
    written.append(generate_release())
    return written


def write_fixtures(path, seed: int) -> None:
    """Compute every graded function's calls at `seed`, with what each mutant and each
    catalogued combination (diagnosis/forms.py) does on them; save them to `path` (a file
    name, or a binary file)."""
    import dataclasses
    import json

    import numpy as np

    from autograder.cases import make_calls
    from autograder.fixtures import FORMAT_VERSION
    from autograder.sandbox.values import encode
    from autograder.diagnosis.catalogue import course_mistakes, mistakes_for
    from autograder.diagnosis.matching import run_mutant
    from autograder.diagnosis.composition import FORM_PREFIX, STEPS_PREFIX, form_keys
    from autograder.diagnosis.forms import form_steps, run_form
    from autograder.diagnosis.mutants import MUTANTS
    from autograder.gradient_check import numerical_gradient
    from autograder.settings import Settings
    from autograder.student_api import GRADED_NAMES

    settings = Settings()
    arrays = []
    exercises = {}
    for name in GRADED_NAMES:
        stored = []
        for call in make_calls(name, seed):
            mutants = {}
            wrong = [(mistake.id, lambda m=mistake.id: run_mutant(MUTANTS[m][1], call.args))
                     for mistake in mistakes_for(name) if mistake.id in MUTANTS]
            wrong += [(FORM_PREFIX + key, lambda key=key: run_form(name, key, call.args))
                      for key in form_keys(name)]
            wrong += [(STEPS_PREFIX + key, lambda key=key: form_steps(name, key, call.args))
                      for key in form_keys(name) if name != "compute_cost"]
            for key, run in wrong:
                outcome = run()
                mutants[key] = (
                    {"raised": True, "type": outcome.error_type, "message": outcome.message}
                    if outcome.raised else {"raised": False,
                                            "value": encode(outcome.value, arrays)})
            entry = {"design": call.design.name, "label": call.label, "seed": call.seed,
                     "args": encode(list(call.args), arrays),
                     "expected": encode(call.expected, arrays),
                     "network": encode(call.network, arrays), "mutants": mutants}
            if name == "backward_propagation":
                parameters, _, X, Y = call.args
                entry["numeric_gradient"] = encode(
                    numerical_gradient(parameters, X, Y, settings.grad_check_epsilon), arrays)
            stored.append(entry)
        exercises[name] = stored
    manifest = {"format": FORMAT_VERSION, "seed": seed, "exercises": exercises}
    if course_mistakes():
        manifest["course_mistakes"] = [dataclasses.asdict(m) for m in course_mistakes()]
    manifest, arrays = _shared_arrays(manifest, arrays)
    np.savez_compressed(path, manifest=np.array(json.dumps(manifest)),
                        **{f"a{i}": array for i, array in enumerate(arrays)})


def _shared_arrays(manifest, arrays):
    """The manifest with equal arrays stored once: many forms share a step's value."""
    import hashlib

    kept, index_of, remap = [], {}, {}
    for index, array in enumerate(arrays):
        key = (array.dtype.str, array.shape, hashlib.sha1(array.tobytes()).hexdigest())
        if key not in index_of:
            index_of[key] = len(kept)
            kept.append(array)
        remap[index] = index_of[key]

    def renumber(value):
        if isinstance(value, dict):
            if value.get("t") == "nd":
                return {"t": "nd", "i": remap[value["i"]]}
            return {key: renumber(item) for key, item in value.items()}
        if isinstance(value, list):
            return [renumber(item) for item in value]
        return value

    return renumber(manifest), kept
