"""Explain an exception by what the code did, quoting the student's own line.

Half-finished course templates fail in a few ways: a placeholder `W1 = None` still there, a
name no line assigns, an assert of the template that holds only for the notebook's sizes, a
function numpy has since removed. Each is recognised from the function's source and the line
that raised (the worker sends both), never from the wording of an error message alone, which
differs between Python and numpy versions. Any other exception is quoted with its line.
"""

import ast
import re

import numpy as np

from ..wording import place
from .context import shape_text

_ATTRIBUTE = re.compile(r"has no attribute '(\w+)'")
_NAME = re.compile(r"name '(\w+)' is not defined|'(\w+)' referenced before assignment"
                   r"|local variable '(\w+)'|cannot access local variable '(\w+)'")
REMOVED_FROM_NUMPY = ("asscalar", "mat", "float", "int", "bool", "object", "str", "complex",
                      "long", "unicode", "NaN", "Inf", "PINF", "NINF", "infty", "float_",
                      "product", "cumproduct", "alltrue", "sometrue", "round_", "asfarray",
                      "find_common_type", "msort", "row_stack", "trapz", "in1d")
"""Names the course's era of numpy had and numpy 2 (or 1.2x) no longer has."""


NOTEBOOK_GLOBALS = ("X", "Y", "m", "n_x", "n_h", "n_y", "parameters", "cache", "grads",
                    "W1", "b1", "W2", "b2", "Z1", "A1", "Z2", "A2", "dZ1", "dZ2",
                    "X_assess", "Y_assess", "learning_rate")
"""Names a notebook of the course defines at the top level, that a function may lean on
there without noticing: it works in that notebook, and fails wherever they are not defined."""


def line_of(error: dict) -> str:
    """'line 7 of your compute_dZ1, `d = 1 - np.power(Z1, 2)`,' or a shorter form without code."""
    line = error.get("lineno")
    if not line:
        return ""
    function = error.get("function")
    where = place(error.get("cell"), line)
    if function and f"defining {function}" not in where:
        where += f" of your {function}"
    code = error.get("code")
    return f"{where}, `{code}`," if code else f"{where},"


def recognise(error: dict, calls_raised: list, calls_passed: list, trace=None, args=()):
    """(mistake id, detail sentence) for a template left half-finished, or None.

    calls_raised / calls_passed: the `where` text of the calls on which the same line raised /
    on which the function got past it, for the sentence; args: the call's arguments (a
    KeyError is judged against the keys its dicts have).
    """
    kind = error.get("type", "")
    message = error.get("message", "")
    code = error.get("code", "")
    source = error.get("function_source", "")
    at = _capital(line_of(error)) or "Your code"
    if kind == "AttributeError":
        match = _ATTRIBUTE.search(message)
        name = match.group(1) if match else ""
        if name in REMOVED_FROM_NUMPY and re.search(rf"\b(np|numpy)\.{name}\b", code):
            return "U14", f"{at} calls np.{name}, which the numpy here no longer has."
    placeholder = _placeholder_used(source, error.get("function_line"), error.get("lineno"),
                                    code)
    if placeholder and kind in ("TypeError", "AttributeError", "ValueError"):
        name, line, text = placeholder
        return "U11", (f"Line {line} of your {error.get('function')}, `{text}`, still holds the "
                       f"template's placeholder, so {name} is None when "
                       f"{line_of(error) or 'a later line'} uses it.")
    if kind == "KeyError":
        key = message.strip("'\"")
        dicts = [value for value in args if isinstance(value, dict)]
        keys = [str(k) for value in dicts for k in value]
        close = [k for k in keys if k.lower() == key.lower()] or _close(key, keys)
        if key and key not in keys and close:
            owner = re.search(rf"(\w+)\s*\[\s*['\"]{re.escape(key)}['\"]", code)
            owner = owner.group(1) if owner else "the dict"
            held = ", ".join(sorted(k for value in dicts for k in value
                                    if close[0] in value))
            return "U15", (f"{at} looks up '{key}', but {owner} has no such key: it has "
                           f"{held}.")
    if kind in ("ModuleNotFoundError", "ImportError"):
        module = re.search(r"No module named '([\w.]+)'", message)
        if module:
            return "S-missing-module", (
                f"{at} imports {module.group(1)}, which is not here: only the standard library "
                "and numpy are available to your code, so what it would give must come from "
                "your own code or from numpy.")
    if kind == "TypeError" and re.search(r"\bmath\.\w+\(", code):
        function = re.search(r"\bmath\.(\w+)\(", code).group(1)
        return "U17", f"{at} calls math.{function} on an array."
    if kind == "RecursionError":
        called = re.findall(r"\b(\w+)\s*\(", code)
        own = error.get("function")
        if own and own in called:
            return "S-recursion", (f"{at} calls {own} itself, which calls itself again, and so "
                                   "on until Python gives up (RecursionError). To use what a "
                                   "step gives, compute it there, or call another function.")
    if (kind == "ValueError" and "reshape" in message
            and re.search(r"\.reshape\(\s*[\w\s,-]*\d", code)):
        return "S-hard-coded-size", (
            f"{at} reshapes to a size not taken from its arguments (written into the code, or a global of the notebook), which fits the notebook's data "
            "only: the grader calls your functions on other sizes. Every size comes from the "
            "arguments' own shapes (keepdims keeps the summed axis, too).")
    if kind in ("NameError", "UnboundLocalError"):
        match = _NAME.search(message)
        name = next((group for group in match.groups() if group), "") if match else ""
        if name:
            assigned = _assigned_later(source, error.get("function_line"), error.get("lineno"),
                                       name)
            later = (f" A later line assigns {name}, but only after this one runs."
                     if assigned else _did_you_mean(source, name))
            if not assigned and not later and name in NOTEBOOK_GLOBALS:
                later += (f" In the notebook {name} is a global, so the function seemed to work "
                          "there; here it is called on its own, with only its arguments.")
            return "U12", f"{at} uses {name}, which no line before it assigns.{later}"
    if kind == "AssertionError" and code.lstrip().startswith("assert"):
        sides = _assert_sides(code, error.get("lineno"), trace)
        where = f" on the inputs with {calls_raised[0]}" if calls_raised else ""
        held = f", while it held on those with {calls_passed[0]}" if calls_passed else ""
        sizes = (" The grader calls your functions on other sizes than the notebook's data, so "
                 "a check that holds only for the notebook's sizes stops it." if calls_passed
                 else "")
        return "U13", f"{at} fails{where}{held}.{sides}{sizes}"
    return None


def _close(name, candidates) -> list:
    import difflib

    return difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _function_tree(source: str):
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def _placeholder_used(source, first_line, lineno, code):
    """(name, line, text) of a `name = None` of the template that the raising line uses."""
    function = _function_tree(source) if source else None
    if function is None or not first_line or not lineno:
        return None
    offset = first_line - 1
    lines = source.splitlines()
    used = {node.id for node in ast.walk(_parse_line(code)) if isinstance(node, ast.Name)}
    placeholder = None
    for node in ast.walk(function):
        if not isinstance(node, ast.Assign) or node.lineno + offset >= lineno:
            continue
        for target in node.targets:
            if not isinstance(target, ast.Name) or target.id not in used:
                continue
            if isinstance(node.value, ast.Constant) and node.value.value is None:
                placeholder = (target.id, node.lineno + offset,
                               lines[node.lineno - 1].strip())
            elif placeholder and placeholder[0] == target.id:
                placeholder = None  # reassigned after the placeholder
    return placeholder


def _assigned_later(source, first_line, lineno, name) -> bool:
    function = _function_tree(source) if source else None
    if function is None or not first_line or not lineno:
        return False
    return any(isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
               and node.lineno + first_line - 1 > lineno for node in ast.walk(function))


def _did_you_mean(source, name) -> str:
    """' Did you mean m?' when the function has a name close to `name`, else ''."""
    import difflib

    function = _function_tree(source) if source else None
    if function is None:
        return ""
    known = {arg.arg for arg in function.args.args}
    known |= {node.id for node in ast.walk(function)
              if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" Did you mean {close[0]}?" if close else ""


def _parse_line(code: str):
    try:
        return ast.parse(code.strip())
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _assert_sides(code, lineno, trace) -> str:
    """What the assert's parts were, from the traced values: ' There A2.shape is (2, 7) and
    (1, X.shape[1]) is (1, 7).' for a comparison, ' There cost is a numpy array of shape ().'
    for isinstance(cost, float); '' when the trace does not show them."""
    if trace is None:
        return ""
    tree = _parse_line(code)
    test = tree.body[0].test if tree.body and isinstance(tree.body[0], ast.Assert) else None
    if isinstance(test, ast.Compare) and len(test.comparators) == 1:
        parts = [test.left, test.comparators[0]]
    elif (isinstance(test, ast.Call) and isinstance(test.func, ast.Name)
          and test.func.id == "isinstance" and test.args):
        parts = [test.args[0]]
    else:
        return ""
    shown = []
    for part in parts:
        text = ast.get_source_segment(code.strip(), part)
        found = [record.value for record in trace.records
                 if record.node.line == lineno and record.node.text == text]
        if not found:
            return ""
        value = found[-1]
        if isinstance(value, np.ndarray):
            described = (f"a numpy array of shape {shape_text(value)}" if len(parts) == 1
                         else shape_text(value))
        elif isinstance(value, (tuple, int, float)):
            described = f"the {type(value).__name__} {value}" if len(parts) == 1 else str(value)
        else:
            return ""
        shown.append(f"{text} is {described}")
    return " There " + " and ".join(shown) + "."


def describe_operands(trace) -> str:
    """' There W2.T is (5, 2) and dZ2 is (2, 7).': the arrays the raising expression was given."""
    if trace is None or trace.raised_at is None or not trace.raised_at.text:
        return ""
    outer = trace.raised_at
    inside = {}
    for record in trace.records:
        node = record.node
        if node != outer and node.within(outer) and isinstance(record.value, np.ndarray):
            inside.setdefault(node, record.value)
    operands = [node for node in inside
                if not any(other != node and node.within(other) for other in inside)]
    if not operands or len(operands) > 4:
        return ""
    described = [f"{node.text} is {shape_text(inside[node])}" for node in operands]
    joined = described[0] if len(described) == 1 else (", ".join(described[:-1]) + " and "
                                                       + described[-1])
    return f" There {joined}."

