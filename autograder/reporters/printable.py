"""Text a submission wrote, made safe to print on an instructor's terminal or in a CSV cell.

A student's exception message, printed output, file name or quoted line of code can hold
escape sequences (ESC, CSI, a carriage return, bidirectional overrides) that would clear the
screen, move the cursor, or rewrite the lines about other students, a flag or a warning.
Every such character is shown as its escape (\\x1b) instead; tabs and newlines stay. A name
that is not UTF-8 (a file name a student chose, read with Python's surrogateescape) shows each
byte that is not as its escape too (caf\\xe9), so that it can be written anywhere.
"""

import re

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")


def printable(text) -> str:
    """`text` with every control character written out as its escape."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable_result(result):
    """A copy of a SubmissionResult whose every text a submission can reach is printable."""
    from dataclasses import replace

    exercises = [replace(exercise, hints=[printable(hint) for hint in exercise.hints],
                         more=[printable(hint) for hint in exercise.more],
                         fixes=[printable(hint) for hint in exercise.fixes])
                 for exercise in result.exercises]
    return replace(result, submission=printable(result.submission), exercises=exercises,
                   error=None if result.error is None else printable(result.error),
                   output=printable(result.output or ""),
                   notes=[printable(note) for note in result.notes])
