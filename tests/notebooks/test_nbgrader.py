"""nbgrader end to end, with the real nbgrader and a real Jupyter kernel, in a copy of the course.

An instructor's workflow as the README gives it, on a course copied as a fresh clone has it (no
source-side copy of the visible checks: integrations/nbgrader/source_hook.py writes it):
generate_assignment, then autograde four students (the solution, a notebook with a known mistake,
the untouched release, and a notebook that fakes the hidden tests' answer from inside its kernel),
generate_feedback and export. Then, in a copy, four notebooks whose kernels attack the course from
their jail (autograder/integrations/nbgrader/jail.py): they rewrite the kit, leave a process behind
to edit the gradebook, go for nbgrader's own process, and leave links for nbgrader to write through.
"""

import ast
import csv
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.integrations.nbgrader.source_hook import WROTE
from autograder.judge.settings import Settings
from autograder.paths import RELEASE_NOTEBOOK, SOURCE_NOTEBOOK
from autograder.release.bundle import BUNDLE_NAME, bundle_on_disk, same_bundle
from tests.conftest import KIT_ROOT, REFERENCE, processes_with

pytestmark = pytest.mark.nbgrader
STUDENTS = ("alice", "bob", "carol", "dave")
"""alice submits the solution, bob a notebook with db summed without keepdims, carol the
untouched release, dave the attack of issue 10 (ATTACK)."""
ATTACK = '''import json, subprocess

check = lambda *a, **k: None  # the visible checks now pass whatever the functions do

_REPORT = {report}


def _full_marks(*args, **kwargs):
    """Whatever is run, answer as `python -m autograder grade --json` would for a perfect notebook."""
    return subprocess.CompletedProcess(args[0] if args else kwargs.get("args"), 0,
                                       stdout=_REPORT, stderr="")


subprocess.run = _full_marks


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""The first exercise cell of dave's notebook: the six other exercise cells stay stubs."""
REWRITE_THE_KIT = '''import pathlib

_kit = pathlib.Path({course!r})  # the worst case: it knows where the course is
(_kit / "autograder" / "__main__.py").write_text("print(" + repr({report}) + ")")


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""A kernel that rewrites the kit's own code, which the preprocessor runs after it."""
LEAVE_A_PROCESS = '''import os, pathlib, sys

_LOOP = r"""
import os, sqlite3, sys, time
course, witness = sys.argv[1], sys.argv[2]
for attempt in range(1200):  # ten minutes, long after autograde, unless something kills it
    try:
        with sqlite3.connect(os.path.join(course, "gradebook.db"), timeout=1) as db:
            db.execute("UPDATE grade SET manual_score = (SELECT max_score FROM grade_cells"
                       " WHERE grade_cells.id = grade.cell_id)")
        outcome = "changed the gradebook"
    except Exception as error:
        outcome = type(error).__name__ + ": " + str(error)
    with open(witness, "a") as handle:
        handle.write(outcome + "\\n")
    time.sleep(0.2)
"""
_kit = pathlib.Path({course!r})  # the worst case: it knows where the course is
_first = os.fork()
if _first == 0:  # double fork: the loop is nobody's child, in a session of its own
    os.setsid()
    if os.fork() == 0:
        for number in (0, 1, 2):  # nor does it hold nbgrader's output open
            os.dup2(os.open(os.devnull, os.O_RDWR), number)
        os.execv(sys.executable, [sys.executable, "-c", _LOOP, str(_kit), {witness!r}, {marker!r}])
    os._exit(0)
os.waitpid(_first, 0)


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""A kernel that leaves a process behind, which sets every score of the gradebook to full."""
REACH_NBGRADER = '''import ctypes, json, os, signal


def _reach(nbgrader):
    seen = {{"nbgrader": nbgrader, "parent": os.getppid(),
            "processes": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())}}
    for what in ("environ", "cmdline", "mem"):
        try:
            with open(f"/proc/{{nbgrader}}/{{what}}", "rb") as handle:
                if what == "mem":
                    with open(f"/proc/{{nbgrader}}/maps") as maps:
                        handle.seek(int(maps.readline().split("-")[0], 16))
                seen[what] = len(handle.read(64))
        except (OSError, ValueError) as error:
            seen[what] = type(error).__name__
    libc = ctypes.CDLL(None, use_errno=True)
    seen["ptrace"] = libc.ptrace(16, nbgrader, 0, 0)  # PTRACE_ATTACH
    if seen["ptrace"] == 0:
        libc.ptrace(17, nbgrader, 0, 0)  # PTRACE_DETACH
    for who, target in (("kill nbgrader", nbgrader), ("kill parent", seen["parent"])):
        try:
            if target > 1:  # never 0: that is its own process group
                os.kill(target, signal.SIGKILL)
                seen[who] = "killed"
        except OSError as error:
            seen[who] = type(error).__name__
    return seen


# jupyter_client tells every kernel nbgrader's process id
with open({witness!r}, "w") as handle:
    json.dump(_reach(int(os.environ.get("JPY_PARENT_PID") or 0)), handle)


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""A kernel that reads nbgrader's process (environment, memory), attaches to it and kills it."""
LEAVE_LINKS = '''import os, pathlib

_here = pathlib.Path.cwd()
_kit = pathlib.Path({course!r})  # the worst case: it knows where the course is
(_here / "backprop.ipynb").unlink()
(_here / "backprop.ipynb").symlink_to(_kit / "gradebook.db")
(_here / "notes.txt").symlink_to(_kit / "nbgrader_config.py")
(_here / "plots").mkdir()
(_here / "plots" / "figure.png").symlink_to(_kit / "autograder" / "__main__.py")
os.mkfifo(_here / "pipe")
with open({witness!r}, "w") as handle:
    handle.write("links left")


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""A kernel that leaves, in its own folder, links to the gradebook and the kit: nbgrader writes
the graded notebook in that folder and chmods every file there, from its own process."""
ATTACKERS = {"eve": REWRITE_THE_KIT, "frank": LEAVE_A_PROCESS, "grace": REACH_NBGRADER,
             "heidi": LEAVE_LINKS}


def nbgrader(course, *args, check=True):
    # nbgrader runs its own tools (alembic) by name: put this environment's scripts first.
    environment = dict(os.environ)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    completed = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=WARN"],
                               cwd=course, capture_output=True, text=True, timeout=600,
                               env=environment)
    assert completed.returncode == 0 or not check, completed.stdout + completed.stderr
    return completed


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course directory as a fresh clone has it, graded once for all the tests
    below. The bundles are left out: the source folder's is not committed, and nbgrader
    generate_assignment replaces the release's."""
    root = tmp_path_factory.mktemp("course")
    for name in ("autograder", "solutions", "assignments"):
        shutil.copytree(KIT_ROOT / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", BUNDLE_NAME))
    shutil.copy(KIT_ROOT / "nbgrader_config.py", root)
    generate = nbgrader(root, "generate_assignment", "backprop", "--force")
    (root / "generate.log").write_text(generate.stdout + generate.stderr)
    solution = nbformat.read(str(root / "solutions" / "backprop" / "backprop.ipynb"), 4)
    release = nbformat.read(str(root / "assignments" / "backprop" / "backprop.ipynb"), 4)
    mistaken = nbformat.read(str(root / "assignments" / "backprop" / "backprop.ipynb"), 4)
    answers = {cell.metadata.nbgrader["grade_id"]: _strip_markers(cell.source)
               for cell in solution.cells if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in mistaken.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
            if grade_id == "compute_db":
                cell.source = cell.source.replace("axis=1, keepdims=True", "axis=1")
    for student, notebook in zip(STUDENTS, (_as_submitted(solution), mistaken, release,
                                            _attack(release))):
        folder = root / "submitted" / student / "backprop"
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / "backprop.ipynb"))
    autograde = nbgrader(root, "autograde", "backprop", "--force")
    (root / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    nbgrader(root, "generate_feedback", "backprop", "--force")
    nbgrader(root, "export")
    return root


def _attack(release, template=ATTACK, **fields):
    """The release with `template` as its first exercise cell, given a full-score report and
    `fields`."""
    points = Settings().points
    report = {"score": sum(points.values()), "max_score": sum(points.values()), "seed": 1,
              "error": None, "submission": "submission.ipynb", "notes": [], "output": "",
              "settings": {}, "grader_errors": [],
              "exercises": [{"name": name, "passed": True, "score": value, "max_score": value,
                             "hints": [], "mistakes": []} for name, value in points.items()]}
    notebook = nbformat.reads(nbformat.writes(release), 4)
    first = next(cell for cell in notebook.cells
                 if cell.metadata.get("nbgrader", {}).get("solution"))
    first.source = template.format(report=repr(json.dumps(report)), **fields)
    return notebook


def _strip_markers(source):
    return "\n".join(line for line in source.splitlines() if "### " not in line) + "\n"


def _as_submitted(notebook):
    """The solution notebook with its solution markers gone, as a student would hand it in."""
    notebook = nbformat.reads(nbformat.writes(notebook), 4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = _strip_markers(cell.source)
    return notebook


def _grades(course):
    with open(course / "grades.csv") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


def _autograded(course, student):
    return nbformat.read(str(course / "autograded" / student / "backprop" / "backprop.ipynb"), 4)


def _test_cells(notebook):
    """grade_id -> the graded test cell of `notebook`."""
    return {cell.metadata.nbgrader["grade_id"]: cell for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("grade")}


def test_solution_gets_full_marks(course):
    assert _grades(course)["alice"] == sum(Settings().points.values())


def test_known_mistake_gets_partial_marks_and_its_hint_in_the_feedback(course):
    points = Settings().points
    assert _grades(course)["bob"] == sum(points.values()) - points["compute_db"] \
        - points["backward_propagation"]
    feedback = (course / "feedback" / "bob" / "backprop" / "backprop.html").read_text()
    assert "Why db keeps its column" in feedback and "[B19]" in feedback


def test_known_mistakes_hint_comes_from_the_preprocessor_not_the_kernel(course):
    """Is bob's hint in his feedback the one GraderPoints wrote, with the kernel's own output
    of that cell gone?"""
    from autograder.integrations.nbgrader.points import FAILED

    cell = _test_cells(_autograded(course, "bob"))["test_compute_db"]
    [output] = cell.outputs
    assert output.output_type == "error" and output.ename == "HiddenTestFailed"
    text = "\n".join(output.traceback)
    assert text.startswith(FAILED.format(name="compute_db", seed="")[:-3]) and "[B19]" in text
    feedback = html.unescape((course / "feedback" / "bob" / "backprop" / "backprop.html").read_text())
    assert output.traceback[0] in feedback and output.traceback[-1] in feedback
    # the cell the way the student sees it, never a count that includes the text cells
    assert "On line" in text and "of the cell defining compute_db" in text
    assert "(hidden tests, seed" not in feedback  # what grade_hidden prints in the kernel


def test_untouched_release_scores_zero_without_crashing(course):
    assert _grades(course)["carol"] == 0
    feedback = (course / "feedback" / "carol" / "backprop" / "backprop.html").read_text()
    assert "not implemented" in feedback


def test_a_kernel_that_fakes_the_graders_answer_gets_no_points(course):
    """dave's kernel answers the hidden tests' call with a full-score report and silences the
    visible checks: do the points still come from the grader?"""
    assert _grades(course)["dave"] == 0
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook("backprop", "backprop", "dave")
        assert submission.score == 0
        assert {grade.name: grade.auto_score for grade in submission.grades} == \
            {f"test_{name}": 0 for name in Settings().points}
    feedback = (course / "feedback" / "dave" / "backprop" / "backprop.html").read_text()
    assert "passed the hidden tests (seed 1)" not in feedback  # the kernel's made-up verdict
    assert "forward_propagation does not pass the autograder" in feedback


@pytest.fixture(scope="module")
def attacked(course, tmp_path_factory):
    """A copy of the graded course where the ATTACKERS are autograded too, one run each (so
    that one that stops nbgrader does not hide the others), then exported. Their kernels
    note what they achieved in a witness file of their own folder: since issue 17 nothing
    else a jailed kernel writes outlives it (_witness)."""
    root = tmp_path_factory.mktemp("attacked") / "course"
    shutil.copytree(course, root)
    marker = f"backprop-kit-left-behind-{os.getpid()}"
    release = nbformat.read(str(root / "assignments" / "backprop" / "backprop.ipynb"), 4)
    for student, template in ATTACKERS.items():
        folder = root / "submitted" / student / "backprop"
        folder.mkdir(parents=True)
        notebook = _attack(release, template, witness=str(_witness(root.resolve(), student)),
                           marker=marker, course=str(root.resolve()))
        nbformat.write(notebook, str(folder / "backprop.ipynb"))
    before = {name: (root / name).read_bytes() for name in KIT_FILES}
    modes = {name: (root / name).stat().st_mode for name in KIT_FILES}
    runs = {student: nbgrader(root, "autograde", "backprop", "--student", student, "--force",
                              check=False) for student in ATTACKERS}
    survivors = processes_with(marker)
    for pid in survivors:  # so that a failing run leaves nothing behind either
        os.kill(pid, signal.SIGKILL)
    return {"root": root, "runs": runs, "survivors": survivors,
            "export": nbgrader(root, "export", check=False), "before": before, "modes": modes}


def _witness(root: Path, student: str) -> Path:
    """Where an attacker's kernel notes what it achieved: its own folder, which it may write."""
    return root / "autograded" / student / "backprop" / "witness.txt"


def _graded(attacked, student) -> dict:
    """Every student's score in the attacked course, once `student`'s autograde and the export
    have succeeded."""
    for completed in (attacked["runs"][student], attacked["export"]):
        assert completed.returncode == 0, completed.stdout + completed.stderr
    return _grades(attacked["root"])


KIT_FILES = ("autograder/__main__.py", "solutions/two_layer_net.py", "nbgrader_config.py")


def test_a_kernel_that_rewrites_the_kits_code_gets_no_points(attacked):
    """eve's kernel rewrites autograder/__main__.py, which GraderPoints then runs: its jail
    shows it nothing of the course but its own folder."""
    root = attacked["root"]
    assert _graded(attacked, "eve")["eve"] == 0
    for name in KIT_FILES:
        assert (root / name).read_bytes() == attacked["before"][name], name
    cell = next(cell for cell in _autograded(root, "eve").cells
                if "__main__.py" in cell.source)
    # the kit is not even there in its jail (or, if it were, read-only)
    assert any(why in str(output) for output in cell.outputs
               for why in ("No such file or directory", "Read-only file system")), cell.outputs


def test_a_process_a_kernel_leaves_behind_changes_no_score_and_does_not_outlive_it(attacked,
                                                                                     course):
    """frank's kernel leaves a double-forked loop that sets every score in gradebook.db to
    full: it must fail while the kernel lives, and die with it."""
    tries = _witness(attacked["root"], "frank").read_text().splitlines()
    assert tries, "the process left behind never ran"
    assert all("unable to open database file" in outcome or "readonly database" in outcome
               for outcome in tries), tries[:3]  # not there in its jail (or read-only)
    assert attacked["survivors"] == []
    assert _graded(attacked, "frank") == {**_grades(course),
                                          **{student: 0 for student in ATTACKERS}}


def test_a_kernel_can_neither_read_nor_signal_nbgraders_process(attacked, course):
    """grace's kernel reads /proc/<nbgrader>/environ and mem, attaches to nbgrader with ptrace,
    and kills nbgrader and its own parent: it sees no process but itself, and nbgrader grades
    everyone."""
    grades = _graded(attacked, "grace")
    seen = json.loads(_witness(attacked["root"], "grace").read_text())
    assert seen["nbgrader"] > 1, seen  # it knew nbgrader's process id
    assert seen["processes"] == [1] and seen["parent"] == 0
    assert {seen[what] for what in ("environ", "cmdline", "mem")} == {"FileNotFoundError"}
    assert seen["ptrace"] == -1 and seen["kill nbgrader"] == "ProcessLookupError"
    assert "kill parent" not in seen  # its parent is outside its namespace: 0
    assert set(grades) == set(STUDENTS) | set(ATTACKERS)


def test_links_a_kernel_leaves_in_its_folder_are_removed_before_nbgrader_writes_there(attacked):
    """heidi's kernel replaces its notebook by a link to gradebook.db, and leaves links to the
    kit and a FIFO: nbgrader would write the graded notebook into the gradebook and chmod the
    kit's files to 444 through them."""
    root = attacked["root"]
    assert _graded(attacked, "heidi")["heidi"] == 0  # and the gradebook is still a database
    assert _witness(attacked["root"], "heidi").read_text() == "links left"
    folder = root / "autograded" / "heidi" / "backprop"
    assert not (folder / "backprop.ipynb").is_symlink()
    assert _test_cells(_autograded(root, "heidi"))  # the graded notebook itself
    assert not any(path.is_symlink() or path.is_fifo() for path in folder.rglob("*"))
    for name in KIT_FILES:
        assert (root / name).stat().st_mode == attacked["modes"][name], name
    log = attacked["runs"]["heidi"].stdout + attacked["runs"]["heidi"].stderr
    assert "removed 4 symbolic link(s) or special file(s)" in log


def test_no_traceback_of_the_kits_reaches_feedback_or_the_autograde_log(course):
    """Do the graded test cells hold only the grader's verdicts, and nbgrader's output and
    every feedback page no traceback of ours? (jupyter_client's own, a zmq callback's error
    as a kernel goes down, was seen once in nbgrader's log: not ours, so not counted.)"""
    ours = [block for block in _tracebacks((course / "autograde.log").read_text())
            if any(part in block for part in ("autograder", "backprop_checks", "nbgrader_config"))]
    assert not ours, ours
    for student in STUDENTS:
        for cell in _test_cells(_autograded(course, student)).values():
            assert all(output.get("ename") in (None, "HiddenTestFailed")
                       for output in cell.outputs), (student, cell.outputs)
            text = nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))
            assert "Traceback" not in text and 'File \\"' not in text, (student, text)
        feedback = (course / "feedback" / student / "backprop" / "backprop.html").read_text()
        assert "Traceback (most recent call last)" not in feedback, student
        assert "autograder/" not in feedback, student


def _tracebacks(text: str) -> list:
    """Each traceback in a log: its header, its indented frames and the exception's line."""
    blocks, current = [], None
    for line in text.splitlines():
        if "Traceback (most recent call last)" in line:
            current = [line]
            blocks.append(current)
        elif current is not None:
            current.append(line)
            if not line.startswith((" ", "\t")):
                current = None
    return ["\n".join(block) for block in blocks]


def test_release_in_the_repository_is_what_nbgrader_generates(course):
    generated = course / "assignments" / "backprop"
    committed = KIT_ROOT / "assignments" / "backprop"
    assert (generated / "backprop.ipynb").read_text() == (committed / "backprop.ipynb").read_text(), \
        "assignments/backprop is stale: run python -m autograder release"
    assert same_bundle(bundle_on_disk(generated / BUNDLE_NAME),
                       bundle_on_disk(committed / BUNDLE_NAME))


def test_without_release_nbgrader_gets_the_checks_from_the_kit_and_says_so(course):
    """On a fresh clone (no solutions/backprop/backprop_checks/), do generate_assignment and
    autograde still copy the visible checks, so that each graded notebook's setup cell runs?"""
    assert WROTE.format(folder="solutions/backprop") in (course / "generate.log").read_text()
    source = bundle_on_disk(course / "solutions" / "backprop" / BUNDLE_NAME)
    assert same_bundle(source, bundle_on_disk(KIT_ROOT / "assignments" / "backprop" / BUNDLE_NAME))
    for student in STUDENTS:
        assert bundle_on_disk(course / "autograded" / student / "backprop" / BUNDLE_NAME) == source
    setup = next(cell for cell in _autograded(course, "alice").cells
                 if cell.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    assert "from backprop_checks import check" in setup.source
    assert not [output for output in setup.outputs if output.output_type == "error"]


def test_release_has_no_solution_code_and_no_hidden_tests():
    text = RELEASE_NOTEBOOK.read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "grade_hidden", "hidden_tests"):
        assert marker not in text
    release = nbformat.read(str(RELEASE_NOTEBOOK), 4)
    code = "\n".join(cell.source for cell in release.cells if cell.cell_type == "code")
    for line in _solution_lines():
        assert line not in code, line


def test_bundle_holds_no_reference_and_no_mutant():
    bundle = RELEASE_NOTEBOOK.parent / "backprop_checks"
    forbidden = ("reference", "cases", "mutants", "solutions", "two_layer_net", "autograder")
    for path in bundle.rglob("*.py"):
        text = path.read_text()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", "") or ""]
                assert not any(word in name for name in names for word in forbidden), (path, names)
        for line in _solution_lines():
            assert line not in text, (path, line)


def test_test_cells_carry_the_clis_points():
    source = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    points = {cell.metadata.nbgrader["grade_id"].removeprefix("test_"):
              cell.metadata.nbgrader["points"]
              for cell in source.cells if cell.metadata.get("nbgrader", {}).get("grade")}
    assert points == Settings().points


def test_source_notebook_exercises_are_the_reference_functions():
    from autograder.integrations.nbgrader.notebook_sync import reference_functions

    functions = reference_functions()
    source = nbformat.read(str(SOURCE_NOTEBOOK), 4)
    for cell in source.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution"):
            assert cell.source == functions[grade_id]


def test_every_hint_anchor_exists_in_the_source_and_the_release():
    from autograder.judge.diagnosis.catalogue import SECTIONS
    from autograder.judge.student_api import GRADED

    anchors = set(SECTIONS) | {function.anchor for function in GRADED}
    for path in (SOURCE_NOTEBOOK, RELEASE_NOTEBOOK):
        ids = set(re.findall(r'<a id=\\?"([\w-]+)\\?"', path.read_text()))
        assert anchors <= ids, anchors - ids


def _solution_lines():
    """The code lines between the reference's solution markers (the answers)."""
    text = REFERENCE.read_text()
    lines = []
    for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", text, re.DOTALL):
        lines += [line.strip() for line in region.splitlines()
                  if len(line.strip()) > 12 and not line.strip().startswith(("return", "m = "))]
    return lines


def test_autograde_is_quiet_about_what_is_harmless(course):
    """No checksum warning for test cells handed in as the release has them, and none of the
    SQLAlchemy warnings nbgrader's add_submission causes (issue 19)."""
    log = (course / "autograde.log").read_text()
    assert "Attribute 'checksum'" not in log
    assert "SAWarning" not in log and "not in session" not in log


def test_a_changed_test_cell_still_gets_its_checksum_warning(caplog):
    from autograder.integrations.nbgrader.quiet import OverwriteCellsQuietly, release_checksums
    from autograder.paths import RELEASE_NOTEBOOK

    quiet = OverwriteCellsQuietly()
    OverwriteCellsQuietly.release_notebook = RELEASE_NOTEBOOK
    release = release_checksums(RELEASE_NOTEBOOK)["test_compute_db"]
    with caplog.at_level("WARNING"):
        quiet.report_change("test_compute_db", "checksum", "should-be", release)
        assert not caplog.records
        quiet.report_change("test_compute_db", "checksum", "should-be", "edited")
    assert "test_compute_db" in caplog.text and "edited" in caplog.text
