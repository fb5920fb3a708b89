"""Course catalogues: an instructor's own mistakes, checked, then used by every way of grading.

The course entry here is a mistake the kit does not know (Y and 1 - Y swapped between the two
log terms of the cost). Students write it two ways; the grader, the batch, Gradescope and the
notebook's own checks must all name it once the catalogue is given, and `catalogue check` must
refuse entries a class could not rely on.
"""

import json
import subprocess
import sys
import textwrap
import zipfile

import pytest

from tests.conftest import REFERENCE, grade_json, run_subprocess

COURSE_FILE = '''
import numpy as np
from autograder.course import mistake, reference

@mistake("ML101-1", "compute_cost",
         title="Y and 1 - Y swapped between the two log terms",
         hint="Your cost pairs Y with log(1 - A2) and 1 - Y with log A2: here it comes out "
              "{got_entry} where {want_entry} is expected (m = {m}).",
         anchor="loss-versus-cost")
def cost_labels_swapped(A2, Y):
    m = Y.shape[1]
    return float(-np.sum((1 - Y) * np.log(A2) + Y * np.log(1 - A2)) / m)
'''
RIGHT_COST = "cost = -np.sum(logprobs) / m"
SWAPPED = ("logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))",
           "logprobs = np.multiply(1 - Y, np.log(A2)) + np.multiply(Y, np.log(1 - A2))")
SWAPPED_INLINE = (RIGHT_COST, "cost = -(np.sum(Y * np.log(1 - A2)) + np.sum((1 - Y) * "
                              "np.log(A2))) / m")
"""The same mistake written another way: an inline sum of two sums."""


def course_file(folder, text=COURSE_FILE, name="course_mistakes.py"):
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    path.chmod(0o644)
    return path


def write_submission(folder, name, *replacements):
    text = REFERENCE.read_text()
    for old, new in zip(replacements[::2], replacements[1::2]):
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text)
    return path


def exercise(report, name):
    return next(e for e in report["exercises"] if e["name"] == name)


# grade, batch, gradescope-run and the notebook's checks use the entry.

def test_grade_names_the_course_entry_only_with_the_catalogue(tmp_path):
    catalogue = course_file(tmp_path / "course")
    wrong = write_submission(tmp_path, "wrong.py", *SWAPPED)
    without = exercise(grade_json(wrong), "compute_cost")
    assert "ML101-1" not in without["mistakes"]
    named = exercise(grade_json(wrong, "--catalogue", catalogue), "compute_cost")
    assert named["mistakes"] == ["ML101-1"]
    assert "Your cost pairs Y with log(1 - A2)" in named["hints"][0]
    assert named["hints"][0].endswith("[ML101-1]")
    right = grade_json(REFERENCE, "--catalogue", catalogue)
    assert right["score"] == right["max_score"]
    assert all(not e["hints"] for e in right["exercises"])


def test_batch_names_it_for_both_ways_of_writing_it_and_records_its_titles(tmp_path):
    catalogue = course_file(tmp_path / "course")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    write_submission(submissions, "ann.py", *SWAPPED)
    write_submission(submissions, "bob.py", *SWAPPED_INLINE)
    write_submission(submissions, "cat.py")
    out = tmp_path / "results"
    completed = run_subprocess("batch", submissions, "--out", out, "--seed", "3", "--jobs", "2",
                               "--catalogue", catalogue)
    assert completed.returncode == 0, completed.stderr
    for student in ("ann", "bob"):
        report = json.loads((out / f"{student}.json").read_text())
        assert exercise(report, "compute_cost")["mistakes"] == ["ML101-1"]
    record = json.loads((out / "batch.json").read_text())["course_catalogue"]
    assert record["titles"] == {"ML101-1": "Y and 1 - Y swapped between the two log terms"}
    assert "ML101-1: Y and 1 - Y swapped" in completed.stdout
    assert "the catalogue does not know" not in completed.stdout


def test_gradescope_zip_carries_the_catalogue_and_run_autograder_uses_it(tmp_path):
    catalogue = course_file(tmp_path / "course")
    archive = tmp_path / "autograder.zip"
    completed = run_subprocess("gradescope", "--out", archive, "--catalogue", catalogue)
    assert completed.returncode == 0, completed.stderr
    with zipfile.ZipFile(archive) as unpacked:
        assert unpacked.read("course_catalogue.py").decode() == catalogue.read_text()
        assert b"--catalogue /autograder/source/course_catalogue.py" in \
            unpacked.read("run_autograder")
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    write_submission(root / "submission", "two_layer_net.py", *SWAPPED)
    completed = run_subprocess("gradescope-run", "--root", root, "--seed", "5",
                               "--catalogue", catalogue)
    assert completed.returncode == 0, completed.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    outputs = {test["name"]: test["output"] for test in results["tests"]}
    assert "[ML101-1]" in outputs["compute_cost: hidden checks"]
    assert "[ML101-1]" in outputs["compute_cost: the notebook's checks"]


def test_a_release_with_the_catalogue_gives_its_hint_in_the_notebooks_checks(tmp_path):
    from autograder.course.loading import installed, load_catalogue
    from autograder.release.bundle import write_bundle

    catalogue = load_catalogue(course_file(tmp_path / "course"))
    with installed(catalogue):
        bundle = write_bundle(tmp_path / "release")
    wrong = write_submission(tmp_path, "wrong.py", *SWAPPED)
    script = f"""
        import sys; sys.path.insert(0, {str(bundle.parent)!r})
        import contextlib, importlib.util, io, json
        spec = importlib.util.spec_from_file_location("mine", {str(wrong)!r})
        mine = importlib.util.module_from_spec(spec); spec.loader.exec_module(mine)
        from backprop_checks import check, CheckFailed
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            check("compute_cost", mine.compute_cost)
        print(json.dumps(printed.getvalue()))
    """
    completed = subprocess.run([sys.executable, "-I", "-c", textwrap.dedent(script)],
                               cwd=bundle.parent, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    printed = json.loads(completed.stdout.strip().splitlines()[-1])
    assert "[ML101-1]" in printed and "Your cost pairs Y with log(1 - A2)" in printed
    shipped = "".join(p.read_text() for p in bundle.rglob("*.py"))
    assert "np.log(1 - A2)) / m)" not in shipped, "the wrong implementation never ships"


# catalogue check refuses what a class could not rely on.

def check_file(tmp_path, text):
    path = course_file(tmp_path / "course", COURSE_FILE + textwrap.dedent(text))
    completed = run_subprocess("catalogue", "check", path)
    assert "Traceback" not in completed.stdout + completed.stderr
    return completed


def test_check_passes_a_usable_entry_and_shows_the_hint_the_grader_gives(tmp_path):
    completed = check_file(tmp_path, "")
    assert completed.returncode == 0, completed.stdout
    assert "✓ ML101-1 (compute_cost): shows on 3 of 3 designs" in completed.stdout
    assert "Your cost pairs Y with log(1 - A2)" in completed.stdout


@pytest.mark.parametrize("entry, says", [
    ('''
     @mistake("ML101-2", "compute_cost", title="Right after all", hint="Your cost.",
              anchor="loss-versus-cost")
     def cost_right(A2, Y):
         return reference.compute_cost(A2, Y)
     ''', "cannot tell it from the reference"),
    ('''
     @mistake("ML101-2", "compute_db", title="No 1/m", hint="Your db adds up m = {m} examples.",
              anchor="deriving-dw")
     def db_sum(dZ):
         return np.sum(dZ, axis=1, keepdims=True)
     ''', "indistinguishable from B34"),
    ('''
     @mistake("ML101-2", "compute_cost", title="One term, no 1/m", hint="Your cost.",
              anchor="loss-versus-cost")
     def cost_one_term(A2, Y):
         return float(-np.sum(Y * np.log(A2)))
     ''', "indistinguishable from the kit's combination of C3 and C2"),
    ('''
     @mistake("ML101-2", "compute_cost", title="Swapped, written otherwise", hint="Your cost.",
              anchor="loss-versus-cost")
     def cost_swapped_again(A2, Y):
         return -(np.sum(Y * np.log(1 - A2)) + np.sum((1 - Y) * np.log(A2))) / Y.shape[1]
     ''', "indistinguishable from ML101-1"),
])
def test_check_refuses_an_entry_the_grader_cannot_tell_apart(tmp_path, entry, says):
    completed = check_file(tmp_path, entry)
    assert completed.returncode == 1
    assert "✗ ML101-2" in completed.stdout and says in completed.stdout, completed.stdout


@pytest.mark.parametrize("entry, says", [
    ('''
     @mistake("B99", "compute_cost", title="t", hint="h", anchor="loss-versus-cost")
     def kit_like(A2, Y):
         return 0.0
     ''', "needs the course's own prefix"),
    ('''
     @mistake("ML101-2", "compute_cost", title="t", hint="Off by {factor}.",
              anchor="loss-versus-cost")
     def field(A2, Y):
         return 0.0
     ''', "The hint names {factor}"),
    ('''
     @mistake("ML101-2", "compute_cost", title="t", hint="h", anchor="no-such-section")
     def anchor(A2, Y):
         return 0.0
     ''', "is not a section of the notebook"),
    ('''
     @mistake("ML101-2", "compute_cost", title="t", hint="h", anchor="loss-versus-cost")
     def three(A2, Y, m):
         return 0.0
     ''', "takes 3 parameter(s); compute_cost takes 2"),
    ('''
     @mistake("ML101-1", "compute_dZ2", title="t", hint="h", anchor="deriving-dz2")
     def again(A2, Y):
         return A2 - Y
     ''', "ML101-1 is already taken"),
])
def test_check_refuses_an_entry_that_is_not_well_formed(tmp_path, entry, says):
    completed = check_file(tmp_path, entry)
    assert completed.returncode == 1
    assert says in completed.stdout, completed.stdout


@pytest.mark.parametrize("body, says", [
    ('raise NotImplementedError("write the wrong implementation")', "not written yet"),
    ("return float(np.random.random())", "another outcome each time it runs"),
])
def test_check_refuses_an_entry_that_is_not_written_or_not_repeatable(tmp_path, body, says):
    completed = check_file(tmp_path, f'''
        @mistake("ML101-2", "compute_cost", title="t", hint="h", anchor="loss-versus-cost")
        def unfinished(A2, Y):
            {body}
        ''')
    assert completed.returncode == 1
    assert says in completed.stdout, completed.stdout


def test_check_says_when_an_earlier_step_of_the_diagnosis_explains_the_outcome(tmp_path):
    # The template's None placeholder left in: the grader explains that error from the
    # student's own line (U11) before it tries any catalogue entry.
    completed = check_file(tmp_path, '''
        @mistake("ML101-2", "compute_cost", title="t", hint="h", anchor="loss-versus-cost")
        def placeholder_left(A2, Y):
            logprobs = None
            cost = logprobs * Y
            return float(cost)
        ''')
    assert completed.returncode == 1
    assert "the grader names U11, not ML101-2" in completed.stdout


def test_grade_refuses_a_catalogue_with_an_unusable_entry_and_says_why(tmp_path):
    path = course_file(tmp_path / "course", COURSE_FILE + textwrap.dedent('''
        @mistake("ML101-2", "compute_cost", title="t", hint="h", anchor="loss-versus-cost")
        def unfinished(A2, Y):
            raise NotImplementedError
        '''))
    completed = run_subprocess("grade", REFERENCE, "--catalogue", path)
    assert completed.returncode == 2
    assert "ML101-2: The wrong implementation is not written yet" in completed.stderr
    assert "Traceback" not in completed.stderr and not completed.stdout


def test_a_catalogue_others_could_write_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = COURSE_FILE + f"\nopen({str(marker)!r}, 'w').close()\n"
    path = course_file(tmp_path / "course", text)
    path.chmod(0o666)
    completed = run_subprocess("grade", REFERENCE, "--catalogue", path)
    assert completed.returncode == 2 and "can be written by other users" in completed.stderr
    path.chmod(0o644)
    submissions = tmp_path / "course"
    completed = run_subprocess("batch", submissions, "--out", tmp_path / "results",
                               "--catalogue", path)
    assert completed.returncode == 2 and "folder of submissions" in completed.stderr
    assert not marker.exists()


def test_a_catalogue_that_does_not_run_is_reported_in_one_line(tmp_path):
    path = course_file(tmp_path / "course", "import numpy as np\nnp.nope()\n")
    completed = run_subprocess("catalogue", "check", path)
    assert completed.returncode == 1
    assert "does not run: AttributeError" in completed.stdout
    assert "Traceback" not in completed.stdout + completed.stderr


# catalogue new: from a group in the class summary to a starting entry.

def test_catalogue_new_starts_an_entry_from_a_group_without_running_its_code(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    marker = tmp_path / "ran"
    # A student's comment holding code that would write a file if it ever ran, behind a form
    # feed and an escape sequence.
    hostile = f"cost = -np.sum(logprobs) / m  # \x0c\x1b[2J open({str(marker)!r}, 'w')"
    write_submission(submissions, "ann.py", *SWAPPED, RIGHT_COST, hostile)
    write_submission(submissions, "bob.py", *SWAPPED)
    out = tmp_path / "results"
    completed = run_subprocess("batch", submissions, "--out", out, "--seed", "3")
    assert completed.returncode == 0, completed.stderr
    groups = {e["group"] for s in ("ann", "bob")
              for e in json.loads((out / f"{s}.json").read_text())["exercises"]
              if e["name"] == "compute_cost"}
    assert len(groups) == 1, "one mistake, one group"
    group = groups.pop()
    assert group in completed.stdout
    target = tmp_path / "course" / "course_mistakes.py"
    target.parent.mkdir()
    completed = run_subprocess("catalogue", "new", group, "--results", out, "--to", target)
    assert completed.returncode == 0, completed.stderr
    text = target.read_text()
    assert "np.multiply(1 - Y, np.log(A2))" in text, "the student's code, as a comment"
    import ast

    tree = ast.parse(text)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert len(functions) == 1 and isinstance(functions[0].body[0], ast.Raise), \
        "the student's code stays in the comment"
    checked = run_subprocess("catalogue", "check", target)
    assert checked.returncode == 1 and "TODO" in checked.stdout
    assert not marker.exists()
    completed = run_subprocess("catalogue", "new", "0000000000", "--results", out, "--to", target)
    assert completed.returncode == 2 and "No uncatalogued group 0000000000" in completed.stderr
    completed = run_subprocess("catalogue", "new", group, "--results", out, "--to",
                               tmp_path / "no-such-folder" / "course_mistakes.py")
    assert completed.returncode == 2 and "cannot be written" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_nbgraders_preprocessor_passes_the_catalogue_to_the_grader(tmp_path, caplog):
    import logging

    import nbformat

    from autograder.integrations.nbgrader.points import GraderPoints, graded_function
    from autograder.paths import SOURCE_NOTEBOOK

    catalogue = course_file(tmp_path / "course")
    notebook = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "compute_cost":
            assert SWAPPED[0] in cell.source
            cell.source = cell.source.replace(*SWAPPED)
    resources = {"nbgrader": {"student": "erin", "assignment": "backprop",
                              "notebook": "backprop"}}
    with caplog.at_level(logging.DEBUG):
        graded, _ = GraderPoints(log=logging.getLogger("test"), catalogue=str(catalogue)) \
            .preprocess(notebook, resources)
    outputs = {graded_function(cell): " ".join(" ".join(o.get("traceback", [o.get("text", "")]))
                                               for o in cell.outputs)
               for cell in graded.cells if graded_function(cell)}
    assert "[ML101-1]" in outputs["compute_cost"], outputs["compute_cost"]


def test_nbgraders_hook_writes_the_source_bundle_with_the_course_catalogue(tmp_path, monkeypatch):
    import numpy as np

    from autograder.integrations.nbgrader import source_hook as nbgrader_source
    from autograder.judge.diagnosis.catalogue import MISTAKES_BY_ID
    from autograder import paths

    folder = tmp_path / "course" / "solutions" / "backprop"
    folder.mkdir(parents=True)
    course_file(tmp_path / "course")
    monkeypatch.setattr(paths, "SOURCE_ASSIGNMENT", folder)
    nbgrader_source._refresh_once.cache_clear()
    try:
        hook = nbgrader_source.source_bundle_refresher("course_mistakes.py")
        hook(assignment="backprop", student="alice", notebooks=[])
    finally:
        nbgrader_source._refresh_once.cache_clear()
    with np.load(folder / "backprop_checks" / "fixtures.npz", allow_pickle=False) as data:
        manifest = json.loads(str(data["manifest"]))
    assert [entry["id"] for entry in manifest["course_mistakes"]] == ["ML101-1"]
    assert "ML101-1" not in MISTAKES_BY_ID, "installed only while the copy was written"
