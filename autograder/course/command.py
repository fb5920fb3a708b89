"""`python -m autograder catalogue check | new`, and --catalogue FILE for the other commands.

The command line parses; this loads, checks and installs a course catalogue, and prints what
`catalogue check` found about each entry.
"""

from pathlib import Path


class CatalogueRefused(Exception):
    """A course catalogue that cannot be used, or an entry that cannot be started: its message
    is printed as it is, and the command exits with status 2."""


def use_catalogue(path, submissions=None):
    """Load, check and install the course catalogue at `path`; None when there is none.
    Raises CatalogueRefused, saying why, when an entry is not usable: a class never meets it."""
    if not path:
        return None
    from autograder.course.checking import usable_catalogue
    from autograder.course.loading import CatalogueError, install

    try:
        catalogue = usable_catalogue(path, submissions)
    except CatalogueError as error:
        raise CatalogueRefused(f"The course catalogue {path} cannot be used:\n{error}") from None
    install(catalogue)
    return catalogue


def check_command(file: str) -> int:
    """Prove every entry of `file` usable, entry by entry; 1 when one is not."""
    from autograder.course.checking import check_catalogue
    from autograder.course.loading import CatalogueError, load_catalogue
    from autograder.reporters.printable import printable

    try:
        catalogue = load_catalogue(file)
    except CatalogueError as error:
        print(f"{file} cannot be used:\n{error}")
        return 1
    reports = check_catalogue(catalogue)
    for report in reports:
        if report.problems:
            print(f"✗ {report.id} ({report.function}): not usable yet")
            for problem in report.problems:
                print(f"    {printable(problem)}")
        else:
            print(f"✓ {report.id} ({report.function}): shows on {report.designs_shown} of "
                  f"{report.designs} designs, told apart from the reference and from "
                  f"{report.compared_with} other entries and combinations; the grader says:")
            print(f"    {printable(report.hint)}")
    usable = sum(1 for report in reports if not report.problems)
    print(f"{usable} of {len(reports)} entries usable.")
    return 0 if usable == len(reports) else 1


def new_command(results: Path, group: str, to: Path) -> int:
    """Append a starting entry for `group` to the catalogue `to`."""
    from autograder.course.starting import StartError, start_entry

    try:
        entry_id = start_entry(results, group, to)
    except StartError as error:
        raise CatalogueRefused(str(error)) from None
    print(f"Added {entry_id} to {to}: write its wrong implementation, title and hint, "
          f"then run python -m autograder catalogue check {to}")
    return 0
