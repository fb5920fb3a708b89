"""The terminal report: a mark, the points and the hints per function. Colour only here.

rich writes plain text when the output is not a terminal or NO_COLOR is set, so the same
words reach a log file, a pipe or a screen reader.
"""

import sys

from rich.console import Console
from rich.text import Text

from autograder.reporters.printable import printable_result

_PASS, _FAIL = "✓", "✗"


def render_terminal(result, file=None, level: int = 1) -> None:
    """Print the report for one submission, each hint up to rung `level` of the ladder."""
    result = printable_result(result)
    console = Console(file=file or sys.stdout, highlight=False, soft_wrap=False,
                      emoji=False)
    header = (f"backprop-kit · {result.submission} · seed {result.seed} "
              f"(replay: python -m autograder grade {result.submission} --seed {result.seed})")
    console.print(Text(header, style="bold"), soft_wrap=True)
    console.print()
    if result.error:
        # wrapped under its own indent, as a hint is, not back at column 0
        _print_hint(console, result.error, indent="  ", style="red")
        console.print()
    else:
        for note in result.notes:
            _print_hint(console, note, indent="  ", style="dim")
        if result.notes:
            console.print()
        width = max(len(exercise.name) for exercise in result.exercises) + 2
        for exercise in result.exercises:
            mark, style = (_PASS, "green") if exercise.passed else (_FAIL, "red")
            line = Text("  ")
            line.append(mark, style=style)
            line.append(f" {exercise.name:<{width}}{_points(exercise.score)}/"
                        f"{_points(exercise.max_score)}")
            console.print(line)
            rungs = {2: exercise.more, 3: exercise.fixes}.get(level) or exercise.hints
            for hint in rungs:
                _print_hint(console, hint)
        console.print()
    if result.output.strip():
        console.print(Text("  What your code printed (first lines):", style="dim"))
        for line in result.output.strip().splitlines()[:5]:
            console.print(Text("    " + line[:200], style="dim"))
        console.print()
    console.print(Text(f"  Score {_points(result.score)}/{_points(result.max_score)}",
                       style="bold"))


def _print_hint(console, hint: str, indent: str = "      ", style: str = "yellow") -> None:
    """A hint indented under its function, wrapped to the terminal, at most 100 columns."""
    import textwrap

    width = max(40, min(console.width, 100) - len(indent))
    for paragraph in hint.split("\n"):
        for line in textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]:
            console.print(Text(indent + line, style=style))


def _points(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
