"""The command line: parse and dispatch. Defaults live in judge/settings.py, the work in each
command's own module (grading/run.py, classroom/command.py, course/command.py, ...).

    python -m autograder grade PATH [--json] [--more] [--seed N] [--catalogue FILE] [limits...]
    python -m autograder batch SUBMISSIONS --out RESULTS [--catalogue FILE]
    python -m autograder catalogue check FILE | new GROUP --results RESULTS --to FILE | page
    python -m autograder release [--catalogue FILE]

Exit status: 0 whenever a report was produced, whatever the score; 2 for a usage error.
"""

import argparse
import os
import sys
from pathlib import Path

from autograder.grading.seeds import new_seed
from autograder.judge.settings import DEFAULT_SETTINGS, Settings, field_help

_LIMIT_FLAGS = (
    ("--call-timeout", "call_timeout_s", float, "SECONDS"),
    ("--submission-timeout", "submission_timeout_s", float, "SECONDS"),
    ("--memory-limit", "memory_limit_mb", int, "MB"),
    ("--grad-check-max-rel-error", "grad_check_max_rel_error", float, "RATIO"),
    ("--value-rtol", "value_rtol", float, "RATIO"),
)


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error said in one line: what is wrong and where --help is, not
    the whole usage first (subcommands' parsers are of this class too)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m autograder",
        description="backprop-kit: grade submissions of the two-layer network exercise.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    grade = commands.add_parser("grade", help="grade one .py or .ipynb submission",
                                description="Grade one submission and print the hints.")
    grade.add_argument("path", metavar="PATH", help="the submission: a .py or .ipynb file")
    grade.add_argument("--json", action="store_true",
                       help="print one JSON object and nothing else on standard output")
    grade.add_argument("--seed", type=_seed, default=None,
                       help="replay the inputs of an earlier run (its header shows the seed)")
    grade.add_argument("--more", action="store_true",
                       help="each hint's next rung: what kind of change is needed (the hint "
                            "alone says where, what your numbers show, and which idea)")
    for flag, name, kind, unit in _LIMIT_FLAGS:
        default = getattr(DEFAULT_SETTINGS, name)
        grade.add_argument(flag, dest=name, type=_positive(kind, flag), default=None,
                           metavar=unit, help=f"{field_help(name)} (default {default})")
    _add_worker_user(grade)
    _add_catalogue(grade)
    grade.set_defaults(handler=cmd_grade)

    batch = commands.add_parser(
        "batch", help="grade a folder of submissions into RESULTS, with a gradebook",
        description="Grade every student's .py or .ipynb (or sub-folder holding one) in "
                    "SUBMISSIONS, in parallel; each report is written to RESULTS as soon as it "
                    "is graded, and a new run grades only what is missing.")
    batch.add_argument("submissions", metavar="SUBMISSIONS", help="the folder of submissions")
    batch.add_argument("--out", metavar="RESULTS", required=True,
                       help="where the reports and gradebook.csv go")
    batch.add_argument("--jobs", type=_positive(int, "--jobs"), default=4 * (os.cpu_count() or 1),
                       help="submissions graded at once (default: four times the number of "
                            "cores, since each mostly waits: on its worker, and on the kernel "
                            "as it moves the worker into its cgroups)")
    batch.add_argument("--force", action="store_true", help="grade again what is already graded")
    batch.add_argument("--seed", type=_seed, default=None,
                       help="the same inputs for the whole class (default: a new seed)")
    _add_worker_user(batch)
    _add_catalogue(batch)
    batch.set_defaults(handler=cmd_batch)

    report = commands.add_parser(
        "report", help="write the class report (HTML and PNG charts) from batch RESULTS",
        description="Score distribution, pass rate per function and the most common mistakes "
                    "across the class, as RESULTS/report.html and RESULTS/report/*.png.")
    report.add_argument("results", metavar="RESULTS", help="the folder batch wrote")
    report.set_defaults(handler=cmd_report)

    gradescope = commands.add_parser(
        "gradescope", help="build the autograder zip for Gradescope",
        description="Write the zip Gradescope expects: setup.sh, run_autograder and the kit.")
    gradescope.add_argument("--out", metavar="ZIP", default="autograder.zip",
                            help="where to write it (default autograder.zip)")
    _add_catalogue(gradescope)
    gradescope.set_defaults(handler=cmd_gradescope)

    gradescope_run = commands.add_parser(
        "gradescope-run", help="(inside Gradescope) grade ROOT/submission into ROOT/results",
        description="What run_autograder calls in Gradescope's container.")
    gradescope_run.add_argument("--root", default="/autograder", help="default /autograder")
    gradescope_run.add_argument("--seed", type=_seed, default=None)
    gradescope_run.add_argument(
        "--hidden-visibility", default="after_published",
        choices=("visible", "after_published", "after_due_date", "hidden"),
        help="when students see the hidden checks, which carry the points (default: once you "
             "publish the grades); the notebook's checks are always shown at once")
    _add_worker_user(gradescope_run)
    _add_catalogue(gradescope_run)
    gradescope_run.set_defaults(handler=cmd_gradescope_run)

    release = commands.add_parser(
        "release", help="regenerate the student versions (assignments/) from the reference",
        description="Write assignments/two_layer_net.py (the reference with every solution "
                    "region replaced by a stub), the visible checks' bundle with its fixtures, "
                    "and, with nbgrader, the student notebook assignments/backprop/.")
    _add_catalogue(release)
    release.set_defaults(handler=cmd_release)

    catalogue = commands.add_parser(
        "catalogue", help="check a course catalogue, start an entry for a shared mistake, or "
                          "write the page of the kit's mistakes",
        description="A course catalogue is a Python file of your own mistakes, used beside the "
                    "kit's with --catalogue FILE (see docs/course-catalogues.md).")
    actions = catalogue.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", help="prove every entry of FILE usable",
        description="Runs each entry's wrong implementation on every design and checks that it "
                    "is written and repeatable, told apart from the reference and from every "
                    "other entry, that its hint renders and its anchor exists, and that the "
                    "grader names it. Exit status 1 when an entry is not usable.")
    check.add_argument("file", metavar="FILE", help="the course catalogue")
    check.set_defaults(handler=cmd_catalogue_check)
    new = actions.add_parser(
        "new", help="start an entry for a mistake batch found several students share",
        description="Appends to FILE (made if missing) a starting entry for GROUP, a group id "
                    "from the class summary or gradebook.csv: one student's code as a comment "
                    "and a skeleton to fill in. Nothing of it runs until you write the wrong "
                    "implementation.")
    new.add_argument("group", metavar="GROUP", help="the group id, as the summary prints it")
    new.add_argument("--results", metavar="RESULTS", required=True,
                     help="the folder batch wrote")
    new.add_argument("--to", metavar="FILE", required=True, help="the course catalogue")
    new.set_defaults(handler=cmd_catalogue_new)
    page = actions.add_parser(
        "page", help="write docs/catalogue.md, every mistake the kit knows",
        description="Writes the kit's catalogue as a Markdown page: each mistake's id, "
                    "function, title, hint and notebook section, generated from the catalogue "
                    "itself.")
    page.add_argument("--out", metavar="FILE", default=None,
                      help="where to write it (default docs/catalogue.md in the kit)")
    page.set_defaults(handler=cmd_catalogue_page)
    return parser


def _add_catalogue(parser) -> None:
    parser.add_argument("--catalogue", metavar="FILE", default=None,
                        help="your course's own mistakes, beside the kit's: a Python file, "
                             "checked first (see python -m autograder catalogue check)")


def _add_worker_user(parser) -> None:
    parser.add_argument("--worker-user", metavar="USER", default="",
                        help=field_help("worker_user"))


def _worker_user(args, parser) -> str:
    """The --worker-user given, once checked: a usage error, not a failed grading, if wrong."""
    from autograder.sandbox import worker_problem, worker_user

    try:
        worker_user(args.worker_user)
    except ValueError as error:
        parser.error(f"--worker-user: {error}")
    if args.worker_user:
        problem = worker_problem(Settings(worker_user=args.worker_user))
        if problem:
            parser.exit(2, (
                f"--worker-user {args.worker_user}: a worker run as that user cannot run this "
                f"Python ({sys.prefix}): {problem}. Every submission would then fail for that, "
                "not for its code, so nothing was graded. Give that user a Python it can read "
                "(for example a virtual environment made with /usr/bin/python3 -m venv in a "
                "folder it can read, then pip install -r requirements.txt), or leave out "
                "--worker-user.\n"))
    return args.worker_user


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args, parser)
    except KeyboardInterrupt:
        print("Interrupted; nothing was reported.", file=sys.stderr)
        return 130
    except ModuleNotFoundError as error:  # the kit's own requirements, not the submission's
        print(f"backprop-kit needs {error.name}, which is not installed here: run "
              "python -m pip install -r requirements.txt", file=sys.stderr)
        return 2
    except Exception as error:
        # a course catalogue refused; looked up, not imported: the course package (and the
        # diagnosis it brings) is loaded only by a run that was given a catalogue
        course = sys.modules.get("autograder.course.command")
        if course is not None and isinstance(error, course.CatalogueRefused):
            print(error, file=sys.stderr)
            return 2
        raise


def _use_catalogue(path, submissions=None):
    """course/command.py's use_catalogue, the course package imported only when a course
    catalogue is given: it brings the reference and the diagnosis (issue 19)."""
    if not path:
        return None
    from autograder.course.command import use_catalogue

    return use_catalogue(path, submissions)


def cmd_grade(args, parser) -> int:
    path = Path(args.path)
    if not path.is_file():
        parser.error(f"{args.path}: no such file" if not path.exists()
                     else f"{args.path} is not a file")
    if path.suffix.lower() in (".py", ".ipynb"):
        from autograder.sandbox.launch import spawn_zygote

        # First, so that the zygote imports numpy while the grader imports the rest of itself
        # (python -m autograder has spawned it already: __main__.py). A notebook that needs
        # the real matplotlib gets a zygote that imports it once its cells are read.
        spawn_zygote()
    from autograder.grading.run import grade_command

    overrides = {name: getattr(args, name) for _, name, _, _ in _LIMIT_FLAGS
                 if getattr(args, name) is not None}
    settings = Settings(**overrides, worker_user=_worker_user(args, parser))
    _use_catalogue(args.catalogue)
    seed = new_seed() if args.seed is None else args.seed
    return grade_command(path, seed, settings, args.json, more=args.more)


def cmd_batch(args, parser) -> int:
    folder = Path(args.submissions)
    if not folder.is_dir():
        parser.error(f"{args.submissions} is not a folder" if folder.exists()
                     else f"{args.submissions}: no such folder")
    from autograder.classroom.batch import find_submissions

    out = Path(args.out)
    if not find_submissions(folder, out.resolve()):
        ignored = [item.name for item in sorted(folder.iterdir())
                   if not item.name.startswith(".") and item.resolve() != out.resolve()]
        named = (f"; ignored: {', '.join(ignored[:8])}{' ...' if len(ignored) > 8 else ''}"
                 if ignored else "")
        parser.error(f"no submissions found in {folder}{named}. A submission is a .py or "
                     ".ipynb file, or a folder holding one")
    from autograder.sandbox import spawn_zygote

    # First, so that the zygote imports numpy while the grader imports the rest of itself
    # (python -m autograder has spawned it already: __main__.py). Not matplotlib, which
    # notebooks import: their plots get a stand-in (sandbox/plot_gate.py).
    spawn_zygote()
    from autograder.classroom.command import batch_command
    catalogue = _use_catalogue(args.catalogue, folder)
    return batch_command(folder, Path(args.out), args.seed, args.force, args.jobs,
                         Settings(worker_user=_worker_user(args, parser)), catalogue)


def cmd_report(args, parser) -> int:
    from autograder.classroom.command import report_command

    results = Path(args.results)
    if not results.is_dir() or not any(results.glob("*.json")):
        parser.error(f"{args.results}: no reports there; run python -m autograder batch first")
    return report_command(results)


def cmd_gradescope(args, parser) -> int:
    from autograder.integrations.gradescope.build import build_zip

    catalogue = _use_catalogue(args.catalogue)
    print(f"Wrote {build_zip(Path(args.out), catalogue.path if catalogue else None)}")
    return 0


def cmd_gradescope_run(args, parser) -> int:
    from autograder.integrations.gradescope.run import run

    seed = new_seed() if args.seed is None else args.seed
    _use_catalogue(args.catalogue, Path(args.root) / "submission")
    results = run(Path(args.root), seed, Settings(worker_user=_worker_user(args, parser)),
                  args.hidden_visibility)
    print(f"Score {results['score']}")
    return 0


def cmd_release(args, parser) -> int:
    from autograder.release import release_all

    catalogue = _use_catalogue(args.catalogue)
    for path in release_all():
        print(f"Wrote {path}")
    if catalogue:
        print(f"The notebook's checks know the {len(catalogue.entries)} mistake(s) of "
              f"{catalogue.path}.")
    return 0


def cmd_catalogue_check(args, parser) -> int:
    from autograder.course.command import check_command

    return check_command(args.file)


def cmd_catalogue_page(args, parser) -> int:
    from autograder.paths import CATALOGUE_PAGE
    from autograder.reporters.catalogue_page import catalogue_page

    out = Path(args.out) if args.out else CATALOGUE_PAGE
    try:
        out.write_text(catalogue_page())
    except OSError as error:
        parser.exit(2, f"{out} could not be written: {error.strerror or error}\n")
    print(f"Wrote {out}")
    return 0


def cmd_catalogue_new(args, parser) -> int:
    from autograder.course.command import new_command

    return new_command(Path(args.results), args.group, Path(args.to))


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is negative; a seed is 0 or more")
    return value


def _positive(kind, flag):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{flag} '{text}' is not valid: use a positive "
                                             "number") from None
        return value
    return parse


if __name__ == "__main__":
    sys.exit(main())
