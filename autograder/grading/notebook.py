"""Turn a student's notebook into the code cells the worker runs, IPython syntax neutralised.

Real notebooks hold magics (%matplotlib inline), shell lines (!pip install ...), help queries
(np.dot?) and cells that no longer parse. None of these may stop the graded functions from
being found: IPython-only lines become `pass`, a cell magic other than timing skips its cell,
and a cell that still is not valid Python is reported and left out, as Jupyter would fail it.
nbgrader's test cells, and cells tagged "skip-when-grading", are not the student's code and
are not run.
"""

import ast
import re
from dataclasses import dataclass, field

from autograder.grading.parsing import parsed
from autograder.grading.submission import SubmissionError
from autograder.judge.wording import cell_label, sentence_start

_SHELL_ASSIGNMENT = re.compile(r"^(\s*)([\w.]+)\s*=\s*[!%]")
_IPYTHON_LINE = re.compile(r"^(\s*)(%|!|\?|get_ipython\(\))")
_HELP_QUERY = re.compile(r"^(\s*)[\w.]+\?\??\s*$")
_TIMING_CELL_MAGICS = ("%%time", "%%timeit", "%%capture")
_VISIBLE_CHECKS_IMPORT = re.compile(r"^(\s*)(from|import)\s+backprop_checks\b")
SKIP_TAG = "skip-when-grading"


@dataclass
class NotebookCells:
    """The notebook's runnable code cells, and the cells that had to be left out."""

    cells: list = field(default_factory=list)
    """[(name, source)], each name as hints show the cell (_cell_name): "<cell defining
    compute_db>", "<cell In [9]>" or "<cell code 5>" (code cells only)."""
    skipped: list = field(default_factory=list)
    """Messages about cells that are not valid Python, for the report's notes."""


def read_notebook_cells(path, data: bytes) -> NotebookCells:
    """The code cells of the notebook in `data`; SubmissionError when it is not a notebook."""
    cells = _plain_v4_cells(data)
    if cells is None:
        cells = _cells_via_nbformat(path, data)
    result = NotebookCells()
    used = set()
    code_cells = 0
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        code_cells += 1
        if is_not_student_code(cell):
            continue
        text = _text(cell.get("source", ""))
        if not text.strip():
            continue
        source = neutralise_ipython(text)
        if source is None:
            continue
        try:
            tree = parsed(source)
        except SyntaxError as error:
            name = _cell_name(None, cell, code_cells, used)
            result.skipped.append(f"{sentence_start(cell_label(name))} is not valid Python "
                                  f"(line {error.lineno}: {error.msg}), so it was not run; the "
                                  "other cells were.")
            continue
        result.cells.append((_cell_name(tree, cell, code_cells, used), source))
    if not result.cells:
        raise SubmissionError(f"{path.name} has no code cells that can run. Nothing was graded.")
    return result


def _cell_name(tree, cell, code_number: int, used: set) -> str:
    """The cell's name, as every hint and note shows it: the way the student sees the cell.

    '<cell defining compute_db>' for a cell that defines functions (its first), else
    '<cell In [9]>' from its execution count, else '<cell code 5>' counting code cells only:
    never a count that includes the text cells, which no student counts. Unique in the
    notebook."""
    defined = [node.name for node in getattr(tree, "body", [])
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    count = cell.get("execution_count")
    labels = ([f"defining {defined[0]}"] if defined else []) + \
        ([f"In [{count}]"] if isinstance(count, int) else []) + [f"code {code_number}"]
    for label in labels:
        if label not in used:
            break
    else:
        label = f"{labels[0]}, code cell {code_number}"
    used.add(label)
    return f"<cell {label}>"


def _plain_v4_cells(data: bytes):
    """The cells of a well-formed nbformat 4 notebook, read with json alone, or None.

    nbformat's import costs about a second here (its schema checks pull in a grammar
    compiler), more than grading itself, so it is kept for the files this cannot read:
    other versions, and broken files whose error it words well.
    """
    import json

    try:
        notebook = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not (isinstance(notebook, dict) and notebook.get("nbformat") == 4
            and isinstance(notebook.get("cells"), list)):
        return None
    cells = notebook["cells"]
    for cell in cells:
        if not (isinstance(cell, dict) and isinstance(cell.get("cell_type"), str)
                and isinstance(cell.get("metadata", {}), dict)
                and isinstance(cell.get("source", ""), (str, list))
                and all(isinstance(line, str) for line in cell.get("source", "")
                        if isinstance(cell.get("source"), list))):
            return None
    return cells


def _cells_via_nbformat(path, data: bytes) -> list:
    import nbformat

    try:
        notebook = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several unrelated types for a bad file
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise SubmissionError(f"{path.name} is not a Jupyter notebook that can be read "
                              f"({reason}). Nothing was graded; submit the .ipynb file saved "
                              "by Jupyter.") from None
    return notebook.cells


def _text(source) -> str:
    """A cell's source as one string (the format allows a list of lines)."""
    return source if isinstance(source, str) else "".join(source)


def is_not_student_code(cell) -> bool:
    """nbgrader's test cells (checks, not answers), and cells the instructor tagged
    "skip-when-grading" (training and plots, which take seconds and define nothing graded)."""
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    is_test_cell = bool(nbgrader.get("grade")) and not nbgrader.get("solution")
    return is_test_cell or SKIP_TAG in cell.get("metadata", {}).get("tags", [])


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
        elif match := _VISIBLE_CHECKS_IMPORT.match(line):
            cleaned.append(f"{match.group(1)}pass  # the visible checks stay in the notebook")
        else:
            cleaned.append(line)
    return "\n".join(cleaned) + "\n"
