"""Read a submission and say, in the kit's voice, why it cannot be used when it cannot.

Every message here says what happened, to which line, what it means for the grade and what
to do next, with no traceback (docs/architecture.md, "How a message is written").
"""

import ast
from pathlib import Path

from autograder.judge.wording import at_place
from autograder.sandbox.channel import FLOODED


class SubmissionError(Exception):
    """The submission as a whole cannot be graded; the message is for the student."""


def load_source(path: Path) -> str:
    """The submission's Python source; SubmissionError when it cannot be read as text."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise SubmissionError(f"{path.name} is not a text file, so it cannot be Python code. "
                              "Nothing was graded; submit the .py file you wrote.")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start:error.start + 1].hex()
        guess = (" (a character such as é or ’ saved as Windows-1252)" if 0x80 <= data[error.start]
                 else "")
        raise SubmissionError(f"{path.name} could not be read: line {line}, column {column} has "
                              f"a byte (0x{byte}) that is not UTF-8 text{guess}. Nothing was "
                              "graded; save the file as UTF-8 and submit it again.") from None
    if not source.strip():
        raise SubmissionError(f"{path.name} is empty. Nothing was graded.")
    return source


def check_syntax(source: str, filename: str) -> None:
    """SubmissionError naming the line if the source is not valid Python (nothing is run)."""
    try:
        ast.parse(source, filename=filename)
    except SyntaxError as error:
        line = error.lineno or 0
        text = (error.text or "").rstrip("\n")
        reason = error.msg
        shown = f"\n  {line} | {text}" if text.strip() else ""
        raise SubmissionError(f"{filename} could not be read: line {line} is not valid Python "
                              f"({reason}). Nothing was graded; fix that line and run the "
                              f"grader again.{shown}") from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise SubmissionError(f"{filename} could not be read as Python ({type(error).__name__})."
                              " Nothing was graded.") from None


def flood_message(filename: str, detail: str) -> str:
    """Why a submission whose replies were larger than any right answer has no grade."""
    return (f"{filename} was stopped: {detail}. Nothing of it was graded. Does it replace "
            "parts of the process that runs it, or send the grader more than its functions "
            "return?")


def import_failure_message(outcome, filename: str, source: str, settings) -> str:
    """Why importing the submission failed, from the sandbox's ImportOutcome."""
    error = outcome.error
    if outcome.status == "exited":
        return (f"{filename} called sys.exit({error.get('code', '')}) while it was being "
                "imported, which ends the program before any function can be called. Nothing "
                "was graded; remove that call or put it under if __name__ == \"__main__\":.")
    if outcome.status == "timeout":
        return (f"{filename} did not finish loading within {settings.submission_timeout_s:g} s. "
                "Nothing was graded. Is there a loop, or a long training run, at the top level? "
                "Put such code under if __name__ == \"__main__\":.")
    if outcome.status == "crashed":
        detail = error.get("detail", "no reason given")
        if detail.startswith(FLOODED):
            return flood_message(filename, detail)
        if "unreadable" in detail or "unexpected way" in detail:
            return (f"{filename} broke the grader's connection to it while it was being "
                    f"imported: {detail}. Nothing was graded; does it write to file "
                    "descriptors it did not open, or replace parts of the worker?")
        return (f"{filename} ended its process while it was being imported: {detail}. "
                "Nothing was graded.")
    kind = error.get("type", "an error")
    message = error.get("message", "")
    line = error.get("lineno")
    where = f" {at_place(None, line)}" if line else ""
    text = (f"{filename} stopped while it was being imported: {kind}{where}, {message}. "
            "Nothing was graded.")
    if kind == "MemoryError":
        text = (f"{filename} ran out of memory while it was being imported{where} (the limit is "
                f"{settings.memory_limit_mb} MB). Nothing was graded.")
    if kind == "NameError" and "'np'" in message:
        text += " Is `import numpy as np` missing?"
    if kind in ("ModuleNotFoundError", "ImportError"):
        text += " Only the standard library and numpy are available to your code."
    if line:
        lines = source.splitlines()
        if 0 < line <= len(lines):
            text += f"\n  {line} | {lines[line - 1]}"
    return text
