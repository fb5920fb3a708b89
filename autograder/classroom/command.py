"""`python -m autograder batch` and `report`: a class graded, summed up, and drawn.

The command line parses; this runs the class and prints what the instructor reads: the count,
the notes about a resumed run, who was flagged, and the one-screen summary.
"""

import sys
from pathlib import Path

from autograder.grading.seeds import new_seed

NOT_CONFINED = (
    "Warning: students were NOT kept apart on this machine ({why}). A submission could read "
    "other students' submissions and the kit's files, and signal other workers; reports it "
    "changed are caught (the grader signs them) but not what it read. Grade in a container "
    "that allows namespaces, or as root; see docs/security.md.")


def batch_command(folder: Path, out: Path, seed, force: bool, jobs: int, settings,
                  catalogue) -> int:
    """Grade every submission in `folder` into `out` and print the class summary; the exit
    status (130 when interrupted, with what was graded kept)."""
    from autograder.classroom.batch import FLAG, GRADEBOOK, Interrupted, grade_folder
    from autograder.classroom.class_data import course_titles, load_reports, summarise
    from autograder.reporters.class_summary import render_class_summary
    from autograder.reporters.printable import printable

    seed = _batch_seed(out, seed, force)
    _note_other_catalogue(out, catalogue, force)
    try:
        counts = grade_folder(folder, out, seed, settings, jobs, force, _Progress(), catalogue)
    except Interrupted as stopped:
        print(f"Interrupted: the {stopped.graded} submission(s) graded by this run are kept in "
              f"{out}; {stopped.remaining} are left. Run the same command again to grade only "
              "those.",
              file=sys.stderr)
        return 130
    # three counts that add up to the class: graded now, graded by an earlier run, not graded
    line = (f"Graded {counts['graded_ok']} of {counts['total']} submissions in "
            f"{counts['seconds']:.1f} s (seed {seed}); {counts['skipped_ok']} were already "
            "graded")
    if counts["failed"]:
        line += (f"; {counts['failed']} could not be graded: see {out / GRADEBOOK}, "
                 "column \"error\"")
    line += "."
    print(line)
    if not counts["confined"]:
        print(NOT_CONFINED.format(why=counts["why_not_confined"] or "unknown"))
    for student, flag in counts["flagged"].items():
        print(printable(f"{FLAG} {student}: {flag}"))
    reports = load_reports(out)
    render_class_summary(summarise(reports, course_titles(out)), reports, out)
    return 0


def report_command(results: Path) -> int:
    """Write RESULTS/report.html and its charts."""
    from autograder.reporters.class_report import write_report

    print(f"Wrote {write_report(results)} and its charts in {results / 'report'}")
    return 0


def _batch_seed(out: Path, given, force: bool) -> int:
    """The seed of the run that RESULTS belongs to, so that a resumed run uses the same inputs:
    the one recorded in RESULTS/batch.json, else the one given, else a new one (grade_folder
    records it there)."""
    from autograder.classroom.batch import RECORD, read_record

    try:
        recorded = int(read_record(out)["seed"])
    except (KeyError, TypeError, ValueError):
        recorded = None
    seed = given if given is not None else recorded if recorded is not None else new_seed()
    if (recorded is not None and seed != recorded and not force
            and any(path.name != RECORD for path in out.glob("*.json"))):
        print(f"Note: {out} holds reports graded with seed {recorded}; the ones graded now use "
              f"seed {seed}. Add --force to grade the whole class with one seed.",
              file=sys.stderr)
    return seed


def _note_other_catalogue(out: Path, catalogue, force: bool) -> None:
    """Say so when RESULTS holds reports graded with another course catalogue (or none)."""
    from autograder.classroom.batch import RECORD, read_record

    recorded = (read_record(out).get("course_catalogue") or {}).get("sha256")
    current = catalogue.sha256 if catalogue else None
    if (recorded != current and not force
            and any(path.name != RECORD for path in out.glob("*.json"))):
        print(f"Note: {out} holds reports graded with "
              f"{'another course catalogue' if recorded else 'no course catalogue'}; only the "
              "ones graded now use this one. Add --force to grade the whole class with it.",
              file=sys.stderr)


class _Progress:
    """A rich progress bar on standard error, shown only on a terminal."""

    def start(self, total):
        from rich.progress import Progress

        self.bar = Progress(disable=not sys.stderr.isatty(), transient=True,
                            console=None)
        self.bar.start()
        self.task = self.bar.add_task("grading", total=total)

    def advance(self, student):
        self.bar.update(self.task, advance=1, description=f"graded {student}")

    def stop(self):
        self.bar.stop()
