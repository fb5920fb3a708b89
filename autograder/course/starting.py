"""`catalogue new`: a starting entry for a mistake that batch found several students share.

The entry holds one student's code as a comment, for the instructor to read, and a skeleton to
fill in: an id, the function, the anchor of its section, and a wrong implementation that only
raises NotImplementedError. Nothing of it runs until the instructor writes that implementation,
and the student's code never runs at all: it is text in a comment, its control characters
written out, so no line of it can leave the comment.
"""

import re
import textwrap
from pathlib import Path

from autograder.judge.student_api import GRADED_BY_NAME
from autograder.reporters.printable import printable

HEADER = '''"""Our course's own mistakes, beside backprop-kit's.

Check after every change:  python -m autograder catalogue check {name}
Use with --catalogue {name} in grade, batch, gradescope and release (backprop-kit's
docs/course-catalogues.md).
"""

import numpy as np

from autograder.course import mistake, reference  # noqa: F401 (reference: the right functions)
'''
_ENTRY_ID = re.compile(r'@mistake\(\s*"([A-Z][A-Z0-9]{1,15})-(\d+)"')


class StartError(Exception):
    """No entry can be started: the message says why."""


def start_entry(results: Path, group_id: str, catalogue: Path) -> str:
    """Append a starting entry for `group_id` (of the batch in `results`) to `catalogue`,
    making the file if missing; return the new entry's id."""
    from autograder.classroom.class_data import load_reports, uncatalogued_groups

    if not results.is_dir():
        raise StartError(f"{results}: no such folder; give the RESULTS folder batch wrote.")
    graded = [report for report in load_reports(results) if not report.get("error")]
    groups = [g for g in uncatalogued_groups(graded) if g["group"] == group_id.strip()]
    if not groups:
        raise StartError(f"No uncatalogued group {group_id} in {results}: the class summary "
                         "and gradebook.csv (column \"mistake groups\") list the ids.")
    group = groups[0]
    try:
        existing = catalogue.read_text() if catalogue.exists() else ""
        entry_id = _next_id(existing)
        text = existing if existing else HEADER.format(name=catalogue.name)
        catalogue.write_text(text.rstrip("\n") + "\n\n\n" + entry_text(entry_id, group))
    except (OSError, UnicodeDecodeError) as error:
        raise StartError(f"{catalogue} cannot be written: "
                         f"{getattr(error, 'strerror', None) or error}.") from None
    return entry_id


def entry_text(entry_id: str, group: dict) -> str:
    """The starting entry for one group: a skeleton, and the code as a comment."""
    function = GRADED_BY_NAME[group["function"]]
    count = len(group["students"])
    from autograder.judge.wording import place

    shown = group.get("code") or "(the code could not be read)"
    code = [f"    #     {line}".rstrip()
            for line in textwrap.dedent(printable(shown)).splitlines()]
    for line in group.get("lines", []):
        what = line.get("what") or "is where it shows"
        code.append(f"    # {place(line.get('cell'), line['line'])} {what}: {line['code'].strip()}")
    if group.get("repair"):
        code.append(f"    # The repair search made it pass: {group['repair']}")
    code = "\n".join(printable(line) for line in code)
    title = (f"TODO: one line for the class report (the repair: {group['repair']})"
             if group.get("repair") else "TODO: one line for the class report")
    title = printable(title).replace("\\", "\\\\").replace('"', "'")
    name = f"{function.name}_group_{re.sub(r'[^0-9a-zA-Z_]', '', group['group'])}"
    return f'''@mistake(
    "{entry_id}",  # your course's prefix, a dash and a name: never one of the kit's ids
    "{function.name}",
    title="{title}",
    hint="TODO: what the student reads: name the concept, use their numbers ({{m}}, "
         "{{got_shape}}... see autograder.course.HINT_FIELDS), never paste the answer.",
    anchor="{function.anchor}",  # the section the hint points at: autograder.course.ANCHORS
)
def {name}({", ".join(function.parameters)}):
    # {count} student{"s" if count != 1 else ""} gave the same outcome on every call (group {group["group"]}). One wrote:
{code}
    # Write that mistake as the right code with one thing changed (reference.{function.name}
    # is the right one), then: python -m autograder catalogue check THIS_FILE
    raise NotImplementedError("write the wrong implementation")
'''


def _next_id(text: str) -> str:
    found = _ENTRY_ID.findall(text)
    if not found:
        return "COURSE-1"
    prefix = found[-1][0]
    return f"{prefix}-{max(int(number) for p, number in found if p == prefix) + 1}"
