"""Record what a student function computes, line by line and part by part, for the diagnosis.

When a function fails, the grader asks the worker to run it once more with every expression of
its body recorded, the way pytest rewrites an assert to show each of its parts: the function's
source is parsed, each expression wrapped in a call that keeps a copy of its value, and the
rewritten function run on the same arguments. The diagnosis then compares those values with
the right step and the catalogued wrong ones (answers/flow.py).

This module runs beside the submission: it imports only the standard library (numpy is looked
up when a value is recorded), and it travels inside the worker's own source (see
sandbox/hiding.worker_command), since the kit's files are hidden from the worker.
"""

import ast
import linecache
import sys

TRACE_MAX_RECORDS = 1500
"""Values recorded in one traced call, at most."""
TRACE_MAX_PER_NODE = 3
"""Values recorded for one expression (inside a loop, its first evaluations only)."""
TRACE_MAX_ITEMS = 10_000
"""Arrays larger than this are described by their shape only."""
TRACE_MAX_SOURCE = 20_000
_RECORDER = "__backprop_kit_record__"
_WRAPPED = (ast.BinOp, ast.UnaryOp, ast.Call, ast.Subscript, ast.Attribute, ast.Name,
            ast.Compare, ast.Tuple)


def trace_call(function, args, run):
    """Run `function(*args)` rewritten to record its expressions, through `run(callable)`.

    `run` calls its argument under the worker's time limit and returns (value, error): error is
    None, or the exception. Returns a dict of plain data: the recorded nodes (position and
    source text), the records [node id, value], the exception's description and the
    position of the expression that raised, or {"untraced": reason} when the function's source
    cannot be rewritten (a lambda, a builtin, code built at run time).
    """
    nodes = {}
    rewritten = _rewrite(function, nodes)
    if isinstance(rewritten, str):
        return {"untraced": rewritten}
    namespace = function.__globals__
    # The submission's own helpers that it calls (its sigmoid, a cost helper...) are traced
    # too: installed in its namespace for the traced run only.
    helpers = {}
    lines = _function_lines(function)
    own = sorted(lines)
    for name in _helpers_called(function):
        value = namespace[name]
        helper = _rewrite(value, nodes)
        if not isinstance(helper, str):
            helpers[name] = (value, helper)
            lines.update(_function_lines(value))
    records = []
    counts = {}

    def record(node_id, value):
        if len(records) < TRACE_MAX_RECORDS and counts.get(node_id, 0) < TRACE_MAX_PER_NODE:
            kept = _keep(value)
            if kept is not _SKIP:
                counts[node_id] = counts.get(node_id, 0) + 1
                records.append([node_id, kept])
        return value

    previous = namespace.get(_RECORDER, _SKIP)
    namespace[_RECORDER] = record
    for name, (_, helper) in helpers.items():
        namespace[name] = helper
    try:
        value, error = run(lambda: rewritten(*args))
    finally:
        for name, (original, _) in helpers.items():
            namespace[name] = original
        if previous is _SKIP:
            namespace.pop(_RECORDER, None)
        else:
            namespace[_RECORDER] = previous
    result = {"nodes": nodes, "records": records, "value": value, "error": None,
              "position": None, "lines": lines, "filename": function.__code__.co_filename,
              "own": own}
    if error is not None:
        result["error"] = error
        result["position"] = _raising_position(error, rewritten.__code__.co_filename)
    return result


class _Skip:
    pass


_SKIP = _Skip()


def _keep(value):
    """A copy of a value worth comparing later (arrays, numbers, shapes), else _SKIP."""
    numpy = sys.modules.get("numpy")
    kind = type(value)
    if numpy is not None and kind is numpy.ndarray:
        if value.dtype.kind not in "biuf" or value.size > TRACE_MAX_ITEMS:
            return _SKIP
        return numpy.array(value, copy=True)
    if kind in (float, int, bool) or value is None:
        return value
    if numpy is not None and isinstance(value, numpy.generic) and value.dtype.kind in "biuf":
        return value.item()
    if kind is tuple and len(value) <= 8 and all(type(item) is int for item in value):
        return value
    return _SKIP


def _helpers_called(function) -> list:
    """The names of the submission's own functions (same file) that `function` calls, directly
    or through one another: only those are worth rewriting."""
    namespace = function.__globals__
    filename = function.__code__.co_filename
    found, pending = [], list(function.__code__.co_names)
    while pending and len(found) < 20:
        name = pending.pop()
        value = namespace.get(name)
        code = getattr(value, "__code__", None)
        if (name in found or value is function or type(value) is not type(function)
                or code is None or code.co_filename != filename):
            continue
        found.append(name)
        pending.extend(code.co_names)
    return found


def _function_lines(function):
    """{line number: the line as written} for the function's own lines, for quoting."""
    code = function.__code__
    lines = linecache.getlines(code.co_filename)
    first = code.co_firstlineno
    end = max((line for _, _, line in code.co_lines() if line), default=first)
    return {number: lines[number - 1].rstrip()[:300] for number in range(first, end + 1)
            if 0 < number <= len(lines)}


def _rewrite(function, nodes):
    """The function rewritten to record its expressions (described in `nodes`, node id ->
    [line, col, end line, end col, text, kind]), or the reason it cannot be."""
    code = getattr(function, "__code__", None)
    if code is None or function.__closure__:
        return "not a plain function"
    filename = code.co_filename
    lines = linecache.getlines(filename)
    source = "".join(lines)
    if not source or len(source) > TRACE_MAX_SOURCE * 10:
        return "its source is not available"
    try:
        tree = ast.parse(source)  # parsed again for each function: each rewrite changes it
    except SyntaxError:
        return "its source does not parse"
    definition = None
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == code.co_name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            if first == code.co_firstlineno or node.lineno == code.co_firstlineno:
                definition = node
                break
    if definition is None:
        return "its definition was not found"
    definition.decorator_list = []
    _Recorder(source, nodes).visit(definition)
    module = ast.Module(body=[definition], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace = {}
    try:
        exec(compile(module, filename, "exec"), function.__globals__, namespace)
    except Exception as error:  # the rewriting itself failed: trace nothing rather than wrong
        return f"it could not be rewritten ({type(error).__name__})"
    traced = namespace[code.co_name]
    traced.__defaults__ = function.__defaults__
    traced.__kwdefaults__ = function.__kwdefaults__
    return traced


class _Recorder(ast.NodeTransformer):
    """Wrap each expression worth recording in a call to the recorder, keeping its position."""

    def __init__(self, source, nodes):
        self.lines = source.splitlines(True)
        self.nodes = nodes

    def visit_Call(self, node):
        # The called thing itself is not recorded (a method must stay bound to its object).
        func = node.func
        if isinstance(func, ast.Attribute):
            func.value = self.visit(func.value)
        node.args = [self.visit(arg) for arg in node.args]
        for keyword in node.keywords:
            keyword.value = self.visit(keyword.value)
        return self._wrap(node)

    def visit_Lambda(self, node):
        return node

    def generic_visit(self, node):
        super().generic_visit(node)
        if isinstance(node, _WRAPPED) and isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return self._wrap(node)
        return node

    def _segment(self, node) -> str:
        """The node's source text (ast.get_source_segment splits the whole source each time).
        Columns are UTF-8 byte offsets, as the ast gives them."""
        first, last = node.lineno - 1, node.end_lineno - 1
        if not 0 <= first <= last < len(self.lines):
            return ""
        chosen = [line.encode() for line in self.lines[first:last + 1]]
        if first == last:
            return chosen[0][node.col_offset:node.end_col_offset].decode(errors="replace")
        chosen[0] = chosen[0][node.col_offset:]
        chosen[-1] = chosen[-1][:node.end_col_offset]
        return b"".join(chosen).decode(errors="replace")

    def _wrap(self, node):
        if not hasattr(node, "end_lineno") or isinstance(node, ast.Starred):
            return node
        node_id = len(self.nodes)
        text = self._segment(node)
        self.nodes[node_id] = [node.lineno, node.col_offset, node.end_lineno,
                               node.end_col_offset, text[:200], type(node).__name__]
        call = ast.Call(func=ast.Name(id=_RECORDER, ctx=ast.Load()),
                        args=[ast.Constant(node_id), node], keywords=[])
        return ast.copy_location(call, node)


def _raising_position(error, filename):
    """[line, col, end line, end col] of the expression of the traced code that raised."""
    position = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            positions = list(tb.tb_frame.f_code.co_positions())
            index = tb.tb_lasti // 2
            if 0 <= index < len(positions) and None not in positions[index]:
                position = list(positions[index])
                position = [position[0], position[2], position[1], position[3]]
        tb = tb.tb_next
    return position
