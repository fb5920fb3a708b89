"""How the judge's words are laid out: the place of a line in a submission, and a hint folded
to the page.

Each is said in one place, so every hint, note and report names a line the same way, and every
notebook page folds a hint the same way.
"""

import textwrap

HINT_WIDTH = 88
"""Columns of a hint in a notebook or a feedback page, which then need no scrolling."""


def place(cell, line) -> str:
    """'cell 12, line 3' in a notebook, 'line 7' in a .py: where a line of the submission is.

    cell: the cell's name as the worker gives it ('<cell 12>'), as a report keeps it
    ('cell 12'), or '' or None for a .py.
    """
    cell = str(cell or "").strip("<>")
    return f"{cell}, line {line}" if cell else f"line {line}"


def at_place(cell, line) -> str:
    """'in cell 12, line 3' or 'on line 7': the place, as part of a sentence."""
    return f"in {place(cell, line)}" if str(cell or "").strip("<>") else f"on line {line}"


def sentence_start(text: str) -> str:
    """`text` with its first letter a capital, the rest untouched ('In cell 12, line 3')."""
    return text[:1].upper() + text[1:]


def fold(text, width: int = HINT_WIDTH) -> list:
    """A hint's lines folded to `width` columns, its own line breaks kept (blank lines too)."""
    return [folded for line in str(text).splitlines()
            for folded in textwrap.wrap(line, width, break_on_hyphens=False,
                                        break_long_words=False) or [""]]


def wrap(text, width: int = HINT_WIDTH) -> str:
    """A hint folded to `width` columns, as one string: what the notebook prints."""
    return "\n".join(fold(text, width))
