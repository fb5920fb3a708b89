"""One note per root cause for the notebook cells that raised, not one per cell.

A notebook from the original course imports helper modules that are not here (planar_utils,
testCases_v2, sklearn). Its import cells fail, and then every cell that uses what they would
have given fails with a NameError: a note per cell would bury the one cause under a dozen
repeats. So a NameError is folded under the failure that explains it: an earlier cell that
failed before it could bind the name (an import or an assignment that never ran), or, for a
name that nothing in the notebook binds, a `from module import *` that never ran. Cells that
could not import the same module are one cause. Every other error keeps a note of its own,
and "the other cells still ran" is said once.
"""

import ast
import functools
import re
import sys
from dataclasses import dataclass, field

from autograder.grading.parsing import parsed
from autograder.judge.wording import at_place, cell_label, sentence_start

STILL_RAN = "The other cells still ran, and every function they define was graded."
AVAILABLE = "only the standard library, numpy and matplotlib are available to your code"
_MISSING_MODULE = re.compile(r"No module named '([\w.]+)'")
_UNDEFINED_NAME = re.compile(r"name '(\w+)' is not defined")
_SHOWN_NAMES = 5
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass
class CellScan:
    """What one cell's code binds at its top level, and which names its functions read."""

    binds: dict = field(default_factory=dict)
    """Name -> the last line that binds it (an import, an assignment, a def ...)."""
    imported_from: dict = field(default_factory=dict)
    """Name -> (module, line) for the names bound by an import."""
    defines: set = field(default_factory=set)
    """Names bound by something other than an import: def, class, assignment, loop ..."""
    star_imports: list = field(default_factory=list)
    """(module, line) of each `from module import *`."""
    function_reads: set = field(default_factory=set)
    """Names read inside the cell's functions: what they look up when the grader calls them."""


@functools.lru_cache(maxsize=512)
def scan_cell(source: str) -> CellScan:
    """The bindings and reads of one cell (an empty scan if it does not parse). Shared by every
    caller with the same source (a class's notebooks share most cells): read it, never change
    it."""
    scan = CellScan()
    try:
        tree = parsed(source)
    except SyntaxError:
        return scan
    scan.function_reads = {
        node.id for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    for node in _module_scope(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = (node.module or "") if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                if alias.name == "*":
                    scan.star_imports.append((module, node.lineno))
                    continue
                name = alias.asname or alias.name.split(".")[0]
                scan.binds[name] = node.lineno
                scan.imported_from[name] = (module or alias.name, node.lineno)
        else:
            name = _bound_name(node)
            if name:
                scan.binds[name] = node.lineno
                scan.defines.add(name)
    return scan


def missing_module(error: dict):
    """The module a ModuleNotFoundError names ('planar_utils'), or None."""
    if error.get("type") != "ModuleNotFoundError":
        return None
    match = _MISSING_MODULE.search(error.get("message", ""))
    return match.group(1) if match else None


def stopped_cells(errors: list) -> dict:
    """Cell name -> the error that stopped it, for errors raised by the cell's own lines (not
    inside a function it defines, which may have been called from any cell)."""
    stopped = {}
    for error in errors:
        if error.get("cell") and error.get("function") in (None, "<module>"):
            stopped.setdefault(error["cell"], error)
    return stopped


def never_ran(error: dict, line: int) -> bool:
    """True when `line` of a cell that `error` stopped did not run."""
    return not error.get("lineno") or line >= error["lineno"]


def cell_error_notes(cells: list, errors: list) -> list:
    """The notes on `errors` (the worker's cell errors, in the order the cells ran), one per
    root cause; cells: the notebook's [(name, source)], as they were run."""
    if not errors:
        return []
    scans = {name: scan_cell(source) for name, source in cells}
    lines = {name: source.splitlines() for name, source in cells}
    stopped = {name: errors.index(error) for name, error in stopped_cells(errors).items()}
    causes = [_cause(error, scans, stopped, errors) for error in errors]
    roots = [_root(index, causes) for index in range(len(errors))]
    groups = {}  # key -> [root indices, folded indices], in the order the roots ran
    for index, root in enumerate(roots):
        module = missing_module(errors[root])
        group = groups.setdefault(("module", module) if module else ("error", root), [[], []])
        group[0 if index == root else 1].append(index)
    notes = [_note(key, rooted, folded, errors, causes, lines)
             for key, (rooted, folded) in groups.items()]
    notes[-1] += " " + STILL_RAN
    return notes


def _cause(error, scans, stopped, errors):
    """(index of the error that left `error`'s undefined name undefined, the module of the
    `import *` that would have given it, if that is how), or None."""
    match = _UNDEFINED_NAME.search(error.get("message", ""))
    if error.get("type") != "NameError" or not match:
        return None
    name, own = match.group(1), error.get("cell")
    binders = [cell for cell, scan in scans.items() if name in scan.binds and cell != own]
    if binders:
        # Only when every cell that binds it stopped before the line that would have.
        if all(cell in stopped and never_ran(errors[stopped[cell]], scans[cell].binds[name])
               for cell in binders):
            return stopped[binders[-1]], None
        return None
    for cell, scan in scans.items():
        if cell == own or cell not in stopped:
            continue
        for module, line in scan.star_imports:
            if never_ran(errors[stopped[cell]], line):
                return stopped[cell], module
    return None


def _root(index, causes):
    seen = {index}
    while causes[index] is not None and causes[index][0] not in seen:
        index = causes[index][0]
        seen.add(index)
    return index


def _note(key, rooted, folded, errors, causes, lines) -> str:
    first = errors[rooted[0]]
    if key[0] == "module":
        module = key[1]
        top = module.split(".")[0]
        usual = top in ("numpy", "matplotlib") or top in sys.stdlib_module_names
        text = (f"{_cells(rooted, errors)} could not import {module} "
                f"({_sentence(first.get('message', ''))})"
                + ("." if usual else f": {AVAILABLE}."))
        given = f"{'it' if len(rooted) == 1 else 'they'} would have given"
    else:
        line = first.get("lineno")
        code = (lines.get(first.get("cell")) or [])[line - 1:line] if line else []
        quoted = f" (`{code[0].strip()[:80]}`)" if code and code[0].strip() else ""
        text = (f"{_cells(rooted, errors)} raised {first.get('type', 'an error')}"
                f"{f' {at_place(None, line)}' if line else ''}{quoted}: "
                f"{_sentence(first.get('message', ''))[:200]}.")
        given = "it would have set"
    # The folded cells, by how the name came to be missing, each kind in one clause.
    kinds = {}
    for index in folded:
        cause, star = causes[index]
        kind = (f"defined nowhere in your notebook, which `from {star} import *` may have given"
                if star else given if cause in rooted else "left undefined because of it")
        kinds.setdefault(kind, []).append(index)
    clauses = []
    for kind, indices in kinds.items():
        names = list(dict.fromkeys(_UNDEFINED_NAME.search(errors[i]["message"]).group(1)
                                   for i in indices))
        shown = ", ".join(names[:_SHOWN_NAMES])
        if len(names) > _SHOWN_NAMES:
            shown += f" and {len(names) - _SHOWN_NAMES} more"
        cells = _cells(indices, errors)
        clauses.append(f"{cells if not clauses else cells[0].lower() + cells[1:]}"
                       f"{' then stopped' if not clauses else ''} on "
                       f"{'a name' if len(names) == 1 else 'names'} {kind} ({shown})")
    if clauses:
        text += " " + "; ".join(clauses) + "."
    return text


def _cells(indices, errors) -> str:
    """'Code cell 5', 'The cell defining compute_db' or 'Cell In [9], code cell 5 and the cell
    defining sigmoid': each as the student sees it (wording.cell_label)."""
    labels = list(dict.fromkeys(cell_label(errors[i].get("cell")) for i in indices))
    labels = [label for label in labels if label]
    if not labels:
        return "A cell"
    if len(labels) > 1 and all(label.startswith("code cell ") for label in labels):
        numbers = [label.removeprefix("code cell ") for label in labels]
        return f"Code cells {', '.join(numbers[:-1])} and {numbers[-1]}"
    text = labels[0] if len(labels) == 1 else \
        f"{', '.join(labels[:-1])} and {labels[-1]}"
    return sentence_start(text)


def _sentence(message: str) -> str:
    return message.strip().rstrip(".")


def _module_scope(tree):
    """Every node of the module's own scope: not inside a function, class or comprehension."""
    for child in ast.iter_child_nodes(tree):
        yield child
        if not isinstance(child, _SCOPES):
            yield from _module_scope(child)


def _bound_name(node):
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return node.id
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.ExceptHandler):
        return node.name
    return None
