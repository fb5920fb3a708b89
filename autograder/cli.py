"""The command line: parse, dispatch, print. Defaults live in settings.py, not here.

    python -m autograder grade PATH [--json] [--seed N] [limits...]
    python -m autograder release

Exit status: 0 whenever a report was produced, whatever the score; 2 for a usage error.
"""

import argparse
import contextlib
import io
import os
import sys
import traceback
from dataclasses import asdict
from pathlib import Path

from autograder.results import SubmissionResult
from autograder.settings import DEFAULT_SETTINGS, Settings, field_help

GRADER_PROBLEM = ("The grader had a problem with this submission; this is not a problem with "
                  "your code. Your instructor has the details (grader_errors in the --json "
                  "report).")

SUITE_DIR = Path(__file__).resolve().parent / "suite"

_LIMIT_FLAGS = (
    ("--call-timeout", "call_timeout_s", float, "SECONDS"),
    ("--submission-timeout", "submission_timeout_s", float, "SECONDS"),
    ("--memory-limit", "memory_limit_mb", int, "MB"),
    ("--grad-check-max-rel-error", "grad_check_max_rel_error", float, "RATIO"),
    ("--value-rtol", "value_rtol", float, "RATIO"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    for flag, name, kind, unit in _LIMIT_FLAGS:
        default = getattr(DEFAULT_SETTINGS, name)
        grade.add_argument(flag, dest=name, type=_positive(kind, flag), default=None,
                           metavar=unit, help=f"{field_help(name)} (default {default})")
    grade.set_defaults(handler=cmd_grade)

    release = commands.add_parser(
        "release", help="regenerate the student versions (assignments/) from the reference",
        description="Write assignments/two_layer_net.py (the reference with every solution "
                    "region replaced by a stub), the visible checks' bundle with its fixtures, "
                    "and, with nbgrader, the student notebook assignments/backprop/.")
    release.set_defaults(handler=cmd_release)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args, parser)
    except KeyboardInterrupt:
        print("Interrupted; nothing was reported.", file=sys.stderr)
        return 130


def cmd_grade(args, parser) -> int:
    path = Path(args.path)
    if not path.is_file():
        parser.error(f"{args.path}: no such file" if not path.exists()
                     else f"{args.path} is not a file")
    overrides = {name: getattr(args, name) for _, name, _, _ in _LIMIT_FLAGS
                 if getattr(args, name) is not None}
    settings = Settings(**overrides)
    seed = new_seed() if args.seed is None else args.seed
    try:
        result = grade_with_pytest(path, seed, settings)
    except Exception:  # a bug of ours: a plain sentence for students, the details for instructors
        result = SubmissionResult(str(path), seed, error=GRADER_PROBLEM,
                                  settings=asdict(settings),
                                  grader_errors=[traceback.format_exc()])
    if args.json:
        from autograder.reporters.json_report import render_json

        print(render_json(result))
    else:
        from autograder.reporters.terminal import render_terminal

        render_terminal(result)
    return 0


def cmd_release(args, parser) -> int:
    from autograder.release import release_all

    for path in release_all():
        print(f"Wrote {path}")
    return 0


def grade_with_pytest(path: Path, seed: int, settings: Settings):
    """Run the hidden suite on one submission, in this process, and return its result.

    pytest's own output is kept off standard output (the CLI prints its own report), and its
    cache is off, so grading writes nothing beside the kit.
    """
    from autograder.grading import SubmissionGrader

    grader = SubmissionGrader(path, seed, settings)  # the worker starts importing now
    try:
        import pytest

        from autograder.pytest_plugin import GradingPlugin

        # The suite needs no third-party plugin; loading every installed one (jupyter's
        # anyio, ...) costs more than grading.
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        pytest_output = io.StringIO()
        with contextlib.redirect_stdout(pytest_output), \
                contextlib.redirect_stderr(pytest_output):
            pytest.main([str(SUITE_DIR), "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                         "--rootdir", str(SUITE_DIR), "-c", str(SUITE_DIR / "pytest.ini")],
                        plugins=[GradingPlugin(grader)])
        return grader.finish()
    finally:
        grader.close()


def new_seed() -> int:
    """A fresh seed for a run that was not given one."""
    return int.from_bytes(os.urandom(4), "little") % 1_000_000


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
