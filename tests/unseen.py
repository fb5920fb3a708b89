"""Judge the grader's hints on the hand-written corpus of tests/files/unseen/ (issue 18).

Each file there is a whole submission written by hand, in one of several styles (the course's
template, `@` and terse numpy, helpers of the student's own, backward_propagation inline), with
one or two mistakes its docstring states and no catalogue entry was written for:

    expect: compute_dZ1, backward_propagation     the functions that are wrong
    inherits: backward_propagation                 wrong only through a wrong component
    wrong-line: tanh_backward: return 1 - Z ** 2    the line of each mistake, as written
    kind: derivative                               the kind of mistake, for the report

A wrong function gets a *specific, true* hint when it fails, its mistakes name a catalogue id
or a repair (not a generic signature), and, where a repair was found, every line the repair
changes is one the docstring names as wrong. A function the file inherits its failure in gets
S-inherited (or a specific hint of its own). A function not listed passes with no hint. Used by
tests/test_unseen_mistakes.py and bench/repair_coverage.py alike.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

UNSEEN = Path(__file__).resolve().parent / "files" / "unseen"
GENERIC = ("S-unrecognised", "S-raised", "S-shape", "S-scaled", "S-numpy-error", "R-ambiguous",
           "S-type", "S-values")
BESIDE = ("S-gradient-check", "S-inherited")


@dataclass
class Expectation:
    wrong: list
    inherits: list
    lines: dict
    """Function (graded or helper) -> the stripped lines its mistakes are on."""
    kind: str = ""


@dataclass
class Verdict:
    """What the grader said about one wrong function, judged."""

    path: str
    function: str
    kind: str
    specific: bool
    true: bool
    mistakes: list = field(default_factory=list)
    hint: str = ""


def expectation(path: Path) -> Expectation:
    text = ast.get_docstring(ast.parse(path.read_text())) or ""
    expect = re.findall(r"^expect:\s*(.+?)\s*$", text, re.M)
    wrong = [] if not expect or expect[0] == "none" else \
        [name.strip() for name in expect[0].split(",")]
    inherits = [name.strip() for line in re.findall(r"^inherits:\s*(.+?)\s*$", text, re.M)
                for name in line.split(",")]
    lines = {}
    for function, line in re.findall(r"^wrong-line:\s*(\w+):\s*(.+?)\s*$", text, re.M):
        lines.setdefault(function, []).append(line.strip())
    kinds = re.findall(r"^kind:\s*(.+?)\s*$", text, re.M)
    return Expectation(wrong, inherits, lines, kinds[0] if kinds else "")


def corpus(folder: Path = UNSEEN) -> list:
    return sorted(path for path in folder.glob("*.py"))


def judge_file(path: Path, result) -> tuple:
    """(verdicts of the wrong functions, problems): problems are what no hint may do (a right
    function failed or hinted, a wrong one passed)."""
    expected = expectation(path)
    exercises = {exercise.name: exercise for exercise in result.exercises}
    verdicts, problems = [], []
    if result.error:
        return [], [f"{path.name}: not graded: {result.error[:200]}"]
    all_lines = [line for lines in expected.lines.values() for line in lines]
    for name, exercise in exercises.items():
        if name not in expected.wrong:
            if not exercise.passed or exercise.hints:
                problems.append(f"{path.name}: {name} is right but got "
                                f"{exercise.mistakes or 'no points'}")
            continue
        if exercise.passed:
            problems.append(f"{path.name}: {name} is wrong but passed")
            continue
        mistakes = [m for m in exercise.mistakes if m not in BESIDE]
        if name in expected.inherits or (name == "backward_propagation"
                                         and "S-inherited" in exercise.mistakes):
            specific = "S-inherited" in exercise.mistakes or bool(
                [m for m in mistakes if m not in GENERIC])
            verdicts.append(Verdict(path.name, name, expected.kind, specific, specific,
                                    exercise.mistakes, exercise.hints[0] if exercise.hints
                                    else ""))
            continue
        specific = bool(mistakes) and all(m not in GENERIC for m in mistakes[:1]) and \
            not any("No common mistake matches" in hint for hint in exercise.hints[:1])
        true = specific
        edits = exercise.repair.get("edits") or []
        if specific and edits:
            true = all(_on_a_wrong_line(edit, expected, all_lines) for edit in edits)
        verdicts.append(Verdict(path.name, name, expected.kind, specific, true,
                                exercise.mistakes, exercise.hints[0] if exercise.hints else ""))
    return verdicts, problems


def _on_a_wrong_line(edit, expected, all_lines) -> bool:
    """The repair changes a line the file names as wrong, or a helper of the student's own
    whose mistake the file names (on its line, or on the line that calls it)."""
    if _same_line(edit["code"], all_lines):
        return True
    assigned = [line.split("=")[0].strip() for line in all_lines
                if re.match(r"^\w+\s*=[^=]", line)]
    if any(re.search(rf"\b{re.escape(name)}\b", edit["before"]) for name in assigned):
        return True  # the name the wrong line assigns (epsilon = 1e-2), where it is used
    function = edit["function"]
    if function in expected.lines and function not in expected.wrong:
        return True  # the helper the file names, another of its lines (eps = 1e-2, log(x + eps))
    if any(f"{helper}(" in edit["code"] for helper in expected.lines
           if helper not in expected.wrong):
        return True  # the call of the helper the file names as wrong (its argument)
    return any(f"{function}(" in line for line in all_lines)


def _same_line(code: str, lines: list) -> bool:
    squeeze = re.compile(r"\s+")
    code = squeeze.sub("", code)
    return any(squeeze.sub("", line) == code or squeeze.sub("", line) in code
               for line in lines)
