"""Explain numpy's shape errors in the student's own shapes, and which product would fit.

numpy words the same problem three ways: np.dot says "shapes (4,5) and (3,5) not aligned",
the @ operator (matmul) names only the two sizes that disagree, and * says "operands could not
be broadcast together with shapes (5,2) (2,7)". Each is parsed into a ShapeMismatch; the
operands' names are found by shape (an array or its transpose), and, when the wanted result's
shape is known, the one arrangement of the two operands whose matrix product has that shape is
described in shapes, never in code.
"""

import itertools
import re
from dataclasses import dataclass

_DOT = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")
_MATMUL = re.compile(r"matmul: Input operand 1 has a mismatch in its core dimension 0.*"
                     r"\(size (\d+) is different from (\d+)\)", re.DOTALL)
_BROADCAST = re.compile(r"operands could not be broadcast together with shapes ((?:\([\d, ]*\) ?)+)")
_SHAPE = re.compile(r"\(([\d, ]*)\)")


@dataclass(frozen=True)
class ShapeMismatch:
    """What numpy refused: a matrix product ('product') or an entry-by-entry one ('broadcast')."""

    kind: str
    shapes: tuple = ()
    """The operands' shapes, when numpy's message gives them."""
    sizes: tuple = ()
    """matmul only: (size of the left operand's last axis, size of the right one's first)."""


def is_shape_error(error_type: str, message: str) -> bool:
    """True for numpy's matrix-product and broadcasting shape errors."""
    return parse(error_type, message) is not None


def parse_shapes(message: str) -> list:
    """The shapes in a message, in order, as tuples; for matmul, the two mismatching sizes."""
    found = parse("ValueError", message)
    if found is None:
        return []
    return list(found.shapes) if found.shapes else [found.sizes]


def parse(error_type: str, message: str):
    """A ShapeMismatch from numpy's message, or None when it is not one of numpy's."""
    if error_type != "ValueError":
        return None
    if match := _DOT.search(message):
        return ShapeMismatch("product", (_shape(match.group(1)), _shape(match.group(2))))
    if match := _MATMUL.search(message):
        right, left = int(match.group(1)), int(match.group(2))
        return ShapeMismatch("product", sizes=(left, right))
    if match := _BROADCAST.search(message):
        return ShapeMismatch("broadcast", tuple(_shape(s) for s in _SHAPE.findall(match.group(1))))
    return None


def explain_numpy_error(function, error_type, message, operands, want_shape, output):
    """A hint in the student's shapes for numpy's shape error, or None for any other error.

    operands maps the names of the arrays the function works with to their shapes.
    """
    mismatch = parse(error_type, message)
    if mismatch is None:
        return None
    if mismatch.kind == "product" and not mismatch.shapes:
        mismatch = _guess_matmul_shapes(mismatch, operands)
    if mismatch.kind == "broadcast":
        return _explain_broadcast(mismatch.shapes[:2], operands, want_shape, output)
    return _explain_product(mismatch, operands, want_shape, output)


def _explain_product(mismatch, operands, want_shape, output):
    if not mismatch.shapes:
        left, right = mismatch.sizes
        return (f"A matrix product (np.dot or @) was given a left factor with {left} columns and "
                f"a right factor with {right} rows. The inner sizes must agree: (a, k) times "
                "(k, b) gives (a, b).")
    a, b = mismatch.shapes
    text = (f"A matrix product (np.dot or @) got a {_text(a)} array{_named(a, operands)} and a "
            f"{_text(b)} array{_named(b, operands)}; (a, k) times (k, b) gives (a, b), so the "
            f"inner sizes must agree, and here {a[-1] if a else '?'} is not "
            f"{b[0] if b else '?'}.")
    if a == b and len(a) == 2:
        return text + (f" Two arrays of the same shape, {_text(a)}, that are combined entry by "
                       "entry are multiplied element-wise, not by a matrix product.")
    return text + _fitting_product(a, b, want_shape, output)


def _explain_broadcast(shapes, operands, want_shape, output):
    if len(shapes) < 2:
        return None
    a, b = shapes
    text = (f"An entry-by-entry operation (*, np.multiply, + or -) got a {_text(a)} "
            f"array{_named(a, operands)} and a {_text(b)} array{_named(b, operands)}. It pairs "
            "entries that sit in the same place, so the shapes must match, axis by axis, "
            "unless one of them is 1.")
    fitting = _arrangement(a, b, want_shape)
    if fitting:
        p, q = fitting
        text += (f" To get {output}'s shape {_text(want_shape)} from these two, this step needs "
                 f"a matrix product: {_text(p)} times {_text(q)}.")
    return text


def _fitting_product(a, b, want_shape, output):
    """' To get dW1's shape (4, 3) ..., the product must be (4, 5) times (5, 3): ...' or ''."""
    fitting = _arrangement(a, b, want_shape)
    if not fitting:
        return ""
    p, q = fitting
    turned = "one of them needs to be turned on its side" if {p, q} != {a, b} \
        else "the two factors go the other way round"
    return (f" To get {output}'s shape {_text(want_shape)} from these two, the product must be "
            f"{_text(p)} times {_text(q)}: {turned}.")


def _arrangement(a, b, want_shape):
    """Shapes (p, q), each a or b possibly transposed, with p @ q of shape want_shape."""
    if not want_shape or len(want_shape) != 2 or len(a) != 2 or len(b) != 2:
        return None
    for first, second in ((a, b), (b, a)):
        for p, q in itertools.product((first, first[::-1]), (second, second[::-1])):
            if p[1] == q[0] and (p[0], q[1]) == tuple(want_shape):
                return p, q
    return None


def _guess_matmul_shapes(mismatch, operands):
    """matmul names only the sizes; find the one pair of operands (or transposes) they fit."""
    left, right = mismatch.sizes
    candidates = []
    for (name_a, a), (name_b, b) in itertools.permutations(operands.items(), 2):
        for p, q in itertools.product(_orientations(a), _orientations(b)):
            if p[-1] == left and q[0] == right and (p, q) not in candidates:
                candidates.append((p, q))
    if len(candidates) == 1:
        return ShapeMismatch("product", candidates[0], mismatch.sizes)
    return mismatch


def _orientations(shape):
    shape = tuple(shape)
    return [shape] if len(shape) != 2 or shape[0] == shape[1] else [shape, shape[::-1]]


def _named(shape, operands) -> str:
    """' (dZ)', ' (A_prev, transposed)', ' (Z1 or A1)' or '' for a shape."""
    names = [name for name, s in operands.items() if tuple(s) == tuple(shape)]
    if len(shape) == 2 and shape[0] != shape[1]:
        names += [f"{name} transposed" for name, s in operands.items()
                  if tuple(s) == tuple(shape[::-1])]
    if not names:
        return ""
    return " (" + (" or ".join(names[:3])) + ")"


def _shape(text: str) -> tuple:
    return tuple(int(n) for n in text.replace(" ", "").split(",") if n)


def _text(shape) -> str:
    return str(tuple(int(n) for n in shape))
