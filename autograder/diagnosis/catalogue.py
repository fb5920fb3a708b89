"""The mistake catalogue, as data: each common mistake, the function it belongs to, and its hint.

Text only, no formulas: the wrong implementations live in diagnosis/mutants.py (instructor-only,
never shipped to students). Ids come from ../shared/research/mistakes.md (B = backward, C = cost,
F = forward, U = any function); the order follows that file. Hints are templates whose fields
are listed in diagnosis/context.py. They name the concept, use the student's numbers, point at
a section of the notebook, and never paste the answer (see STYLE.md §4.5).
"""

from dataclasses import dataclass

NOTEBOOK = "backprop.ipynb"

SECTIONS = {
    "shapes-table": "The shapes of every array",
    "forward-propagation": "Forward propagation",
    "loss-versus-cost": "Loss L versus cost J",
    "deriving-dz2": "Deriving dZ2",
    "why-transposes": "Where the transposes come from",
    "tanh-derivative": "The derivative of tanh",
    "element-wise-or-matrix": "Element-wise or matrix product?",
    "deriving-dw": "Deriving dW and db",
    "why-db-keeps-its-column": "Why db keeps its column",
    "backward-propagation": "Putting backward propagation together",
    "gradient-check": "Gradient checking",
    "rules-for-every-function": "Rules every function follows",
}
"""Anchor id -> heading title. Each anchor is an explicit id on a heading of the notebook."""


@dataclass(frozen=True)
class Mistake:
    """One catalogued mistake."""

    id: str
    """Stable id from research/mistakes.md, never reused (B19)."""
    slug: str
    """Short name for code and reports (db_without_keepdims)."""
    function: str
    """The graded function it belongs to, or '*' for a mistake any function can make."""
    title: str
    """One line for instructors and the class report."""
    hint: str
    """Template, rendered with diagnosis.context fields."""
    anchor: str
    """Key of SECTIONS: where the notebook explains the concept."""


MISTAKES = (
    Mistake(
        "B31", "dz1_w2_not_transposed", "compute_dZ1",
        "W2 used without its transpose in dZ1",
        "Your dZ1 uses W2 as it is, {shape_W2}, where its transpose belongs. dZ1 must have the "
        "shape of Z1, {shape_Z1}, and the only product of W2 and dZ2 {shape_dZ2} with that shape "
        "takes W2 turned on its side: each hidden unit collects the error of every output unit "
        "it feeds.",
        "why-transposes",
    ),
    Mistake(
        "B19", "db_without_keepdims", "compute_db",
        "db summed without keepdims",
        "Your {name} has shape {got_shape}, but b{layer} is {want_shape}. Summing over the "
        "examples (axis 1) removes that axis unless you keep it, and a {got_shape} vector "
        "broadcasts differently from a {want_shape} column when b{layer} is updated.",
        "why-db-keeps-its-column",
    ),
    Mistake(
        "B26", "dw_missing_one_over_m", "compute_dW",
        "1/m missing in dW",
        "Your {name} is exactly {ratio} times the expected value, and m = {m} here: it adds up "
        "the examples instead of averaging them. J is the average loss over the m examples, so "
        "its gradient is an average too.",
        "loss-versus-cost",
    ),
)

MISTAKES_BY_ID = {mistake.id: mistake for mistake in MISTAKES}


def mistakes_for(function: str) -> tuple:
    """The catalogued mistakes of one graded function, in catalogue order."""
    return tuple(mistake for mistake in MISTAKES if mistake.function == function)


def pointer(anchor: str) -> str:
    """The closing pointer of a hint: 'See "Deriving dZ2" (backprop.ipynb#deriving-dz2).'"""
    return f'See "{SECTIONS[anchor]}" ({NOTEBOOK}#{anchor}).'
