"""Supply the provided helpers (sigmoid ...) that a submission uses but does not define.

The course's notebooks import sigmoid from planar_utils, which is not here. Without it the
student's forward_propagation raises NameError, and would score 0 for something that is not in
its own code. So after the submission's cells the grader runs one more cell, "<provided>", that
defines each provided helper the submission reads but does not define, from the reference
(solutions/two_layer_net.py, below "# Provided"), and only where the name is still undefined
once the submission has run. That cell is not the student's: it keeps no cell number, and the
worker does not count its frames as the submission's lines.
"""

import ast
import functools

from autograder.paths import REFERENCE_PATH
from autograder.grading.cell_notes import missing_module, never_ran, scan_cell, stopped_cells
from autograder.grading.parsing import parsed
from autograder.judge.student_api import PROVIDED_NAMES

PROVIDED_CELL = "<provided>"
SUPPLIED_FUNCTION = "__backprop_kit_supplied__"
"""Defined by the cell; the grader calls it to learn which helpers it did define."""


def helpers_to_supply(cells: list) -> list:
    """Provided names that the functions in `cells` ([(name, source)]) read but that no cell
    defines (an import does not count: it may be the one that failed), with the helpers those
    need. Reads outside functions do not count: that code has run before the helpers come."""
    scans = [scan_cell(source) for _, source in cells]
    reads = set().union(*(scan.function_reads for scan in scans))
    defines = set().union(*(scan.defines for scan in scans))
    needed = [name for name in PROVIDED_NAMES if name in reads and name not in defines]
    for name in needed:  # grows while it is read: nn_model needs initialize_parameters ...
        needed += [other for other in PROVIDED_NAMES if other not in needed
                   and other not in defines and other in _helper_reads()[name]]
    return [name for name in PROVIDED_NAMES if name in needed]


def provided_cell(names: list) -> tuple:
    """The (name, source) of the cell that defines each of `names` still undefined."""
    sources = _helper_sources()
    body = "\n\n".join(_indent(sources[name]) for name in names)
    returned = ", ".join(f"{name!r}: {name}" for name in names)
    guards = "".join(f"try:\n    {name}\nexcept NameError:\n"
                     f"    {name} = __backprop_kit_helpers__[{name!r}]\n"
                     f"    {SUPPLIED_FUNCTION}.names.append({name!r})\n" for name in names)
    source = (f"def __backprop_kit_make_helpers__():\n    import numpy as np\n\n{body}\n\n"
              f"    return {{{returned}}}\n\n\n"
              f"def {SUPPLIED_FUNCTION}():\n    return {SUPPLIED_FUNCTION}.names\n\n\n"
              f"{SUPPLIED_FUNCTION}.names = []\n"
              "__backprop_kit_helpers__ = __backprop_kit_make_helpers__()\n" + guards)
    return PROVIDED_CELL, source


def supplied_note(cells: list, errors: list, supplied: list, is_notebook: bool):
    """The note that says which helpers the grader supplied, and where they were to come from."""
    if not supplied:
        return None
    scans = {name: scan_cell(source) for name, source in cells}
    stopped = stopped_cells(errors)
    origins = []
    for name in supplied:
        for cell, scan in scans.items():
            if name in scan.imported_from and cell in stopped:
                module, line = scan.imported_from[name]
                error = stopped[cell]
                if missing_module(error) and module.split(".")[0] == \
                        missing_module(error).split(".")[0]:
                    origins.append((name, f"came from {module}, which is not here"))
                elif never_ran(error, line):
                    origins.append((name, f"was to come from {module}, but cell "
                                          f"{cell.strip('<>').removeprefix('cell ')} stopped "
                                          "before that import"))
                break
    listed = _and(supplied)
    it = "it" if len(supplied) == 1 else "them"
    where = ""
    if origins:
        where = " (" + "; ".join(
            f"{'it' if len(supplied) == 1 else name} {origin}" for name, origin in origins) + ")"
    return (f"Your {'notebook' if is_notebook else 'file'} uses {listed} but does not define "
            f"{it}{where}; the grader supplied the assignment's own {listed} so that your "
            "functions are judged on their own code.")


@functools.cache
def _helper_sources() -> dict:
    """Name -> source of each provided helper in the reference (the code below "# Provided")."""
    source = REFERENCE_PATH.read_text()
    start = source.index("\n# Provided")
    return {node.name: ast.get_source_segment(source, node)
            for node in parsed(source).body
            if isinstance(node, ast.FunctionDef) and node.name in PROVIDED_NAMES
            and source.count("\n", 0, start) < node.lineno}


@functools.cache
def _helper_reads() -> dict:
    return {name: scan_cell(text).function_reads for name, text in _helper_sources().items()}


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.splitlines())


def _and(names) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
