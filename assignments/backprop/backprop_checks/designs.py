"""The designs (sizes of the grader's inputs) and the Call: one graded call with its answer.

Kept apart from answers/cases.py, which computes answers with the reference, so that the student
bundle can rebuild Calls from stored fixtures without the reference.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Design:
    """Sizes of one set of inputs, and why they are in the suite."""

    name: str
    n_x: int
    n_h: int
    n_y: int
    m: int
    y_dtype: str
    """Y is given as floats, 64-bit integers (as the course's data set) or 32-bit ones. Not
    booleans or unsigned integers: numpy refuses -Y on a boolean array and wraps it around on
    an unsigned one, and -Y * log(A2) is right code."""
    purpose: str


DESIGNS = (
    Design("shape_probe", n_x=3, n_h=4, n_y=1, m=5, y_dtype="float64",
           purpose="all sizes distinct, so a missing transpose raises or gives a telling shape"),
    Design("multi_output_probe", n_x=3, n_h=5, n_y=2, m=7, y_dtype="int64",
           purpose="two output units, so W2.T * dZ2 no longer works by accident"),
    Design("square_probe", n_x=4, n_h=4, n_y=4, m=4, y_dtype="int32",
           purpose="all sizes equal, where a missing transpose runs silently"),
)
DESIGNS_BY_NAME = {design.name: design for design in DESIGNS}


@dataclass(frozen=True)
class Call:
    """One call of a graded function on one case, with the reference's answer."""

    exercise: str
    design: Design
    label: str
    """Which layer, for functions used by both ("layer 1", "layer 2"), else ""."""
    args: tuple
    expected: object
    seed: int
    network: dict = field(repr=False)
    """The whole honest network this call's inputs come from (X, Y, parameters, cache)."""
    mutant_outcomes: dict = field(default=None, repr=False, compare=False)
    """The catalogue's mutants' outcomes on this call, read with .get(mistake id): stored in
    the student bundle, run on demand by the grader (answers/mutants.py LiveOutcomes)."""
    numeric_gradient: dict = field(default=None, repr=False, compare=False)
    """Stored numerical gradient of J for backward_propagation's calls, or None (computed)."""

    @property
    def where(self) -> str:
        """A short description of the inputs for messages, e.g. 'm = 5, layer 1'."""
        design = self.design
        text = f"n_x = {design.n_x}, n_h = {design.n_h}, n_y = {design.n_y}, m = {design.m}"
        return f"{text}, {self.label}" if self.label else text
