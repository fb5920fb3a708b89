"""The one-screen summary that ends a batch run: scores, pass rates, the class's mistakes.

The same numbers as the class report (class_report.summarise), as text for the terminal, so an
instructor sees at the end of grading what the charts will show in detail.
"""

import sys
import textwrap

from rich.console import Console
from rich.table import Table
from rich.text import Text

from autograder.reporters.printable import printable

_BAR_WIDTH = 30
_TOP_MISTAKES = 5
_UNGRADED_SHOWN = 5
_CODE_SHOWN = 4
"""Lines of a representative student's code shown under a shared, uncatalogued mistake."""


def render_class_summary(summary: dict, reports: list, out, file=None) -> None:
    """Print the summary of a graded class (`summary` from class_report.summarise)."""
    from autograder.classroom.titles import mistake_title, signature_title

    console = Console(file=file or sys.stdout, highlight=False, emoji=False)
    scores = summary["scores"]
    top = summary["max_score"]
    if scores:
        mean = sum(scores) / len(scores)
        full = sum(1 for score in scores if score == top)
        console.print(f"Mean score {mean:.1f} of {_number(top)}; {full} of {len(scores)} "
                      f"graded submissions have full marks.")
    console.print()

    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 2))
    table.add_column("score")
    table.add_column("students", justify="right")
    table.add_column("")
    counts = {}
    for score in scores:
        counts[score] = counts.get(score, 0) + 1
    largest = max(counts.values(), default=1)
    for score in sorted(counts, reverse=True):
        bar = "█" * max(1, round(_BAR_WIDTH * counts[score] / largest))
        table.add_row(f"{_number(score)}/{_number(top)}", str(counts[score]), bar)
    console.print(table)
    console.print()

    functions = Table(box=None, show_header=True, pad_edge=False, padding=(0, 2))
    functions.add_column("function")
    functions.add_column("passes", justify="right")
    for name, rate in summary["pass_rates"].items():
        functions.add_row(name, f"{100 * rate:.0f}%", style=None if rate >= 0.8 else "yellow")
    console.print(functions)
    console.print()

    if summary["mistakes"]:
        console.print("Most common mistakes (students):")
        for mistake, count in summary["mistakes"][:_TOP_MISTAKES]:
            title = mistake_title(mistake, summary.get("titles"))
            console.print(Text(printable(f"  {count:>4}  {title}")))
        console.print()

    shared = [group for group in summary.get("uncatalogued", []) if len(group["students"]) > 1]
    if shared:
        console.print("Mistakes several students share that the catalogue does not know "
                      "(the same outcome on every call):")
        width = max(40, min(console.width, 100))
        for group in shared[:_TOP_MISTAKES]:
            students = group["students"]
            names = ", ".join(students[:6]) + (f" and {len(students) - 6} more"
                                              if len(students) > 6 else "")
            line = (f"{len(students)} students, {group['function']}: "
                    f"{signature_title(group['signature'])} "
                    f"(group {group['group']}): {names}")
            console.print(Text(textwrap.fill(printable(line), width, initial_indent="  ",
                                             subsequent_indent="    ")))
            if group.get("repair"):
                console.print(Text(textwrap.fill(printable(f"the repair: {group['repair']}"),
                                                 width, initial_indent="    ",
                                                 subsequent_indent="        ")))
            _print_example(console, group, width)
        console.print()

    errors = {report["student"]: report["error"] for report in reports if report.get("error")}
    if errors:
        console.print(Text(f"{len(errors)} could not be graded:", style="red"))
        width = max(40, min(console.width, 100))
        for student, error in list(errors.items())[:_UNGRADED_SHOWN]:
            first_sentence = error.splitlines()[0].split(". ")[0].rstrip(".") + "."
            console.print(Text(textwrap.fill(printable(f"{student}: {first_sentence}"), width,
                                             initial_indent="  ", subsequent_indent="    "),
                               style="red"))
        if len(errors) > _UNGRADED_SHOWN:
            console.print(Text(f"  ... and {len(errors) - _UNGRADED_SHOWN} more", style="red"))
        console.print()
    console.print(f"Gradebook: {out / 'gradebook.csv'}. Charts and the full list of mistakes: "
                  f"python -m autograder report {out}", soft_wrap=True)


def _print_example(console, group: dict, width: int) -> None:
    """Under a shared mistake, where one student's code goes wrong ("e.g. ana, line 3:
    cost = -np.sum(logprobs), computes cost"), or the start of the function when the report
    does not say (report.html shows the whole function)."""
    from autograder.judge.wording import place

    example = group.get("example") or group["students"][0]
    if group.get("lines"):
        for line in group["lines"]:
            text = f"e.g. {example}, {place(line.get('cell'), line['line'])}: {line['code']}"
            if line.get("what"):
                text += f"  ({line['what']})"
            console.print(Text(textwrap.fill(printable(text), width, initial_indent="    ",
                                             subsequent_indent="        "), style="dim"))
        return
    code = textwrap.dedent(group.get("code", "")).splitlines()
    if code:
        console.print(Text(printable(f"    e.g. {example}'s code:"), style="dim"))
        for code_line in code[:_CODE_SHOWN]:
            console.print(Text("      " + printable(code_line)[:width], style="dim"))


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
