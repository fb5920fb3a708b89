"""The edits the repair search tries: small changes to a student's own function, each one a way
numpy and backprop code goes wrong, each with the concept it stands for.

An edit replaces one expression (or one statement) of the function's `ast` with another. It is
only a guess until the search has run the edited function and seen it pass every check
(search.py): nothing here decides what is right. The operators are written from how students'
code goes wrong (docs/architecture.md, "Repairs"), never from the reference: a transpose added
or dropped, a chain of operators regrouped, `//` for `/`, a scale of m, a function of the same
family (log2 for log, mean for sum, sigmoid for tanh), a wrapper that rounds or casts, an axis,
two arguments in the wrong order, a name that holds the wrong array, an update in place, a name
numpy does not have, a term too many or one missing.

Standard library only: this folder ships to students (judge/), and numpy is imported lazily.
"""

import ast
import copy
from dataclasses import dataclass, field

from .operators import propose_all

MAX_EDITS_PER_FUNCTION = 400
"""A function so long that it offers more edits than this is searched on its first ones only."""
_RID = "_repair_id"
"""The attribute that numbers each node of the original tree, so that an edit finds its node in
a copy whatever other edits did to the copy (edits in one candidate never overlap)."""


@dataclass(frozen=True)
class Edit:
    """One change to one expression or statement of one function."""

    kind: str
    """Key of CONCEPTS (wording.py): what kind of mistake this edit undoes."""
    function: str
    """The name of the function it edits (the graded one or one of the student's helpers)."""
    node: int
    """The _RID of the node it replaces."""
    span: tuple
    """(line, col, end_line, end_col) of that node in the student's cell."""
    before: str
    """The node as the student wrote it (ast.unparse)."""
    after: str
    """The replacement, as code."""
    replacement: object = field(compare=False, hash=False, repr=False)
    """The replacement node."""
    detail: dict = field(default_factory=dict, compare=False, hash=False)
    """What the wording needs beyond before and after (the operators regrouped, ...)."""

    def overlaps(self, other: "Edit") -> bool:
        """Whether the two edits touch one node or one inside the other."""
        if self.function != other.function:
            return False
        first, second = self.span, other.span
        return not ((first[2], first[3]) <= (second[0], second[1])
                    or (second[2], second[3]) <= (first[0], first[1]))


class FunctionSource:
    """One function of the submission as the search edits it: its tree, numbered."""

    def __init__(self, name: str, node: ast.FunctionDef, cell: str, lines: list):
        self.name = name
        self.node = node
        self.cell = cell
        """The cell (or '<submission>') it is defined in."""
        self.lines = lines
        """The cell's lines, for quoting."""
        # Only expressions and statements: Python's parser shares one instance of each operator
        # (ast.Add(), ast.Load()...) between all its uses, so those cannot carry a number.
        for number, child in enumerate(ast.walk(node)):
            if isinstance(child, (ast.expr, ast.stmt)):
                setattr(child, _RID, number)
        own = [line.encode() + b"\n" for line in lines[node.lineno - 1:node.end_lineno]]
        self._text = b"".join(own)
        """The function as the student wrote it (from its def line), in bytes: ast's columns
        count bytes."""
        self._starts = []
        position = 0
        for line in own:
            self._starts.append(position)
            position += len(line)
        self._unedited = None

    def source_with(self, edits) -> str:
        """The function's source with `edits` (all on this function, none overlapping) made.

        Spliced into the student's own text, each replaced expression in parentheses (so it
        groups as the node did), rather than written out again from a copy of the tree: a
        search builds hundreds of candidates, and copying a tree costs a hundred times more.
        """
        if not edits:
            if self._unedited is None:
                self._unedited = self._text.decode()
            return self._unedited
        text = self._text
        for edit in sorted(edits, key=lambda e: e.span, reverse=True):
            start = self._offset(edit.span[0], edit.span[1])
            end = self._offset(edit.span[2], edit.span[3])
            if start is None or end is None:
                return self._source_by_tree(edits)
            after = edit.after if isinstance(edit.replacement, ast.stmt) else f"({edit.after})"
            text = text[:start] + after.encode() + text[end:]
        return text.decode(errors="replace")

    def _offset(self, line: int, col: int):
        """The byte offset in the function's text of (line, col) of the cell (col in bytes,
        as ast gives it), or None outside the function."""
        index = line - self.node.lineno
        if not 0 <= index < len(self._starts):
            return None
        return self._starts[index] + col

    def _source_by_tree(self, edits) -> str:
        tree = copy.deepcopy(self.node)
        _Replacer({edit.node: edit for edit in edits}).visit(tree)
        return ast.unparse(tree)

    def statement_with(self, edits, line: int) -> str:
        """The statement on `line`, written out with every one of `edits` (this function's
        edits of one repair) made: the line as it passed."""
        # the innermost statement of the student's code that holds the line, found in the
        # original tree (whose positions are the student's) and written out from the copy
        holder = None
        for node in ast.walk(self.node):
            if isinstance(node, ast.stmt) and node is not self.node \
                    and node.lineno <= line <= (node.end_lineno or node.lineno) \
                    and not isinstance(node, (ast.For, ast.While, ast.If, ast.With, ast.Try)):
                if holder is None or node.lineno >= holder.lineno:
                    holder = node
        if holder is None:
            return ""
        tree = copy.deepcopy(self.node)
        _Replacer({edit.node: edit for edit in edits}).visit(tree)
        wanted = getattr(holder, _RID, None)
        for node in ast.walk(tree):
            if isinstance(node, ast.stmt) and getattr(node, _RID, None) == wanted:
                return ast.unparse(node).splitlines()[0]
        for edit in edits:  # the statement itself was replaced (an update in place undone)
            if edit.node == wanted:
                return edit.after.splitlines()[0]
        return ""

    def line(self, number: int) -> str:
        return self.lines[number - 1].strip() if 0 < number <= len(self.lines) else ""


class _Replacer(ast.NodeTransformer):
    def __init__(self, wanted):
        self.wanted = wanted

    def generic_visit(self, node):
        edit = self.wanted.get(getattr(node, _RID, None)) \
            if isinstance(node, (ast.expr, ast.stmt)) else None
        if edit is not None:
            return copy.deepcopy(edit.replacement)
        return super().generic_visit(node)

    def visit(self, node):
        return self.generic_visit(node)


def find_function(cells, name: str):
    """The last top-level definition of `name` in `cells` ([(cell, source)]) as a
    FunctionSource, or None (a lambda, a name bound some other way, a cell that does not
    parse)."""
    found = None
    for cell, source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                found = (cell, source, node)
    if found is None:
        return None
    cell, source, node = found
    return FunctionSource(name, node, cell, source.splitlines())


def helpers_called(function: FunctionSource, cells, skip=()) -> list:
    """The student's own top-level functions that `function` calls by name (not `skip`)."""
    names = []
    for node in ast.walk(function.node):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id not in names and node.func.id not in skip
                and node.func.id != function.name):
            names.append(node.func.id)
    helpers = []
    for name in names:
        helper = find_function(cells, name)
        if helper is not None:
            helpers.append(helper)
    return helpers


def candidate_edits(function: FunctionSource, exercise: str, m_parameter) -> list:
    """Every single Edit of `function` the operators propose, most specific kinds first."""
    proposals = propose_all(function, exercise, m_parameter)
    edits, seen = [], set()
    for kind, node, replacement, detail in proposals:
        try:
            after = ast.unparse(replacement)  # no location needed: it is written out, not run
            before = ast.unparse(node)
        except Exception:  # an operator built something that is not code: never propose it
            continue
        key = (getattr(node, _RID, None), after)
        if after == before or key in seen or getattr(node, _RID, None) is None:
            continue
        seen.add(key)
        span = (node.lineno, node.col_offset, node.end_lineno or node.lineno,
                node.end_col_offset or 0)
        edits.append(Edit(kind, function.name, getattr(node, _RID), span, before, after,
                          replacement, detail))
    edits.sort(key=lambda edit: KIND_ORDER.index(edit.kind) if edit.kind in KIND_ORDER
               else len(KIND_ORDER))
    return edits[:MAX_EDITS_PER_FUNCTION]


EDIT_COST = {"derivative": 2, "missing-term": 2}
"""Edits that rewrite a whole expression count as two: a repair that regroups `(1 - A1) ** 2`
is smaller than one that writes a new slope in its place."""

KIND_ORDER = ("name-fix", "floor-division", "wrapper", "family", "in-place", "accumulate",
              "epsilon",
              "missing-term", "log-term", "derivative", "precedence", "transpose-add",
              "transpose-remove", "product-kind", "axis", "keepdims", "shape-axis", "scale",
              "argument-order", "name-swap", "sign", "extra-term")
"""Kinds in the order they explain a mistake best: when two repairs of the same size exist,
the one of the earlier kind is told (a `//` explains more than a term dropped)."""
