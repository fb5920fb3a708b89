"""How the judge's words are laid out: the place of a line in a submission, and a hint folded
to the page.

Each is said in one place, so every hint, note and report names a line the same way, and every
notebook page folds a hint the same way.
"""

import textwrap

HINT_WIDTH = 88
"""Columns of a hint in a notebook or a feedback page, which then need no scrolling."""


def place(cell, line) -> str:
    """Where a line of the submission is, the way the student sees it: 'line 7' in a .py; in a
    notebook 'line 3 of the cell defining compute_db', 'cell In [9], line 3' (its execution
    count) or 'code cell 5, line 3' (code cells only, grading/notebook.py _cell_name).

    cell: the cell's name as the worker gives it ('<cell In [9]>'), as a report keeps it
    ('cell In [9]'), or '' or None for a .py.
    """
    label = cell_label(cell)
    if not label:
        return f"line {line}"
    if label.startswith("the cell defining"):
        return f"line {line} of {label}"
    return f"{label}, line {line}"


def cell_label(cell) -> str:
    """A notebook cell as the student sees it, from its name ('<cell In [9]>'): 'the cell
    defining compute_db', 'cell In [9]' or 'code cell 5'; '' for a .py, whose one name,
    '<submission>', is no cell."""
    name = str(cell or "").strip("<>")
    label = name.removeprefix("cell ").strip()
    if not label or name == "submission":
        return ""
    if label.startswith("defining "):
        return f"the cell {label}"
    if label.startswith("code "):
        return f"code cell {label.removeprefix('code ')}"
    return f"cell {label}"  # 'In [9]', or a number in a report older than these names


def at_place(cell, line) -> str:
    """'on line 3 of the cell defining compute_db', 'in cell In [9], line 3' or 'on line 7':
    the place, as part of a sentence."""
    where = place(cell, line)
    return f"on {where}" if where.startswith("line ") else f"in {where}"


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
