"""Grade a folder of submissions: in parallel, resumable, ending with a gradebook.

Each student has one .py or .ipynb in SUBMISSIONS, or a sub-folder holding one. Each report is
written atomically to RESULTS/<student>.json as soon as it is graded, so an interrupted run
loses nothing already graded, and a new run grades only what is missing (--force: everything).
A submission that cannot be graded gets a report with its error, and a gradebook row.
"""

import contextlib
import csv
import json
import os
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from autograder.results import ExerciseResult, SubmissionResult
from autograder.student_api import GRADED_NAMES

SUFFIXES = (".py", ".ipynb")
GRADEBOOK = "gradebook.csv"
FLAG = "For the instructor:"
"""How a report's note that the instructor should look at begins."""


@dataclass(frozen=True)
class Entry:
    """One student's submission, or why none could be found for them."""

    student: str
    path: Path = None
    problem: str = None
    flag: str = None
    """Something the instructor should know, though the submission is graded (a hard link)."""


def find_submissions(folder: Path, results: Path = None) -> list:
    """One Entry per student, sorted by name (the results folder, if inside, is not one)."""
    entries = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or (results is not None and item.resolve() == results):
            continue
        if item.is_symlink():
            entries.append(Entry(item.stem if item.suffix.lower() in SUFFIXES else item.name,
                                 None, f"{item.name} is a symbolic link: the grader grades only "
                                       "a student's own files, so it was not graded."))
        elif item.is_file() and item.suffix.lower() in SUFFIXES:
            entries.append(_checked(Entry(item.stem, item), item.parent))
        elif item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUFFIXES and ".ipynb_checkpoints" not in p.parts)
            if len(found) == 1:
                entries.append(_checked(Entry(item.name, found[0]), item))
            else:
                what = "no .py or .ipynb file" if not found else \
                    f"{len(found)} .py or .ipynb files ({', '.join(p.name for p in found[:4])})"
                entries.append(Entry(item.name, None, f"The folder {item.name} holds {what}; "
                                                      "the grader needs exactly one."))
    return entries


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
                 progress=None) -> dict:
    """Grade what is missing in `out` (everything with force); write the gradebook.

    Returns counts: graded, skipped (already there), failed (could not be graded), seconds.
    Raises Interrupted on Ctrl-C or SIGTERM, after every report written so far is complete.
    """
    from autograder.grading import grade_path

    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob("*.tmp"):  # a report a killed run had not finished writing
        leftover.unlink(missing_ok=True)
    entries = find_submissions(folder, out.resolve())
    todo = [e for e in entries if force or not (out / f"{e.student}.json").exists()]
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
        return result

    written = 0
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        with _sigterm_as_interrupt():
            futures = {pool.submit(grade, entry): entry for entry in todo}
            for future in as_completed(futures):
                entry = futures[future]
                write_atomically(out / f"{entry.student}.json",
                                 json.dumps(future.result().to_json_dict(), indent=2))
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
    rows = write_gradebook(out, [e.student for e in entries])
    failed = sum(1 for row in rows if row["error"])
    flagged = {entry.student: entry.flag for entry in entries if entry.flag}
    return {"graded": len(todo), "skipped": len(entries) - len(todo), "failed": failed,
            "total": len(entries), "seconds": time.perf_counter() - started,
            "flagged": flagged}


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


def write_gradebook(out: Path, students: list) -> list:
    """RESULTS/gradebook.csv: student, each function's score, total, error."""
    rows = []
    for student in students:
        report = json.loads((out / f"{student}.json").read_text())
        row = {"student": student}
        for exercise in report["exercises"]:
            row[exercise["name"]] = exercise["score"]
        row["total"] = report["score"]
        row["max_score"] = report["max_score"]
        row["error"] = report["error"] or ""
        rows.append(row)
    fields = ["student", *GRADED_NAMES, "total", "max_score", "error"]
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
    from autograder.settings import DEFAULT_SETTINGS

    exercises = [ExerciseResult(name, False, 0, DEFAULT_SETTINGS.points[name])
                 for name in GRADED_NAMES]
    return SubmissionResult(str(entry.path or entry.student), seed, exercises, message)
