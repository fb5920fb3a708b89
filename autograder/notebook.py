"""Turn a student's notebook into the code cells the worker runs, IPython syntax neutralised.

Real notebooks hold magics (%matplotlib inline), shell lines (!pip install ...), help queries
(np.dot?) and cells that no longer parse. None of these may stop the graded functions from
being found: IPython-only lines become `pass`, a cell magic other than timing skips its cell,
and a cell that still is not valid Python is reported and left out, as Jupyter would fail it.
"""

import ast
import re
from dataclasses import dataclass, field

from autograder.submission import SubmissionError

_SHELL_ASSIGNMENT = re.compile(r"^(\s*)([\w.]+)\s*=\s*[!%]")
_IPYTHON_LINE = re.compile(r"^(\s*)(%|!|\?|get_ipython\(\))")
_HELP_QUERY = re.compile(r"^(\s*)[\w.]+\?\??\s*$")
_TIMING_CELL_MAGICS = ("%%time", "%%timeit", "%%capture")


@dataclass
class NotebookCells:
    """The notebook's runnable code cells, and the cells that had to be left out."""

    cells: list = field(default_factory=list)
    """[(name, source)], name "<cell N>" with N the cell's position in the notebook (from 1)."""
    skipped: list = field(default_factory=list)
    """Messages about cells that are not valid Python, for the report's notes."""


def read_notebook_cells(path, data: bytes) -> NotebookCells:
    """The code cells of the notebook in `data`; SubmissionError when it is not a notebook."""
    import nbformat

    try:
        notebook = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several unrelated types for a bad file
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise SubmissionError(f"{path.name} is not a Jupyter notebook that can be read "
                              f"({reason}). Nothing was graded; submit the .ipynb file saved "
                              "by Jupyter.") from None
    result = NotebookCells()
    for position, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        name = f"<cell {position}>"
        source = neutralise_ipython(cell.source)
        if source is None:
            continue
        try:
            ast.parse(source)
        except SyntaxError as error:
            result.skipped.append(f"Cell {position} is not valid Python (line {error.lineno}: "
                                  f"{error.msg}), so it was not run; the other cells were.")
            continue
        result.cells.append((name, source))
    if not result.cells:
        raise SubmissionError(f"{path.name} has no code cells that can run. Nothing was graded.")
    return result


def neutralise_ipython(source: str):
    """The cell's source with IPython-only lines made harmless, or None to skip the cell."""
    lines = source.splitlines()
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        if not first.startswith(_TIMING_CELL_MAGICS):
            return None  # %%bash, %%html, %%writefile ...: not Python
        lines = lines[1:]
    cleaned = []
    for line in lines:
        if match := _SHELL_ASSIGNMENT.match(line):
            cleaned.append(f"{match.group(1)}{match.group(2)} = None  # IPython line")
        elif match := (_IPYTHON_LINE.match(line) or _HELP_QUERY.match(line)):
            cleaned.append(f"{match.group(1)}pass  # IPython line")
        else:
            cleaned.append(line)
    return "\n".join(cleaned) + "\n"
