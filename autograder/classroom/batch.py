"""Grade a folder of submissions: in parallel, resumable, ending with a gradebook.

Each student has one .py or .ipynb in SUBMISSIONS, or a sub-folder holding one. Each report is
written atomically to RESULTS/<student>.json as soon as it is graded, so an interrupted run
loses nothing already graded, and a new run grades only what is missing (--force: everything).
A submission that cannot be graded gets a report with its error, and a gradebook row.

Students choose their files' names, and course platforms keep them: a name may be long, not
UTF-8, the name of one of the kit's files, or that of a classmate's folder. A report's file
name is the student's name only where that is safe (report_name); two submissions that make
one student are both refused, never merged; every name is written escaped where it is shown.
"""

import contextlib
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from autograder.classroom.signing import is_signed_report, report_key, signed_report
from autograder.judge.results import ExerciseResult, SubmissionResult
from autograder.judge.student_api import GRADED_NAMES
from autograder.reporters.printable import printable

SUFFIXES = (".py", ".ipynb")
GRADEBOOK = "gradebook.csv"
RECORD = "batch.json"
KIT_NAMES = ("batch", "gradebook", "report")
"""The kit's own files in RESULTS (batch.json, gradebook.csv, report.html, report/): no report
is named after them, whatever the case of its letters."""
MAX_PLAIN_NAME = 100
"""Bytes of a student's name kept as it is in its report's file name (a file name may have 255)."""
FLAG = "For the instructor:"
"""How a report's note that the instructor should look at begins."""
UNTRUSTED = ("the report found in RESULTS for this student was not one the grader wrote, or "
             "was changed after, so it was graded again.")
RESTORED = ("this student's report was changed in RESULTS while the class was being graded; "
            "it was put back as the grader wrote it. Workers were not confined: see "
            "docs/security.md on keeping students apart.")


@dataclass(frozen=True)
class Entry:
    """One student's submission, or why none could be found for them."""

    student: str
    path: Path = None
    problem: str = None
    flag: str = None
    """Something the instructor should know, though the submission is graded (a hard link)."""


def report_name(student: str) -> str:
    """The file name of the student's report in RESULTS: the student's name and .json where
    that is safe, else a readable part of it, a tilde and a hash of the whole name. Safe: at
    most MAX_PLAIN_NAME bytes of printable UTF-8, no tilde (so that no plain name can be
    another's hashed one), not hidden, and not one of KIT_NAMES."""
    # isprintable() is False for a byte that was not UTF-8 (a lone surrogate) too
    if (student.isprintable() and "~" not in student and not student.startswith(".")
            and student.casefold() not in KIT_NAMES
            and len(student.encode("utf-8", "surrogatepass")) <= MAX_PLAIN_NAME):
        return f"{student}.json"
    readable = re.sub(r"[^\w.-]+", "_", printable(student).replace("\\", "")).strip("._")[:48]
    digest = hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable or 'student'}~{digest}.json"


def find_submissions(folder: Path, results: Path = None) -> list:
    """One Entry per student, sorted by name (the results folder, if inside, is not one). Two
    entries that make one student's name (alice.py and a folder alice/) are both refused."""
    entries = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or (results is not None and item.resolve() == results):
            continue
        if item.is_symlink():
            entries.append(Entry(_student_of(item), None, (
                f"{item.name} is a symbolic link: the grader grades only a student's own files, "
                "so it was not graded.")))
        elif item.is_file() and item.suffix.lower() in SUFFIXES:
            entries.append(_checked(Entry(_student_of(item), item), item.parent))
        elif item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUFFIXES and ".ipynb_checkpoints" not in p.parts)
            if len(found) == 1:
                entries.append(_checked(Entry(_student_of(item), found[0]), item))
            else:
                what = "no .py or .ipynb file" if not found else \
                    f"{len(found)} .py or .ipynb files ({', '.join(p.name for p in found[:4])})"
                entries.append(Entry(_student_of(item), None, (
                    f"The folder {item.name} holds {what}; the grader needs exactly one.")))
    return _without_ambiguity(entries, folder)


def _without_ambiguity(entries: list, folder: Path) -> list:
    """The entries, where several make one student's name replaced by one that refuses them
    all and names each: the grader cannot tell which is the student's."""
    by_student = {}
    for entry in entries:
        by_student.setdefault(entry.student, []).append(entry)
    kept = []
    for student, same in by_student.items():
        if len(same) == 1:
            kept.append(same[0])
            continue
        names = sorted(printable(item.name) + ("/" if item.is_dir() else "")
                       for item in folder.iterdir() if _student_of(item) == student)
        kept.append(Entry(student, None, (
            f"{len(names)} submissions are {printable(student)}'s: {', '.join(names)}. The "
            "grader cannot tell which one to grade, so none was graded; keep one of them.")))
    return kept


def _student_of(item: Path) -> str:
    """The student an entry of SUBMISSIONS is: the stem of a submission's file (or of a link
    named like one), else the name (a folder's)."""
    folder = item.is_dir() and not item.is_symlink()
    return item.stem if item.suffix.lower() in SUFFIXES and not folder else item.name


def _checked(entry: Entry, home: Path) -> Entry:
    """The entry, refused when its file is a link or lies outside the student's folder (a way
    to have another student's file, or the reference, graded as one's own), flagged when the
    file has other names (hard links: another path on this machine is the same file)."""
    path = entry.path
    inside = [parent for parent in path.parents if parent != home and home in parent.parents]
    if path.is_symlink() or any(parent.is_symlink() for parent in inside):
        return Entry(entry.student, None, f"{path.relative_to(home.parent)} is a symbolic link: "
                                          "the grader grades only a student's own files, so "
                                          "it was not graded.")
    resolved, real_home = path.resolve(), home.resolve()
    if real_home not in resolved.parents:
        return Entry(entry.student, None, f"{path.name} lies outside {entry.student}'s own "
                                          "folder, so it was not graded.")
    links = path.stat().st_nlink
    if links > 1:
        return Entry(entry.student, path, flag=(
            f"{path.name} has {links} names on this machine (hard links): another path is the "
            "very same file, which may be another student's or the reference. It was graded; "
            "check where it comes from."))
    return entry


class Interrupted(Exception):
    """Grading stopped (Ctrl-C, SIGTERM) before the end; what was graded is kept."""

    def __init__(self, graded: int, remaining: int):
        super().__init__(f"{graded} graded, {remaining} left")
        self.graded = graded
        self.remaining = remaining


def grade_folder(folder: Path, out: Path, seed: int, settings, jobs: int, force: bool,
                 progress=None, catalogue=None) -> dict:
    """Grade what is missing in `out` (everything with force); write the gradebook.

    A report already in `out` counts as graded only if the grader signed it (signing.py);
    any other is graded again, and flagged. Reports are written only by this process, and
    the gradebook is made from the texts it wrote, never from what lies in the folder; a
    report changed while the class was being graded is put back as the grader wrote it.
    Returns counts: graded, skipped (already there), failed (could not be graded), graded_ok
    and skipped_ok (graded now, and earlier, without error: with failed, they add up to
    total), seconds,
    flagged (student -> note), confined (bool) and why_not_confined.
    Raises Interrupted on Ctrl-C or SIGTERM, after every report written so far is complete.
    catalogue: the course catalogue in use (installed by the caller), recorded in batch.json
    so that the class report has its titles.
    """
    from autograder.grading.grader import grade_path, prepare
    from autograder.sandbox import start_zygote

    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob("*.tmp"):  # a report a killed run had not finished writing
        leftover.unlink(missing_ok=True)
    entries = find_submissions(folder, out.resolve())
    key = report_key()
    record = read_record(out)
    texts = {} if force else _genuine_reports(out, entries, key)
    untrusted = {e.student for e in entries if not force and e.student not in texts
                 and (out / report_name(e.student)).exists()}
    todo = [e for e in entries if e.student not in texts]
    try:  # the class's inputs and answers, once, while the zygote imports numpy
        prepare(seed, settings)
    except Exception:
        pass  # each student's grading meets it again, and its report says so
    confined, why_not = start_zygote().confined()
    record.update(seed=seed, confinement={"confined": confined, "reason": why_not,
                                          "worker_user": settings.worker_user or None})
    record.pop("course_catalogue", None)
    if catalogue is not None:
        record["course_catalogue"] = catalogue.record()
    write_atomically(out / RECORD, json.dumps(record, indent=1) + "\n")
    started = time.perf_counter()
    if progress:
        progress.start(len(todo))

    def grade(entry: Entry) -> SubmissionResult:
        if entry.problem:
            return _ungradable(entry, seed, entry.problem)
        try:
            result = grade_path(entry.path, seed, settings)
        except Exception as error:  # a bug of ours: recorded for this student, the run goes on
            return _ungradable(entry, seed, "The grader had a problem with this submission "
                                            f"({type(error).__name__}); not the student's fault.")
        if entry.flag:
            result.notes.append(f"{FLAG} {entry.flag}")
        if entry.student in untrusted:
            result.notes.append(f"{FLAG} {UNTRUSTED}")
        return result

    written = 0
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        with _sigterm_as_interrupt():
            futures = {pool.submit(grade, entry): entry for entry in todo}
            for future in as_completed(futures):
                entry = futures[future]
                report = future.result().to_json_dict()
                # what a student's name and file are, written so that any file can hold them
                report["submission"] = printable(report["submission"])
                report["student"] = printable(entry.student)
                text = signed_report(key, entry.student, report)
                texts[entry.student] = text
                write_atomically(out / report_name(entry.student), text)
                written += 1
                if progress:
                    progress.advance(entry.student)
    except KeyboardInterrupt:
        # Queued students are dropped; the few being graded finish within their limits.
        pool.shutdown(wait=False, cancel_futures=True)
        raise Interrupted(written, len(todo) - written) from None
    finally:
        if progress:
            progress.stop()
    pool.shutdown()
    restored = _restore_changed(out, texts)
    rows = write_gradebook(out, [e.student for e in entries], texts)
    flagged = {entry.student: entry.flag for entry in entries if entry.flag}
    for student in sorted(untrusted):
        flagged[student] = UNTRUSTED
    for student in restored:
        flagged[student] = RESTORED
    failed = {entry.student for entry, row in zip(entries, rows) if row["error"]}
    now = {entry.student for entry in todo}
    return {"graded": len(todo), "skipped": len(entries) - len(todo),
            "failed": len(failed), "total": len(entries),
            "graded_ok": len(now - failed),
            "skipped_ok": len({e.student for e in entries} - now - failed),
            "seconds": time.perf_counter() - started, "flagged": flagged,
            "confined": confined, "why_not_confined": why_not}


def _genuine_reports(out: Path, entries: list, key: bytes) -> dict:
    """Student -> report text, for the reports in `out` that the grader signed."""
    texts = {}
    for entry in entries:
        path = out / report_name(entry.student)
        try:
            text = None if path.is_symlink() else path.read_text()
        except (OSError, UnicodeDecodeError):
            continue
        if text is not None and is_signed_report(key, entry.student, text):
            texts[entry.student] = text
    return texts


def _restore_changed(out: Path, texts: dict) -> list:
    """Put back, as the grader wrote it, any report that is no longer so (a submission
    reached the folder: only where workers are not confined); the students concerned."""
    restored = []
    for student, text in texts.items():
        path = out / report_name(student)
        try:
            same = path.read_text() == text and not path.is_symlink()
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            try:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                pass  # os.replace below still puts the grader's report in place
            write_atomically(path, text)
            restored.append(student)
    return sorted(restored)


def read_record(out: Path) -> dict:
    """RESULTS/batch.json: the class's seed and how its workers were confined; empty when
    there is none or it cannot be read."""
    try:
        record = json.loads((out / RECORD).read_text())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """`kill` (SIGTERM) stops a run as Ctrl-C does: reports already written stay whole."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_gradebook(out: Path, students: list, texts: dict) -> list:
    """RESULTS/gradebook.csv: student, each function's score, total, error (on one line), each
    failed function's mistakes (the catalogue ids and signatures its hints name, B19+B24, to
    look up in docs/catalogue.md) and its mistake group (mistake_groups.py: the same id for the
    same wrong outcomes, so a regrade can be compared with the last run); from the reports'
    texts as the grader wrote them (`texts`), not as they lie in the folder."""
    rows = []
    for student in students:
        report = json.loads(texts[student])
        row = {"student": printable(student)}
        for exercise in report["exercises"]:
            row[exercise["name"]] = exercise["score"]
        row["total"] = report["score"]
        row["max_score"] = report["max_score"]
        # one line per student: a spreadsheet shows a field with a line break as two rows
        row["error"] = " ".join(printable(report["error"] or "").split())
        row["mistakes"] = " ".join(
            f"{e['name']}={'+'.join(printable(m) for m in e['mistakes'])}"
            for e in report["exercises"] if e.get("mistakes"))
        row["mistake groups"] = " ".join(f"{e['name']}={e['group']}" for e in report["exercises"]
                                         if e.get("group"))
        rows.append(row)
    fields = ["student", *GRADED_NAMES, "total", "max_score", "error", "mistakes",
              "mistake groups"]
    with tempfile.NamedTemporaryFile("w", dir=out, delete=False, newline="",
                                     suffix=".tmp") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(handle.name, out / GRADEBOOK)
    return rows


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written report."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False,
                                     suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _ungradable(entry: Entry, seed: int, message: str) -> SubmissionResult:
    from autograder.judge.settings import DEFAULT_SETTINGS

    exercises = [ExerciseResult(name, False, 0, DEFAULT_SETTINGS.points[name])
                 for name in GRADED_NAMES]
    return SubmissionResult(str(entry.path or entry.student), seed, exercises, message)
