"""What a student call gave back, as plain data: the value it returned, or the exception it raised.

The worker describes a call this way before sending it to the grader (sandbox/worker.py), and
the notebook's visible checks describe a call in the student's own kernel the same way
(visible.py), so that the checks see the same kinds of values in both places. Only the
standard library and numpy are used: like tracing.py, this file travels inside the worker's
source (sandbox/hiding.py `worker_command`), and it ships in the student bundle.
"""

import traceback

MAX_ARRAY_ITEMS = 100_000
"""Arrays with more entries than this are described, not sent: no graded output is near it
(the largest has 35), and the grader takes no more than reply_limit_mb from a submission."""
MAX_CONTAINER_ITEMS = 64
MAX_DEPTH = 4
SUBMISSION_FILENAME = "<submission>"


def encode(value, arrays, depth=0):
    """Describe `value` as JSON-able data; exact ndarrays go to `arrays` by index.

    Anything that is not a plain number, string, None, ndarray or a small list, tuple or dict
    of those is described by its type name only, so no student object crosses the boundary.
    """
    import numpy as np

    kind = type(value)
    if value is None:
        return {"t": "none"}
    if kind is bool:
        return {"t": "bool", "v": value}
    if kind is int:
        return {"t": "int", "v": value} if abs(value) < 2**53 else {"t": "int", "v": float(value)}
    if kind is float:
        return {"t": "float", "v": value}
    if kind is str:
        return {"t": "str", "v": value[:200]}
    if kind is np.ndarray:
        if value.dtype.hasobject or value.dtype.kind not in "biufc":
            return {"t": "opaque", "type": "numpy.ndarray", "dtype": str(value.dtype),
                    "shape": list(value.shape)}
        if value.size > MAX_ARRAY_ITEMS:
            return {"t": "opaque", "type": "numpy.ndarray", "dtype": str(value.dtype),
                    "shape": list(value.shape), "too_large": True}
        arrays.append(np.array(value, copy=True, order="C"))
        return {"t": "nd", "i": len(arrays) - 1}
    if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.kind in "biuf":
        return {"t": "npscalar", "dtype": value.dtype.name, "v": value.item()}
    if kind in (list, tuple, dict) and depth < MAX_DEPTH and len(value) <= MAX_CONTAINER_ITEMS:
        if kind is dict:
            if not all(type(key) is str for key in value):
                return {"t": "opaque", "type": "dict", "detail": "keys that are not strings"}
            return {"t": "dict", "items": [[key, encode(item, arrays, depth + 1)]
                                            for key, item in value.items()]}
        return {"t": kind.__name__, "items": [encode(item, arrays, depth + 1) for item in value]}
    detail = ""
    if isinstance(value, np.ndarray):
        detail = "a subclass of numpy.ndarray"
    return {"t": "opaque", "type": f"{kind.__module__}.{kind.__qualname__}", "detail": detail}


def _is_submission(filename):
    """True for code of the submission: "<submission>" for a .py, "<cell N>" for a notebook."""
    return filename == SUBMISSION_FILENAME or filename.startswith("<cell ")


def describe_exception(error, is_student_code=None):
    """The exception as data: its type, message and the submission line it came from.

    is_student_code(filename) tells the student's frames from library ones; by default the
    submission's own file names ("<submission>", "<cell N>").
    """
    is_student_code = is_student_code or _is_submission
    lineno = None
    cell = None
    if isinstance(error, SyntaxError) and is_student_code(error.filename or ""):
        lineno, cell = error.lineno, error.filename
    function = None
    for frame, frame_lineno in traceback.walk_tb(error.__traceback__):
        if is_student_code(frame.f_code.co_filename):
            lineno, cell = frame_lineno, frame.f_code.co_filename
            function = frame.f_code.co_name
    try:
        message = str(error)
    except BaseException:
        message = "(its message could not be read)"
    described = {"type": type(error).__name__, "message": message[:1000], "lineno": lineno,
                 "function": function, "cell": cell if cell != SUBMISSION_FILENAME else None}
    if lineno and cell:
        described.update(_code_around(cell, lineno, function))
    return described


def _code_around(filename, lineno, function):
    """The line that raised, as written, and the source of the function holding it."""
    import ast
    import linecache

    lines = linecache.getlines(filename)
    if not 0 < lineno <= len(lines):
        return {}
    found = {"code": lines[lineno - 1].strip()[:300]}
    try:
        tree = ast.parse("".join(lines))
    except (SyntaxError, ValueError):
        return found
    for node in ast.walk(tree):
        if (isinstance(node, ast.FunctionDef) and node.name == function
                and node.lineno <= lineno <= (node.end_lineno or node.lineno)):
            found["function_source"] = "".join(lines[node.lineno - 1:node.end_lineno])[:8000]
            found["function_line"] = node.lineno
    return found
