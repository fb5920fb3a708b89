"""Read a course catalogue file, check the form of its entries, and add them to the catalogue.

The file is the instructor's own code and runs in the grader's process, as the kit's mutants
do; that is why it is only ever taken from --catalogue, and refused where someone else could
have written it (a file or folder others may write to, or a folder of submissions).
"""

import contextlib
import hashlib
import importlib.util
import inspect
import os
import string
from dataclasses import dataclass
from pathlib import Path

from autograder.judge.diagnosis.catalogue import (COURSE_ID, MISTAKES_BY_ID, SECTIONS, Mistake,
                                                  add_course_mistakes, remove_course_mistakes)
from autograder.judge.diagnosis.context import FIELDS
from autograder.judge.student_api import GRADED_BY_NAME


class CatalogueError(Exception):
    """A course catalogue that cannot be used; the message says what to change, entry by entry."""


@dataclass(frozen=True)
class CourseEntry:
    """One mistake of a course catalogue and its wrong implementation."""

    mistake: Mistake
    implementation: object
    line: int
    """Where the implementation starts in the file, for messages."""


@dataclass(frozen=True)
class CourseCatalogue:
    """A course catalogue file, read."""

    path: Path
    sha256: str
    entries: tuple

    def record(self) -> dict:
        """What batch.json keeps of it: which file, which version, and the titles."""
        return {"path": str(self.path), "sha256": self.sha256,
                "titles": {entry.mistake.id: entry.mistake.title for entry in self.entries}}


def load_catalogue(path, submissions=None) -> CourseCatalogue:
    """Run the file, collect its @mistake entries and check their form; CatalogueError if the
    file cannot be trusted, does not run, or holds an entry that is not well formed."""
    from autograder import course

    path = Path(path).resolve()
    _refuse_untrusted(path, submissions)
    text = path.read_bytes()
    course._entries.clear()
    name = f"backprop_kit_course_{hashlib.sha256(text).hexdigest()[:12]}"
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:  # the instructor's file: say why, in one line
        raise CatalogueError(f"{path} does not run: {type(error).__name__}: {error}") from None
    finally:
        collected = list(course._entries)
        course._entries.clear()
    entries, problems = [], []
    for found in collected:
        line = inspect.getsourcelines(found["implementation"])[1] \
            if inspect.isfunction(found["implementation"]) else 0
        trouble = entry_form_problems(found, [e.mistake.id for e in entries])
        if trouble:
            problems.append(f"{found.get('id')!s} (line {line}): " + " ".join(trouble))
            continue
        mistake = Mistake(found["id"], found["implementation"].__name__, found["function"],
                          found["title"], found["hint"], found["anchor"])
        entries.append(CourseEntry(mistake, found["implementation"], line))
    if not collected:
        problems.append(f"{path} declares no mistake: decorate each wrong implementation with "
                        "@mistake(...) from autograder.course.")
    if problems:
        raise CatalogueError("\n".join(problems))
    return CourseCatalogue(path, hashlib.sha256(text).hexdigest(), tuple(entries))


def entry_form_problems(entry: dict, earlier_ids: list) -> list:
    """What is wrong with one entry's form, as sentences; [] when nothing is."""
    problems = []
    mistake_id, function = entry["id"], entry["function"]
    if not isinstance(mistake_id, str) or not COURSE_ID.fullmatch(mistake_id):
        problems.append(f"The id {mistake_id!r} needs the course's own prefix of two or more "
                        "capitals or digits, a dash and a name, such as 'ML101-3', so that it "
                        "can never be one of the kit's ids.")
    elif mistake_id in MISTAKES_BY_ID or mistake_id in earlier_ids:
        problems.append(f"The id {mistake_id} is already taken.")
    if function not in GRADED_BY_NAME:
        problems.append(f"{function!r} is not a graded function (one of "
                        f"{', '.join(GRADED_BY_NAME)}).")
    implementation = entry["implementation"]
    if not callable(implementation):
        problems.append("@mistake must decorate a function.")
    elif function in GRADED_BY_NAME:
        wanted = GRADED_BY_NAME[function].parameters
        try:
            parameters = inspect.signature(implementation).parameters
        except (TypeError, ValueError):
            parameters = None
        if parameters is not None and len(parameters) != len(wanted):
            problems.append(f"The wrong implementation takes {len(parameters)} parameter(s); "
                            f"{function} takes {len(wanted)}: ({', '.join(wanted)}).")
    for field in ("title", "hint"):
        value = entry[field]
        if not isinstance(value, str) or not value.strip():
            problems.append(f"The {field} is empty.")
        elif "TODO" in value:
            problems.append(f"The {field} still holds the starting entry's TODO.")
    if isinstance(entry["title"], str) and "\n" in entry["title"].strip():
        problems.append("The title is one line.")
    if isinstance(entry["hint"], str):
        problems.extend(template_problems(entry["hint"]))
    if entry["anchor"] not in SECTIONS:
        problems.append(f"The anchor {entry['anchor']!r} is not a section of the notebook (one "
                        f"of {', '.join(SECTIONS)}).")
    return problems


def template_problems(template: str) -> list:
    """Fields a hint template names that no hint is given, or a template that does not parse."""
    try:
        named = [field for _, field, _, _ in string.Formatter().parse(template)
                 if field is not None]
    except ValueError as error:
        return [f"The hint does not parse as a template ({error}); write a literal brace as "
                "{{ or }}."]
    unknown = sorted({field for field in named if field not in FIELDS})
    if unknown:
        return [f"The hint names {', '.join('{' + f + '}' for f in unknown)}, which is not "
                f"one of the fields a hint is given: {', '.join(FIELDS)}."]
    return []


def _refuse_untrusted(path: Path, submissions) -> None:
    if not path.is_file():
        raise CatalogueError(f"{path}: {'not a file' if path.exists() else 'no such file'}.")
    if submissions is not None:
        folder = Path(submissions).resolve()
        if path == folder or folder in path.parents:
            raise CatalogueError(f"{path} lies in the folder of submissions, where students "
                                 "could have written it; keep the course catalogue elsewhere.")
    for place in (path, path.parent):
        status = place.stat()
        sticky = place.is_dir() and status.st_mode & 0o1000
        if status.st_mode & 0o022 and not sticky:
            raise CatalogueError(f"{place} can be written by other users, so the grader will "
                                 f"not run it: chmod go-w {place}")
        if status.st_uid not in (os.getuid(), 0) and place == path:
            raise CatalogueError(f"{path} belongs to another user, so the grader will not run "
                                 "it; copy it and give the copy instead.")


def install(catalogue: CourseCatalogue) -> None:
    """Add the entries to the catalogue and their wrong implementations to the mutants."""
    from autograder.answers.mutants import MUTANTS

    add_course_mistakes(entry.mistake for entry in catalogue.entries)
    for entry in catalogue.entries:
        MUTANTS[entry.mistake.id] = (entry.mistake.function, entry.implementation)
    _forget_outcomes()


def uninstall() -> None:
    """Forget every course entry (tests, and `catalogue check`, which installs for a while)."""
    from autograder.answers.mutants import MUTANTS
    from autograder.judge.diagnosis.catalogue import course_mistakes

    for mistake in course_mistakes():
        MUTANTS.pop(mistake.id, None)
    remove_course_mistakes()
    _forget_outcomes()


def _forget_outcomes() -> None:
    """The cached calls keep each mutant's outcome by id: another file may reuse an id."""
    from autograder.answers.cases import make_calls

    make_calls.cache_clear()


@contextlib.contextmanager
def installed(catalogue: CourseCatalogue):
    """The catalogue installed for the body of a with statement."""
    install(catalogue)
    try:
        yield catalogue
    finally:
        uninstall()
