"""Cross-student red team (issue 10): can one student's code reach another student's grade?

One class goes through the real `batch` command (a subprocess; as root and as a normal user,
each with --jobs 1 and --jobs 2): four honest students (copies of the reference, each with a
marker string of its own), a weak one whose functions are wrong, and one attacker per attack
(tests/redteam/cross_student_attacks.py), plus students whose file is a symbolic or a hard link
to a classmate's file or to the reference. Each attacker is given the worst case: the absolute
paths of the submissions, of RESULTS, of every other student's file, of the reference and of
the report key are written into its source. It tells what it achieved in its own output,
which the grader puts in its report.

The bar, for every attack: every other student's report is what a class of the honest students
alone gets; no other submission's text, no line of the reference and not the report key reaches
any report, the gradebook, batch.json or what batch prints; every file in RESULTS is one the
grader wrote and signed (a resumed run trusts them all and grades nothing again); no process of
an attacker, and nothing it wrote, outlives the batch; the grader's disk does not fill. The
same kinds of attack go through `grade FILE --json` and `gradescope-run` at the end.

One class per mode holds every attacker, so that the four batches take about 20 s in all; each
test reads what its mode's batch left.
"""

import contextlib
import csv
import ctypes
import io
import json
import os
import shutil
import signal
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.classroom.signing import is_signed_report
from autograder.reporters.printable import printable
from tests.conftest import REFERENCE, KitAs
from tests.redteam.cross_student_attacks import (ATTACKERS, SINGLE_SUBMISSION, TELL_THROUGH_A_HINT,
                                                 Attack, attacker_source)
from tests.redteam.test_redteam import WRONG_FUNCTIONS

SEED = 11
HONEST = ("a_alice", "n_nina", "o_olga", "z_zoe")
"""Copies of the reference: 10/10, no note (o_olga is hard-linked by an attacker: one note)."""
WEAK = "y_yuri_weak"
"""Wrong functions: 0 points, which no attacker may turn into 10."""
FOLDERS = {"z_zoe": "two_layer_net.py"}
"""Students who hand in a folder holding their file, not the file itself."""
REFERENCE_LINE = "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))"
"""A line of the reference that no report of this class may hold."""
SUCCEEDED = "ATTACK-SUCCEEDED"
RAN = "ATTACK-RAN"
DISK_DROP_LIMIT = 128 * 2**20
"""The most the RESULTS filesystem may lose during a batch (an attacker tries 100 MB in each
folder it knows of, and the workers' output files take up to 16 MB each while they run)."""

SYMLINKED = ("i1_links_classmate", "i2_links_reference", "i3_links_classmate_folder")
"""Attack 8: a symbolic link to another student's file, to the reference, to a student's folder."""
HARD_LINKED = ("k1_links_classmate", "k2_links_reference")
"""Attack 9: a hard link to another student's file (o_olga's) and to the reference."""
STUDENTS = tuple(sorted((*HONEST, WEAK, *ATTACKERS, *SYMLINKED, *HARD_LINKED)))
FLAGGED = {"o_olga", *HARD_LINKED}
"""The students the grader flags for the instructor (a file with two names)."""


def _counts(stdout: str, total: int) -> tuple:
    """(graded now, graded earlier, not graded) from batch's first line, which add up to the
    class (issue 19); (-1, -1, -1) when the line is not there."""
    import re

    found = re.search(rf"Graded (\d+) of {total} submissions .*?; (\d+) were already graded"
                      r"(?:; (\d+) could not be graded)?", stdout)
    if not found:
        return -1, -1, -1
    return int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)


def expected_total(student: str) -> int:
    if student in ATTACKERS:
        return ATTACKERS[student].score
    return 0 if student in (WEAK, *SYMLINKED) else 10


@dataclass
class ClassRun:
    """One class graded by `batch` as one user with some --jobs, and all it left."""

    kit: KitAs
    jobs: int
    token: str
    parent: Path
    sub: Path
    out: Path
    home: Path
    control: dict = field(default_factory=dict)
    """Student -> report of the class of the honest (and the weak) students alone."""
    completed: object = None
    resumed: object = None
    texts: dict = field(default_factory=dict)
    """File name in RESULTS -> its text, right after the batch."""
    texts_after_resume: dict = field(default_factory=dict)
    submissions_before: dict = field(default_factory=dict)
    submissions_after: dict = field(default_factory=dict)
    free_before: int = 0
    free_after: int = 0
    survivors: list = field(default_factory=list)
    """Processes of the attackers alive when the batch had ended: (pid, what)."""
    leftovers: list = field(default_factory=list)
    """What attackers left outside the class's folders (host /tmp, /dev/shm, SysV memory)."""
    python_folders: list = field(default_factory=list)
    """Where the Python that runs the workers lives: no worker may write there."""

    @property
    def mark(self) -> str:
        return "bpkx" + self.token[:10]

    @property
    def shm_key(self) -> int:
        return int(self.token[:7], 16)

    @property
    def key_path(self) -> Path:
        return self.home / ".cache" / "backprop-kit" / "report-key"

    @property
    def reference(self) -> Path:
        return self.kit.kit / "solutions" / "two_layer_net.py"

    def secret(self, student: str) -> str:
        return f"BPK-SECRET-{self.token}-{student}"

    def submission(self, student: str, folder: Path = None) -> Path:
        folder = folder or self.sub
        if student in FOLDERS:
            return folder / student / FOLDERS[student]
        if student in (*HARD_LINKED, "i1_links_classmate"):
            return folder / student / "work.py"
        return folder / f"{student}.py"

    def report(self, student: str) -> dict:
        """The student's report as the batch left it (a stand-in if none can be read)."""
        try:
            return json.loads(self.texts[f"{student}.json"])
        except (KeyError, ValueError) as error:
            return {"score": None, "error": f"<no report: {error!r}>", "output": "",
                    "notes": [], "exercises": [], "grader_errors": []}

    def gradebook(self) -> dict:
        return {row["student"]: row for row in csv.DictReader(io.StringIO(
            self.texts.get("gradebook.csv", "")))}

    def key(self) -> bytes:
        return bytes.fromhex(self.key_path.read_text().strip())

    def every_text(self) -> dict:
        """Everything the grader wrote or printed, by where it was found."""
        texts = {f"RESULTS/{name}": text for name, text in self.texts.items()}
        texts.update({f"RESULTS/{name} (after the resumed run)": text
                      for name, text in self.texts_after_resume.items()})
        for label, completed in (("batch", self.completed), ("resumed batch", self.resumed)):
            if completed is not None:
                texts[f"{label} stdout"] = completed.stdout
                texts[f"{label} stderr"] = completed.stderr
        return texts


def _own(run: ClassRun, path: Path) -> None:
    """Give `path` to the user the kit runs as, as an instructor's own class would be."""
    if run.kit.user is not None:
        os.chown(path, run.kit.user.pw_uid, run.kit.user.pw_gid, follow_symlinks=False)


def _write(run: ClassRun, path: Path, text: str) -> None:
    if path.parent != run.sub and not path.parent.exists():
        path.parent.mkdir()
        path.parent.chmod(0o755)
        _own(run, path.parent)
    path.write_text(text)
    path.chmod(0o644)
    _own(run, path)


def _honest_source(run: ClassRun, student: str) -> str:
    base = WRONG_FUNCTIONS if student == WEAK else REFERENCE.read_text()
    return base + f'\n\nSECRET = "{run.secret(student)}"  # in this student\'s file only\n'


def _attacker_source(run: ClassRun, attack: Attack, genuine: str) -> str:
    others = {student: str(run.submission(student)) for student in STUDENTS
              if student != attack.student}
    return attacker_source(attack, {
        "token": run.token, "mark": run.mark, "me": attack.student, "sub": str(run.sub),
        "out": str(run.out), "key": str(run.key_path), "ref": str(run.reference),
        "kit": str(run.kit.kit), "students": others, "genuine": genuine,
        "shm_key": run.shm_key, "wrong": WRONG_FUNCTIONS, "reference": REFERENCE.read_text()})


def _write_class(run: ClassRun, genuine: str) -> None:
    for student in (*HONEST, WEAK):
        _write(run, run.submission(student), _honest_source(run, student))
    for student, attack in ATTACKERS.items():
        _write(run, run.submission(student), _attacker_source(run, attack, genuine))
    # Attack 8: symbolic links to another student's file, to the reference, to a folder.
    mine = run.submission("i1_links_classmate")
    mine.parent.mkdir()
    _own(run, mine.parent)
    mine.symlink_to(run.submission("a_alice"))
    (run.sub / "i2_links_reference.py").symlink_to(run.reference)
    (run.sub / "i3_links_classmate_folder").symlink_to(run.sub / "z_zoe",
                                                       target_is_directory=True)
    # Attack 9: hard links to another student's file and to the reference.
    for student, target in (("k1_links_classmate", run.submission("o_olga")),
                            ("k2_links_reference", run.reference)):
        path = run.submission(student)
        path.parent.mkdir()
        _own(run, path.parent)
        os.link(target, path)
    for path in (mine, run.sub / "i2_links_reference.py", run.sub / "i3_links_classmate_folder"):
        _own(run, path)


def _snapshot(folder: Path) -> dict:
    """Every entry under `folder`: a file's bytes, a link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = ("link", os.readlink(path))
        elif path.is_file():
            found[str(path)] = ("file", path.read_bytes())
    return found


def _texts(folder: Path) -> dict:
    texts = {}
    for path in sorted(folder.iterdir()):
        try:
            texts[path.name] = path.read_bytes().decode() if path.is_file() \
                else f"<{path} not a file>"
        except (OSError, UnicodeDecodeError) as error:
            texts[path.name] = f"<unreadable: {error}>"
    return texts


def _marked_processes(mark: str) -> list:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as handle:
                    comm = handle.read().strip()
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    command = handle.read()
            except OSError:
                continue
            if comm == mark or mark.encode() in command:
                found.append((int(entry), comm))
    return found


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmget.restype, libc.shmget.argtypes = ctypes.c_int, (ctypes.c_int, ctypes.c_size_t,
                                                                ctypes.c_int)
    libc.shmctl.restype, libc.shmctl.argtypes = ctypes.c_int, (ctypes.c_int, ctypes.c_int,
                                                                ctypes.c_void_p)
    return libc


def _clean_up_outside(run: ClassRun) -> list:
    """Remove, and name, what an attacker left outside its own world (only if it got out)."""
    left = []
    for pid, comm in _marked_processes(run.mark):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    for folder in (Path(tempfile.gettempdir()), Path("/tmp"), Path("/dev/shm")):
        for path in folder.glob(f"bpk-*{run.token}*"):
            left.append(str(path))
            with contextlib.suppress(OSError):
                path.unlink()
    for folder in run.python_folders:
        path = Path(folder) / f"bpk-poison-{run.token}.pth"
        if path.exists():
            left.append(str(path))
            with contextlib.suppress(OSError):
                path.unlink()
    libc = _libc()
    memory = libc.shmget(run.shm_key, 0, 0)
    if memory >= 0:
        left.append(f"SysV shared memory {run.shm_key:#x}")
        libc.shmctl(memory, 0, None)  # IPC_RMID
    return left


def _namespaces_refused(kit: KitAs):
    """Why the kernel gives the kit's user no namespaces for its workers (None if it does)."""
    import subprocess

    probe = ("import ctypes, os\n"
             "libc = ctypes.CDLL(None, use_errno=True)\n"
             "flags = 0x00020000 | 0x20000000 | 0x08000000 | 0x40000000\n"
             "flags |= 0 if os.geteuid() == 0 else 0x10000000\n"
             "print(0 if libc.unshare(flags) == 0 else os.strerror(ctypes.get_errno()))\n")
    extra = {} if kit.user is None else {"user": kit.user.pw_uid, "group": kit.user.pw_gid,
                                         "extra_groups": []}
    completed = subprocess.run([str(kit.python), "-I", "-c", probe], capture_output=True,
                               text=True, timeout=60, **extra)
    answer = completed.stdout.strip()
    return None if answer == "0" else answer or completed.stderr[-300:]


def _skip_without_namespaces(kit: KitAs) -> None:
    why = _namespaces_refused(kit)
    if why:
        who = "root" if kit.user is None else kit.user.pw_name
        pytest.skip(f"the kernel gives {who} no mount, PID, IPC and network namespaces"
                    f"{'' if who == 'root' else ' (nor a user namespace)'}: {why}; workers "
                    "cannot be confined, so the attacks are not run")


def _run_batch(run: ClassRun, folder: Path, out: Path, jobs: int):
    return run.kit.run("batch", folder, "--out", out, "--jobs", jobs, "--seed", SEED,
                       home=run.home, timeout=240)


@contextlib.contextmanager
def graded_class(kit: KitAs, jobs: int):
    """Grade the class of HONEST, WEAK and every attacker with `kit`; yield its ClassRun, then
    remove everything it made (and kill whatever of it survived)."""
    parent = Path(tempfile.mkdtemp(prefix="backprop-kit-cross-"))
    parent.chmod(0o755)
    run = ClassRun(kit, jobs, uuid.uuid4().hex, parent, kit.folder(parent), kit.folder(parent),
                   kit.folder(parent))
    try:
        _skip_without_namespaces(kit)
        for student in STUDENTS:
            for other in STUDENTS:
                assert student == other or student not in other, (student, other)
        # The class of the honest students alone, with the same key and seed: what each honest
        # report must be, and a genuine signed report for the attackers to copy.
        control_sub, control_out = kit.folder(parent), kit.folder(parent)
        for student in (*HONEST, WEAK):
            _write(run, run.submission(student, control_sub), _honest_source(run, student))
        completed = _run_batch(run, control_sub, control_out, 2)
        assert completed.returncode == 0, completed.stderr[-3000:]
        record = json.loads((control_out / "batch.json").read_text())
        if not record.get("confinement", {}).get("confined"):  # the kernel would allow it
            pytest.fail(f"workers were not confined ({record}): the attacks were not run")
        run.control = {student: json.loads((control_out / f"{student}.json").read_text())
                       for student in (*HONEST, WEAK)}
        genuine = (control_out / "a_alice.json").read_text()

        run.python_folders = _python_folders(kit)
        _write_class(run, genuine)
        run.submissions_before = _snapshot(run.sub)
        run.free_before = _free_bytes(run.out)
        run.completed = _run_batch(run, run.sub, run.out, jobs)
        run.survivors = _marked_processes(run.mark)
        run.free_after = _free_bytes(run.out)
        run.texts = _texts(run.out)
        run.submissions_after = _snapshot(run.sub)
        run.resumed = _run_batch(run, run.sub, run.out, jobs)
        run.texts_after_resume = _texts(run.out)
        run.leftovers = _clean_up_outside(run)
        yield run
    finally:
        _clean_up_outside(run)
        shutil.rmtree(parent, ignore_errors=True)


def _python_folders(kit: KitAs) -> list:
    """The folders u_poisons_python tries to write into, as the workers' Python names them."""
    import subprocess

    completed = subprocess.run(
        [str(kit.python), "-I", "-c", "import json, os, site, sys, numpy; print(json.dumps("
         "site.getsitepackages() + [os.path.dirname(numpy.__file__), sys.prefix, "
         "os.path.dirname(sys.executable), '/usr/lib', '/']))"],
        capture_output=True, text=True, check=True, timeout=60)
    return json.loads(completed.stdout)


def _free_bytes(path: Path) -> int:
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


MODES = [pytest.param((user, jobs), id=f"{user}-jobs{jobs}")
         for user in ("root", "nobody") for jobs in (1, 2)]


@pytest.fixture(scope="module", params=MODES)
def run(request):
    user, jobs = request.param
    kit = request.getfixturevalue("kit_as_grading_user" if user == "root"
                                  else "kit_as_normal_user")
    if user == "root" and not kit.is_root:
        pytest.skip("the tests do not run as root: the grading user is the normal user")
    with graded_class(kit, jobs) as graded:
        yield graded


# What each check finds wrong: a list of problems, empty when all is well. The tests assert
# that it is empty; the same functions judge a run with the confinement switched off.

def attacker_problems(run: ClassRun, student: str) -> list:
    """The attacker ran its attack to the end, achieved nothing, and got the grader's values."""
    attack = ATTACKERS[student]
    report = run.report(student)
    output = report["output"]
    problems = [line for line in output.splitlines() if line.startswith(SUCCEEDED)]
    if RAN not in output:
        problems.append(f"{student} did not run its attack to the end: {output[:500]!r}")
    problems += [f"{student} did not get to {step!r}: {output[:500]!r}"
                 for step in attack.steps if step not in output]
    error_as_expected = attack.error in (report["error"] or "") if attack.error \
        else report["error"] is None
    if report["score"] != attack.score or not error_as_expected:
        problems.append(f"{student} got {report['score']} (error {report['error']!r}), "
                        f"not {attack.score}")
    return problems


def _without(report: dict, *fields) -> dict:
    return {key: value for key, value in report.items() if key not in fields}


def honest_problems(run: ClassRun) -> list:
    """Each honest student has 10/10 and nothing else; the weak one its own 0; each as in the
    class without attackers."""
    problems = []
    for student in (*HONEST, WEAK):
        report = run.report(student)
        control = run.control[student]
        notes = report.get("notes", [])
        if student in FLAGGED:
            if not (len(notes) == 1 and "hard links" in notes[0]):
                problems.append(f"{student}'s notes are {notes}, not the hard-link flag alone")
            notes = []
        if _without(dict(report, notes=notes), "submission", "grader_signature") != \
                _without(control, "submission", "grader_signature"):
            problems.append(f"{student}'s report differs from the class without attackers: "
                            f"score {report['score']}, notes {report['notes']}, output "
                            f"{report['output'][:200]!r}, error {report['error']!r}")
        if student in HONEST and not (report["score"] == 10 and report["output"] == ""
                                      and report["error"] is None and not notes
                                      and not report["grader_errors"]):
            problems.append(f"{student} is not a plain 10/10: {report['score']}, "
                            f"{report['output'][:200]!r}")
    return problems


def secret_problems(run: ClassRun, extra=()) -> list:
    """No submission's marker, no line of the reference and not the key (nor any of `extra`)
    in anything the grader wrote or printed."""
    forbidden = [*(run.secret(student) for student in (*HONEST, WEAK)), REFERENCE_LINE,
                 run.key().hex(), *extra]
    return [f"{word[:40]!r} found in {where}" for where, text in run.every_text().items()
            for word in forbidden if word in text]


def naming_problems(run: ClassRun, student: str) -> list:
    """A student's report speaks of that student only."""
    text = run.texts.get(f"{student}.json", "")
    return [f"{student}.json names {other}" for other in STUDENTS
            if other != student and other in text]


def leak_problems(run: ClassRun) -> list:
    """secret_problems, and nothing a process left behind wrote, in anything the grader wrote
    or printed; no report names another student. (What each attacker achieved is its own
    test's: attacker_problems.)"""
    return secret_problems(run, ("LINGERED",)) + [
        problem for student in STUDENTS for problem in naming_problems(run, student)]


def results_problems(run: ClassRun) -> list:
    """RESULTS holds the grader's files only: one signed report per student, the gradebook
    made from them, batch.json as the grader wrote it."""
    problems = []
    expected = {f"{student}.json" for student in STUDENTS} | {"gradebook.csv", "batch.json"}
    if set(run.texts) != expected:
        problems.append(f"RESULTS holds {sorted(set(run.texts) ^ expected)} beyond or short "
                        "of the grader's files")
    key = run.key()
    for student in STUDENTS:
        text = run.texts.get(f"{student}.json", "")
        if not is_signed_report(key, student, text):
            problems.append(f"{student}.json is not a report the grader signed: {text[:200]!r}")
    record = run.texts.get("batch.json", "")
    wanted = {"seed": SEED, "confinement": {"confined": True, "reason": None,
                                            "worker_user": None}}
    try:
        if json.loads(record) != wanted:
            problems.append(f"batch.json is {record!r}")
    except ValueError:
        problems.append(f"batch.json is {record!r}")
    book = run.gradebook()
    if set(book) != set(STUDENTS):
        problems.append(f"the gradebook's students are {sorted(book)}")
    for student, row in book.items():
        report = run.report(student)
        values = {exercise["name"]: str(exercise["score"]) for exercise in report["exercises"]}
        # The error column is the report's, its control characters written out (printable).
        values.update(total=str(report["score"]),
                      error=" ".join(printable(report["error"] or "").split()))  # one line
        shown = {name: row.get(name) for name in values}
        if shown != values or row["total"] != str(expected_total(student)):
            problems.append(f"the gradebook shows {row} for {student}")
    return problems


def run_problems(run: ClassRun) -> list:
    """The batch ran to its end, confined, and said nothing of reports changed or untrusted;
    a resumed run trusts every report and grades nothing again."""
    problems = []
    for label, completed in (("batch", run.completed), ("resumed batch", run.resumed)):
        if completed.returncode != 0 or "Traceback" in completed.stderr:
            problems.append(f"the {label} ended with {completed.returncode}: "
                            f"{completed.stderr[-1500:]}")
        if "NOT kept apart" in completed.stdout:
            problems.append(f"the {label} says students were not kept apart")
        flagged = {line.split(":", 2)[1].strip() for line in completed.stdout.splitlines()
                   if line.startswith("For the instructor:")}
        if flagged != FLAGGED:
            problems.append(f"the {label} flags {sorted(flagged)}: {completed.stdout[-1500:]}")
        if "changed in RESULTS" in completed.stdout or "not one the grader wrote" in \
                completed.stdout:
            problems.append(f"the {label} found reports it had not written: "
                            f"{completed.stdout[-1500:]}")
    total = len(STUDENTS)
    now, earlier, failed = _counts(run.completed.stdout, total)
    if earlier or now + failed != total:
        problems.append(f"the batch did not grade all {total}: {run.completed.stdout[:300]}")
    again, _, _ = _counts(run.resumed.stdout, total)
    if again:
        problems.append(f"the resumed batch graded again: {run.resumed.stdout[:300]}")
    changed = sorted(name for name in set(run.texts) | set(run.texts_after_resume)
                     if run.texts.get(name) != run.texts_after_resume.get(name))
    if changed:
        problems.append(f"the resumed run changed {changed}")
    return problems


def process_problems(run: ClassRun) -> list:
    """No attacker's process alive once the batch had ended; nothing of theirs left outside."""
    problems = [f"process {pid} ({comm}) of an attacker outlived the batch"
                for pid, comm in run.survivors]
    problems += [f"an attacker left {what} outside its own world" for what in run.leftovers]
    return problems


# The class as a whole.

def test_the_batch_runs_confined_and_trusts_every_report_when_resumed(run):
    assert not run_problems(run), "\n".join(run_problems(run))


def test_honest_students_get_what_they_get_without_attackers(run):
    assert not honest_problems(run), "\n".join(honest_problems(run))


def test_no_submission_text_reference_line_or_key_reaches_anything_the_grader_wrote(run):
    assert not leak_problems(run), "\n".join(leak_problems(run))


def test_results_holds_only_signed_reports_and_the_graders_gradebook(run):
    assert not results_problems(run), "\n".join(results_problems(run))


def test_no_attacker_process_or_file_outlives_the_batch(run):
    assert not process_problems(run), "\n".join(process_problems(run))


# One test per attack: the attacker's own report says it ran and achieved nothing, and what the
# attack aimed at is as the grader made it.

def _assert_attack_failed(run: ClassRun, student: str, *more: list):
    """The attacker's own report (attacker_problems), that it names nobody else, that every
    honest report is as without attackers and that no secret got out; then `more`."""
    problems = [*attacker_problems(run, student), *naming_problems(run, student),
                *honest_problems(run), *secret_problems(run)]
    problems += [problem for extra in more for problem in extra if problem not in problems]
    assert not problems, "\n".join(problems)


def test_1_earlier_reports_cannot_be_rewritten_to_zero(run):
    _assert_attack_failed(run, "b_rewrites_reports", run_problems(run),
                          [p for p in results_problems(run) if "not a report the grader" in p])


def test_2_a_report_planted_for_a_later_student_is_never_trusted(run):
    ghost = ["zz_ghost.json, a planted report, is in RESULTS"] if "zz_ghost.json" in run.texts \
        else []
    weak = [] if run.gradebook().get(WEAK, {}).get("total") == "0" \
        else [f"the weak student's row is {run.gradebook().get(WEAK)}"]
    _assert_attack_failed(run, "c_plants_reports", ghost, weak, run_problems(run))


def test_3_another_students_submission_cannot_be_read_or_printed(run):
    _assert_attack_failed(run, "h_reads_others")


def test_4_gradebook_and_batch_json_are_the_graders(run):
    _assert_attack_failed(run, "m_writes_gradebook", results_problems(run))


def test_5_proc_shows_nothing_of_the_grader_or_other_workers(run):
    _assert_attack_failed(run, "f_reads_proc")


def test_6_signals_reach_no_sibling_worker(run):
    retried = [f"{student} was run again after a signal" for student in STUDENTS
               if any("was ended by" in note for note in run.report(student).get("notes", []))]
    _assert_attack_failed(run, "g_signals", retried)


def test_7_a_process_left_behind_cannot_reach_later_students(run):
    _assert_attack_failed(run, "e_lingers", process_problems(run), results_problems(run))


def test_8_a_symbolic_link_to_a_classmate_or_the_reference_is_refused(run):
    problems = []
    for student in SYMLINKED:
        report = run.report(student)
        if report["score"] != 0 or "symbolic link" not in (report["error"] or ""):
            problems.append(f"{student}: {report['score']}, {report['error']!r}")
        if "symbolic link" not in run.gradebook().get(student, {}).get("error", ""):
            problems.append(f"{student}'s gradebook row does not say why")
    problems += honest_problems(run)
    assert not problems, "\n".join(problems)


def test_9_a_hard_link_is_graded_but_flagged_for_the_instructor(run):
    problems = []
    for student in (*HARD_LINKED, "o_olga"):
        report = run.report(student)
        if report["score"] != 10 or not any("hard links" in n for n in report["notes"]):
            problems.append(f"{student}: {report['score']}, notes {report['notes']}")
    for student in HARD_LINKED:
        if f"For the instructor: {student}: work.py has 2 names" not in run.completed.stdout:
            problems.append(f"the summary does not flag {student}")
    problems += honest_problems(run)
    assert not problems, "\n".join(problems)


def test_10_filling_the_disk_fills_only_the_workers_own_tmp(run):
    dropped = run.free_before - run.free_after
    disk = [f"the RESULTS filesystem lost {dropped / 2**20:.0f} MB"] \
        if dropped > DISK_DROP_LIMIT else []
    _assert_attack_failed(run, "p_fills_disk", disk)


def test_11_the_report_key_cannot_be_read_so_no_report_can_be_forged(run):
    _assert_attack_failed(run, "q_forges_with_key", results_problems(run), run_problems(run))


def test_12_nothing_left_in_tmp_shm_sockets_or_sysv_memory_reaches_a_later_worker(run):
    _assert_attack_failed(run, "d_leaves_traces", attacker_problems(run, "x_finds_traces"),
                          process_problems(run))


def test_13_the_kits_own_files_cannot_be_read_by_path(run):
    _assert_attack_failed(run, "s_reads_kit")


def test_14_no_submission_can_change_a_classmates_submission(run):
    changed = [f"{path} changed during the batch" for path in
               set(run.submissions_before) | set(run.submissions_after)
               if run.submissions_before.get(path) != run.submissions_after.get(path)]
    _assert_attack_failed(run, "r_tampers_submissions", changed)


def test_15_no_student_text_reaches_the_instructors_terminal_raw(run):
    """A submission's error message is its own text: printed in the class summary, its escape
    sequences would clear the instructor's screen, move the cursor up and rewrite the lines
    about other students (flags, the warning that students were not kept apart).

    HOLE found by this red team (fails on the kit as it is): the summary's "could not be
    graded" lines (reporters/class_summary.py) print the first sentence of report["error"],
    which holds the submission's own exception message with its control characters (ESC,
    C1 CSI) left in; rich's Text strips only BEL, BS, VT, FF and CR."""
    problems = attacker_problems(run, "t_escapes_terminal")
    for label, completed in (("batch", run.completed), ("resumed batch", run.resumed)):
        for stream, text in (("stdout", completed.stdout), ("stderr", completed.stderr)):
            controls = sorted({f"U+{ord(c):04X}" for c in text
                               if (ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160})
            if controls:
                problems.append(f"the {label}'s {stream} holds control characters {controls}")
    assert not problems, "\n".join(problems)


def test_16_no_worker_can_change_the_python_that_later_workers_and_the_grader_run(run):
    poisoned = [what for what in run.leftovers if "bpk-poison-" in what]
    _assert_attack_failed(run, "u_poisons_python", poisoned)


def test_17_no_worker_can_change_the_machines_kernel_settings(run):
    """The kernel's settings in /proc/sys are the whole machine's, not the worker's.

    HOLE found by this red team (fails on the kit as it is, when the grader runs as root
    without --worker-user, as in the tests and CI): the worker's own /proc is mounted
    read-write (sandbox/confinement.py `_enter_root`), and the kernel lets uid 0 write most of
    /proc/sys without any capability (it checks the uid only). So a submission may set
    kernel.core_pattern to "|/proc/%P/root/tmp/program" (its own /tmp is not noexec): the kernel
    then runs that program as root, outside every namespace, at the next crash; or set
    kernel.pid_max or fs.file-max so low that other workers and the grader fail; or change the
    machine's hostname (there is no UTS namespace). /proc/irq and /proc/bus/pci are open to it
    too. As a normal user, or with --worker-user, the worker's uid is not 0 and this fails."""
    _assert_attack_failed(run, "v_writes_kernel_settings")


def test_18_no_worker_can_change_the_machines_devices(run):
    """/dev/null and the others are the machine's own device files, bound into the worker.

    HOLE found by this red team (fails on the kit as it is, when the grader runs as root
    without --worker-user): sandbox/confinement.py `_build_root` binds /dev/null, zero, full,
    random and urandom without making the binds read-only, and a chmod by the file's owner
    needs no capability. A submission running as uid 0 may so `chmod 000 /dev/null`: every
    later worker (uid 0 without capabilities: the owner's bits apply) then fails to open it at
    start, and so does every normal user of the machine. A read-only bind would refuse the
    chmod (EROFS) and still let the device be read and written."""
    _assert_attack_failed(run, "w_chmods_devices")


def test_19_no_key_left_in_the_kernels_keyrings_reaches_a_later_worker(run):
    """The kernel's keyrings are a store shared by the processes of one uid.

    HOLE found by this red team (fails on the kit as it is, as root and as a normal user):
    no namespace the worker enters (sandbox/confinement.py) separates keyrings, and the worker
    keeps the add_key, keyctl and request_key system calls. A key one worker adds to its user
    (or user-session) keyring is found and read by a later worker of the same uid: two
    students can pass each other anything, and a root worker reaches the keyrings of every
    root process on the machine. Docker's default seccomp profile denies these three calls
    for this reason; a worker-side seccomp filter doing the same would close it."""
    _assert_attack_failed(run, "x2_finds_keys", attacker_problems(run, "d2_leaves_keys"))


# One submission graded alone: `grade FILE --json` and `gradescope-run`. It reads its
# classmate's file lying beside it, the kit and /proc, looks for the key, changes every file it
# is told of (and leaves a process behind that goes on doing so), and exec()s whatever right
# code it found: with seven wrong functions, any score but 0 means it read something.

USERS = [pytest.param("root", id="root"), pytest.param("nobody", id="nobody")]


@contextlib.contextmanager
def _alone(kit: KitAs):
    """A ClassRun-like frame for one submission: folders, a classmate, its context."""
    parent = Path(tempfile.mkdtemp(prefix="backprop-kit-cross-"))
    parent.chmod(0o755)
    run = ClassRun(kit, 1, uuid.uuid4().hex, parent, kit.folder(parent), kit.folder(parent),
                   kit.folder(parent))
    try:
        _skip_without_namespaces(kit)
        yield run
    finally:
        run.leftovers = _clean_up_outside(run)
        shutil.rmtree(parent, ignore_errors=True)


def _single_source(run: ClassRun, classmate: Path, out: Path, *extra: str) -> str:
    attack = Attack("alone", 0, SINGLE_SUBMISSION, base="wrong")
    return attacker_source(attack, {
        "token": run.token, "mark": run.mark, "me": "alone", "sub": str(classmate.parent),
        "out": str(out), "key": str(run.key_path), "ref": str(run.reference),
        "kit": str(run.kit.kit), "students": {"classmate": str(classmate)},
        "genuine": json.dumps({"score": 10, "max_score": 10, "exercises": []}),
        "shm_key": run.shm_key}) + "".join(extra)


def _single_problems(run: ClassRun, classmate: Path, before: bytes, texts: dict) -> list:
    problems = [f"{where}: {line[:200]}" for where, text in texts.items()
                for line in text.splitlines() if SUCCEEDED in line]
    problems += [f"{word[:40]!r} found in {where}" for where, text in texts.items()
                 for word in (run.secret("classmate"), REFERENCE_LINE) if word in text]
    if not any(RAN in text for text in texts.values()):
        problems.append(f"the attack did not run to its end: {texts}")
    if classmate.read_bytes() != before:
        problems.append("the classmate's file was changed")
    problems += [f"process {pid} ({comm}) outlived the grader"
                 for pid, comm in _marked_processes(run.mark)]
    return problems


@pytest.mark.parametrize("user", USERS)
def test_grade_alone_reads_no_classmate_no_kit_no_grader_and_changes_nothing(user, request):
    kit = request.getfixturevalue("kit_as_grading_user" if user == "root"
                                  else "kit_as_normal_user")
    with _alone(kit) as run:
        classmate = run.sub / "classmate.py"
        _write(run, classmate, _honest_source(run, "classmate"))
        before = classmate.read_bytes()
        mine = run.out / "mine.py"
        _write(run, mine, _single_source(run, classmate, run.out))
        completed = kit.run("grade", mine, "--json", "--seed", SEED, home=run.home, timeout=120)
        assert completed.returncode == 0, completed.stderr[-2000:]
        report = json.loads(completed.stdout)
        problems = _single_problems(run, classmate, before, {"report": completed.stdout,
                                                             "stderr": completed.stderr})
        if report["score"] != 0 or report["error"] is not None:
            problems.append(f"it got {report['score']} (error {report['error']!r}), not 0")
    problems += [f"it left {what}" for what in run.leftovers]
    assert not problems, "\n".join(problems)


GRADESCOPE = [pytest.param("root", id="root-workers-as-nobody"),
              pytest.param("nobody", id="nobody")]


@pytest.mark.parametrize("user", GRADESCOPE)
def test_gradescope_run_reads_nothing_and_its_results_json_is_the_graders(user, request):
    """As Gradescope runs it (root, workers as nobody: run_autograder's command), and as a
    normal user; /autograder laid out in a folder: submission/, results/, the kit beside."""
    normal = request.getfixturevalue("kit_as_normal_user")
    kit = KitAs(normal.python, normal.kit) if user == "root" else normal
    flags = ("--worker-user", "nobody") if user == "root" else ()
    with _alone(kit) as run:
        root = run.out
        results = root / "results"
        classmate = run.sub / "classmate.py"
        _write(run, classmate, _honest_source(run, "classmate"))
        before = classmate.read_bytes()
        _write(run, root / "submission" / "two_layer_net.py",
               _single_source(run, classmate, results, TELL_THROUGH_A_HINT))
        completed = kit.run("gradescope-run", "--root", root, "--seed", SEED, *flags,
                            home=run.home, timeout=120)
        assert completed.returncode == 0, completed.stderr[-2000:]
        text = (results / "results.json").read_text()
        graded = json.loads(text)
        problems = _single_problems(run, classmate, before, {"results.json": text,
                                                             "stdout": completed.stdout,
                                                             "stderr": completed.stderr})
        if graded["score"] != 0 or not graded["tests"]:
            problems.append(f"results.json says {graded['score']} with {len(graded['tests'])} "
                            "tests: not the grader's 0")
        if sorted(p.name for p in results.iterdir()) != ["results.json"]:
            problems.append(f"results/ holds {sorted(p.name for p in results.iterdir())}")
    problems += [f"it left {what}" for what in run.leftovers]
    assert not problems, "\n".join(problems)
