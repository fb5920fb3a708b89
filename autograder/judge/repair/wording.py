"""A verified repair, in words: one sentence per edit, on three rungs of the hint ladder.

Rung 1, what every student reads: where (the student's own line, quoted), what that part
computes (the student's own numbers, from the tracer) and the concept behind the edit, with the
notebook section that derives it. No corrected code. Rung 2, asked for (grade --more,
check(..., more=True)): what kind of change is needed. Rung 3, for instructors: the corrected
line.

A sentence says only what running the repair established: that this part, changed this way,
makes every check pass. Where another repair as small changes something else, the hint names
only the line both touch (docs/architecture.md, "What a hint may claim").
"""

from ..wording import at_place, sentence_start

R_PREFIX = "R-"
"""Ids of hints worded from a repair: R-floor-division, R-precedence, ..."""


def describe_value(value) -> str:
    """A value as a hint quotes it: a number to 4 digits, a small array whole, a larger one by
    its shape and first entries."""
    import numpy as np

    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float, np.generic)):
        return f"{float(value):.4g}" if not isinstance(value, int) else str(value)
    if isinstance(value, np.ndarray):
        if value.size == 1:
            return f"{float(value.reshape(-1)[0]):.4g} (an array of shape {value.shape})"
        first = ", ".join(f"{float(v):.3g}" for v in value.reshape(-1)[:3])
        return f"an array of shape {value.shape} ({first}, ...)"
    if isinstance(value, tuple):
        return str(value)
    return type(value).__name__


def _m_text(value) -> str:
    return f" (here {describe_value(value)})" if value is not None else ""


CONCEPTS = {
    # kind: (rung 1 concept, rung 2 kind of change, anchor or '' for the exercise's own)
    "floor-division": (
        "{value_clause}"
        "`//` is floor division: it rounds every quotient down to a whole number, so a 1/m "
        "written with it is 0 and a gradient divided with it loses its fractions.",
        "Divide with `/`, which keeps the fractions.", "deriving-dw"),
    "wrapper": (
        "{value_clause}"
        "{wrapper_concept}",
        "Return the value itself; the grader compares it to 1e-5 relative.",
        "rules-for-every-function"),
    "family": (
        "{value_clause}"
        "{family_concept}", "Use the function the derivation names at this place.", ""),
    "in-place": (
        "`{target} {op}= ...` changes the array your caller passed in: numpy arrays are "
        "shared, not copied, so the caller's {target} changes too, and every later step that "
        "reads it gets the changed values.",
        "Compute a new array instead of updating the argument in place.",
        "rules-for-every-function"),
    "accumulate": (
        "Inside the loop, `{target} = ...` replaces {target} on every pass, so only the last "
        "pass's value is kept; a sum over the examples adds each pass's share to it.",
        "Add each pass's share to what {target} already holds.", ""),
    "name-fix": (
        "{name_fix_concept}",
        "Check the spelling against numpy's function names (np.<name>).", ""),
    "epsilon": (
        "{value_clause}"
        "The `{dropped}` added there changes the value by more than the grader's tolerance: "
        "a guard against log(0) must be far smaller than that, or left out (A2 is never "
        "exactly 0 or 1 here).",
        "Leave the guard out, or make it much smaller.", "loss-versus-cost"),
    "missing-term": (
        "The loss has two terms: Y·log A2 for the examples labelled 1 and (1 - Y)·log(1 - A2) "
        "for those labelled 0; this expression has the first only.",
        "Add the term for the examples labelled 0.", "loss-versus-cost"),
    "log-term": (
        "{value_clause}"
        "The loss pairs Y with log A2 and (1 - Y) with log(1 - A2); at `{before}` this line "
        "pairs them otherwise.",
        "Check which label goes with which log in each of the two terms.", "loss-versus-cost"),
    "derivative": (
        "{value_clause}"
        "The hidden layer's slope is tanh'(Z1) = 1 - tanh(Z1)² = 1 - A1²; `{before}` is "
        "another slope (or tanh' of another array).",
        "Use tanh's derivative, written with the array that holds tanh(Z1).",
        "tanh-derivative"),
    "derivative-missing": (
        "{missing_concept}", "Multiply by the activation's derivative here.", ""),
    "precedence": (
        "{value_clause}"
        "Python evaluates `{inner}` first here: `**` binds before `*`, `/` and `@`, which bind "
        "before `+` and `-`, and equals go left to right, so this does not group the way the "
        "formula does.",
        "Add parentheses around the part the formula computes first.", ""),
    "transpose-add": (
        "`{before}` enters this product as it is{shape_text}; the shapes table says which "
        "factor of this product must be turned on its side so that the sizes pair up.",
        "One factor of this product needs a transpose.", "why-transposes"),
    "transpose-remove": (
        "The transpose in `{before}` is one too many: check the shapes of both factors "
        "against the shapes table.",
        "Take the transpose out.", "why-transposes"),
    "product-kind": (
        "{product_concept}",
        "Use the other kind of product here.", "element-wise-or-matrix"),
    "axis": (
        "`{call}` adds up along axis {was_text}: axis=1 runs along a row (over the examples), "
        "axis=0 down a column (over the units).",
        "Sum along the other axis (the one the derivation sums over).",
        "why-db-keeps-its-column"),
    "keepdims": (
        "{keepdims_concept}",
        "{keepdims_more}", "why-db-keeps-its-column"),
    "shape-axis": (
        "`{before}` is {value_text}: the size along axis {was}. m, the number of examples, is "
        "the number of columns.",
        "Read m from the other axis of the shape.", "shapes-table"),
    "scale": (
        "{scale_concept}",
        "{scale_more}", "deriving-dw"),
    "argument-order": (
        "This call passes its arguments in an order that is not the one {callee} takes "
        "({parameters}).",
        "`{first}` and `{second}` are in each other's place.", "rules-for-every-function"),
    "name-swap": (
        "`{wrong}` here is {value_text}, but the formula takes another array of that shape at "
        "this place.",
        "Use the array the formula names here instead of `{wrong}`.", "shapes-table"),
    "sign": (
        "{value_clause}"
        "The sign of `{before}` is the opposite of the derivation's.",
        "Flip the sign of this part.", ""),
    "extra-term": (
        "{value_clause}"
        "`{dropped}` is a term the formula does not have.",
        "Leave that term out.", ""),
}


def _family_concept(detail) -> str:
    wrong, right = detail.get("wrong"), detail.get("right")
    if wrong in ("log2", "log10"):
        base = 2 if wrong == "log2" else 10
        import math

        factor = 1 / math.log(base)
        return (f"np.{wrong} is the logarithm in base {base}; the cost uses the natural "
                f"logarithm, and in base {base} every log is 1/ln {base} ≈ {factor:.3g} times "
                "as large.")
    if wrong == "log" and right in ("log2", "log10", "log1p"):
        return "The log here is not the one the formula takes."
    if {wrong, right} == {"sum", "mean"}:
        return (f"np.mean divides by the number of entries it averages and np.sum does not; "
                f"with {wrong} this step is scaled by that number.")
    if {wrong, right} <= {"tanh", "sigmoid", "relu"}:
        return ("The hidden layer uses tanh and the output layer the sigmoid; "
                f"{wrong} is the other layer's activation here.")
    if {wrong, right} <= {"dot", "matmul", "multiply"}:
        return _product_concept({"to": "entry" if right == "multiply" else "matrix"})
    return f"{wrong} is not the function the formula takes at this place."


def _product_concept(detail) -> str:
    if detail.get("to") == "matrix":
        return ("`*` multiplies entry by entry; this step adds up over the units a layer "
                "connects, which is a matrix product.")
    return ("np.dot and `@` are matrix products; this step scales each entry by its own "
            "factor, which is a product entry by entry.")


def _wrapper_concept(detail) -> str:
    wrapper = detail.get("wrapper")
    if wrapper in ("round", "around", "rint", "fix", "floor", "ceil", "trunc"):
        return (f"{wrapper}(...) throws away digits: the grader compares values to 1e-5 "
                "relative, so a rounded value is a wrong value.")
    if wrapper in ("int", "int32", "int64"):
        return "Converting to an integer drops everything after the decimal point."
    if wrapper in ("float32", "float16", "astype"):
        return ("A cast to a smaller float keeps about 7 (float32) or 3 (float16) digits, "
                "fewer than the grader compares.")
    if wrapper in ("squeeze", "flatten", "ravel", "reshape"):
        return (f"{wrapper} changes the array's shape; this value must keep the shape the "
                "shapes table gives it.")
    if wrapper in ("abs", "absolute"):
        return "Taking the absolute value drops the sign the derivation keeps."
    return f"{wrapper}(...) changes the value the formula gives."


def _name_fix_concept(detail, numpy) -> str:
    wrong = detail.get("wrong")
    if "." in detail.get("after", "") and detail.get("before") == wrong:
        return (f"`{wrong}` alone is not defined: numpy's functions are reached through the "
                f"name you imported numpy as ({numpy}.{wrong}).")
    return f"numpy has no function named `{wrong}`."


def _missing_concept(detail) -> str:
    if detail.get("missing") == "sigmoid":
        return ("dZ2 is the gradient with respect to Z2, not A2: the chain rule multiplies "
                "dL/dA2 by the sigmoid's slope A2(1 - A2), and for this loss the two together "
                "are A2 - Y.")
    return ("dZ1 is the gradient with respect to Z1, not A1: the chain rule multiplies by "
            "tanh'(Z1) = 1 - A1² here.")


def _scale_concept(detail, part_value, m_value):
    if detail.get("added") == "/ m":
        return ("This line's values are m times too large{m}: J averages the losses, so "
                "this step carries one 1/m.".format(m=_m_text(m_value)),
                "Divide by m once here.")
    if detail.get("added") == "* m":
        return ("This line's values are m times too small{m}: count the 1/m's between J and "
                "this step; dZ carries none, dW and db one each.".format(m=_m_text(m_value)),
                "Take one 1/m out of this step.")
    if detail.get("minus_one"):
        return (f"`{detail.get('before')}` is one less than the number it counts: J averages "
                "the loss over all m examples, so the divisor is m itself.",
                "Divide by the number of examples itself.")
    dropped = detail.get("dropped", "")
    value = ""
    verb = "divides by" if detail.get("operator") == "/" else "multiplies by"
    if not any(ch.isalpha() for ch in dropped):  # a plain number, not a size
        return (f"This part {verb} `{dropped}`, a factor the formula does not have.",
                f"Leave out the factor `{dropped}` here.")
    return (f"This part {verb} `{dropped}`{value}, a scale your code is right without: "
            "count where J's 1/m enters (dZ has none, dW and db one each, the cost one).",
            f"Leave out the scale `{dropped}` here.")


def _keepdims(detail):
    if detail.get("add"):
        return ("Without keepdims=True the sum drops the axis it adds up over, and the result "
                "is a flat vector instead of a column.",
                "Keep the axis the sum runs over.")
    return ("keepdims=True keeps an axis this result should not have.",
            "Let the sum drop the axis it runs over.")


def edit_sentences(edit, functions, exercise, numbers, m_value=None, where_inputs="",
                   edits=()) -> tuple:
    """(rung 1, rung 2, rung 3, anchor) for one edit. numbers(span) -> the traced value of the
    expression at that span on the first failing call, or None; m_value: that call's m;
    where_inputs: that call's inputs in words, said when a number of theirs is quoted; edits:
    every edit of the repair, so that the corrected line has all of those on its line."""
    from ..diagnosis.catalogue import SECTIONS
    from ..student_api import GRADED_BY_NAME

    function = functions[edit.function]
    line_no = edit.span[0]
    line = function.line(line_no)
    part_value = numbers(edit.span)
    detail = dict(edit.detail, before=edit.before, after=edit.after)
    fields = {"before": edit.before, "after": edit.after, **edit.detail}
    fields["shape_text"] = (f", {describe_value(part_value)}" if part_value is not None else "")
    fields["value_text"] = describe_value(part_value) if part_value is not None else "an array"
    fields["inner"] = edit.before
    fields["value_clause"] = (f"`{_short(edit.before)}` is {describe_value(part_value)} here. "
                              if part_value is not None else "")
    fields["wrapper_concept"] = _wrapper_concept(detail)
    fields["family_concept"] = _family_concept(detail)
    fields["product_concept"] = _product_concept(detail)
    fields["missing_concept"] = _missing_concept(detail)
    fields["name_fix_concept"] = _name_fix_concept(detail, "np")
    fields["keepdims_concept"], fields["keepdims_more"] = _keepdims(detail)
    fields["scale_concept"], fields["scale_more"] = _scale_concept(detail, part_value, m_value)
    fields["call"] = edit.before
    fields["was_text"] = detail.get("was") or "none (all entries)"
    if edit.kind == "in-place":
        fields["op"] = _augmented_op(edit.before)
    if edit.kind == "argument-order":
        callee = edit.detail.get("callee", "")
        parameters = (GRADED_BY_NAME[callee].parameters if callee in GRADED_BY_NAME
                      else functions[callee].node.args.args if callee in functions else ())
        names = [p if isinstance(p, str) else p.arg for p in parameters]
        fields["parameters"] = ", ".join(names) if names else "its own order"
    if edit.kind == "precedence":
        fields["inner"] = _inner_of(edit.before)
    kind = "derivative-missing" if edit.kind == "derivative" and "missing" in edit.detail \
        else edit.kind
    concept, more, anchor = CONCEPTS[kind]
    anchor = anchor or GRADED_BY_NAME[exercise].anchor
    where = at_place(function.cell, line_no)
    owner = "" if edit.function == exercise else f" (your helper {edit.function})"
    quoted = part_value is not None and any(f"{{{key}}}" in concept for key in
                                            ("value_text", "shape_text", "value_clause"))
    if quoted:
        concept = f"{concept} (Inputs with {where_inputs}.)"
    first = sentence_start(f"{where}{owner}, `{line}`: {_safe_format(concept, fields)}")
    fixed = function.statement_with([e for e in edits or (edit,) if e.function == edit.function],
                                    line_no)
    third = f"The line that passes every check: `{fixed}`." if fixed else ""
    return first, _safe_format(more, fields), third, anchor if anchor in SECTIONS else ""


def _short(code: str, limit: int = 60) -> str:
    return code if len(code) <= limit else code[:limit - 3] + "..."


def _safe_format(template: str, fields: dict) -> str:
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return template


def _augmented_op(text: str) -> str:
    for op in ("//", "**", "*", "/", "+", "-", "@"):
        if f"{op}=" in text:
            return op
    return ""


def _inner_of(before: str) -> str:
    """The part Python groups first in `before`, as the student wrote it (best effort)."""
    import ast

    try:
        node = ast.parse(before, mode="eval").body
    except SyntaxError:
        return before
    if isinstance(node, ast.BinOp):
        for side in (node.left, node.right):
            if isinstance(side, ast.BinOp):
                return ast.unparse(side)
    return before


__all__ = ["edit_sentences", "describe_value", "R_PREFIX"]
