"""Read what the worker sends back, trusting none of it.

The worker runs student code, so anything it says may be a lie. Its frames are read with a
deadline and a size limit (channel.py), their arrays rebuilt from raw bytes only when their
dtype is plain numbers (nothing is ever unpickled); here every value is rebuilt from plain
data: exact numpy arrays, Python numbers, strings, lists, tuples and dicts, or an `Opaque`
naming a type that did not cross the boundary. The notebook's visible checks rebuild what a
call did in the student's kernel the same way, so this module ships in the student bundle and
imports nothing of the worker's.
"""

from dataclasses import dataclass, field

from .encoding import MAX_CONTAINER_ITEMS

__all__ = ["CallOutcome", "Opaque", "ProtocolError", "decode_value"]

_NUMPY_SCALAR_TYPES = ("float64", "float32", "float16", "int64", "int32", "int16", "int8",
                       "uint8", "bool")
"""The numpy scalars rebuilt from their value; any other is described. numpy itself is imported
on first use, so that importing the sandbox starts no numpy (batch grading starts its zygote
first)."""


@dataclass
class CallOutcome:
    """What one call of a student function did: 'returned', 'raised', 'timeout' or 'crashed'."""

    status: str
    value: object = None
    args_after: list = None
    """The arguments as they were after the call, to see whether the call changed them."""
    error: dict = field(default_factory=dict)
    seconds: float = 0.0


class ProtocolError(Exception):
    """The worker sent something that is not a well-formed answer."""


@dataclass(frozen=True)
class Opaque:
    """A value the submission returned that is not plain data; only its description came back."""

    type_name: str
    detail: str = ""
    dtype: str = ""
    shape: tuple = ()
    too_large: bool = False


def decode_value(encoded, arrays, depth=0):
    """Rebuild a returned value from the worker's description of it."""
    import numpy as np

    if depth > 8 or not isinstance(encoded, dict):
        raise ProtocolError("a value nested too deep, or not described")
    tag = encoded.get("t")
    if tag == "none":
        return None
    if tag in ("bool", "int", "float", "str"):
        value = encoded.get("v")
        wanted = {"bool": bool, "int": (int, float), "float": (float, int), "str": str}[tag]
        if not isinstance(value, wanted) or (tag != "bool" and isinstance(value, bool)):
            raise ProtocolError(f"a {tag} that is not one")
        return float(value) if tag == "float" else value
    if tag == "nd":
        index = encoded.get("i")
        if not isinstance(index, int) or not 0 <= index < len(arrays):
            raise ProtocolError("an array reference out of range")
        array = arrays[index]
        if type(array) is not np.ndarray or array.dtype.hasobject:
            raise ProtocolError("an array that is not a plain numpy array")
        return array
    if tag == "npscalar":
        name = encoded.get("dtype")
        value = encoded.get("v")
        if name not in _NUMPY_SCALAR_TYPES or not isinstance(value, (int, float, bool)):
            return Opaque(f"numpy.{name}")
        return getattr(np, "bool_" if name == "bool" else name)(value)
    if tag in ("list", "tuple", "dict"):
        given = encoded.get("items", [])
        if not isinstance(given, list) or len(given) > MAX_CONTAINER_ITEMS:
            raise ProtocolError("a container with more items than the worker sends")
    if tag in ("list", "tuple"):
        items = [decode_value(item, arrays, depth + 1) for item in given]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        result = {}
        for pair in given:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
                raise ProtocolError("a dict entry that is not a (str, value) pair")
            result[pair[0]] = decode_value(pair[1], arrays, depth + 1)
        return result
    if tag == "opaque":
        shape = encoded.get("shape") or ()
        return Opaque(str(encoded.get("type", "?"))[:100], str(encoded.get("detail", ""))[:100],
                      str(encoded.get("dtype", ""))[:30],
                      tuple(int(n) for n in shape if isinstance(n, int))[:8],
                      bool(encoded.get("too_large", False)))
    raise ProtocolError(f"an unknown kind of value {tag!r}")


@dataclass(frozen=True)
class TracedNode:
    """One expression of a traced function: where it is and how the student wrote it."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    kind: str
    """The expression's kind in Python's grammar: BinOp, Call, Name, Subscript, ..."""

    def within(self, outer: "TracedNode") -> bool:
        """True when this expression lies inside `outer` (or is it): one of its parts."""
        return ((self.line, self.col) >= (outer.line, outer.col)
                and (self.end_line, self.end_col) <= (outer.end_line, outer.end_col))


@dataclass(frozen=True)
class TraceRecord:
    """One value an expression took while the traced function ran."""

    node: TracedNode
    value: object


@dataclass
class Trace:
    """What a failing function computed, expression by expression (judge/tracing.py)."""

    records: list
    """TraceRecords in the order the values were computed."""
    value: object = None
    error: dict = field(default_factory=dict)
    """The exception the traced run raised, described as for a call, or {}."""
    raised_at: TracedNode = None
    """The expression whose evaluation raised, when the run raised."""
    lines: dict = field(default_factory=dict)
    """Line number -> the function's line as the student wrote it, for quoting."""
    cell: str = ""
    """The cell's name ('<cell defining compute_db>') when the function is in a notebook's
    cell, else ''."""
    own_lines: frozenset = frozenset()
    """The traced function's own line numbers (the rest of `lines` are its helpers')."""


def decode_trace(encoded, arrays):
    """A Trace from the worker's reply, or None when it is malformed or the code was not traced."""
    if not isinstance(encoded, dict) or "records" not in encoded:
        return None
    try:
        nodes = {}
        for key, meta in dict(encoded["nodes"]).items():
            line, col, end_line, end_col, text, kind = meta
            nodes[int(key)] = TracedNode(int(line), int(col), int(end_line), int(end_col),
                                         str(text)[:200], str(kind)[:20])
        records = [TraceRecord(nodes[int(node)], decode_value(value, arrays))
                   for node, value in list(encoded["records"])[:5000]]
        error = encoded.get("error") or {}
        raised_at = None
        position = encoded.get("position")
        if error and isinstance(position, list) and len(position) == 4:
            raised_at = _node_at(nodes, [int(n) for n in position])
        value = decode_value(encoded["value"], arrays) if encoded.get("value") else None
        lines = {int(number): str(text)[:300]
                 for number, text in dict(encoded.get("lines") or {}).items()}
        cell = str(encoded.get("cell") or "")[:120]
        own = frozenset(int(line) for line in list(encoded.get("own") or [])[:2000])
    except (KeyError, TypeError, ValueError, ProtocolError):
        return None
    return Trace(records, value, error if isinstance(error, dict) else {}, raised_at, lines,
                 cell if cell.startswith("<cell ") else "", own)


def trace_from(traced: dict, describe, plain):
    """A Trace from tracing.trace_call's own result, in the process that traced (the
    student's kernel); `describe` turns the exception into data, `plain` a value."""
    if "untraced" in traced:
        return None
    nodes = {key: TracedNode(*meta) for key, meta in traced["nodes"].items()}
    records = [TraceRecord(nodes[node], plain(value)) for node, value in traced["records"]]
    error = describe(traced["error"]) if traced["error"] is not None else {}
    raised_at = _node_at(nodes, traced["position"]) if traced["position"] else None
    return Trace(records, plain(traced["value"]) if not error else None, error, raised_at,
                 dict(traced["lines"]), "", frozenset(traced["own"]))


def _node_at(nodes, position):
    """The recorded expression at exactly `position`, or a bare one made from it."""
    for node in nodes.values():
        if [node.line, node.col, node.end_line, node.end_col] == position:
            return node
    return TracedNode(position[0], position[1], position[2], position[3], "", "")
