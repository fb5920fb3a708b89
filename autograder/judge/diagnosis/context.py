"""The named fields a hint template may use, filled from one call and what the student returned.

Every hint is a template such as "Your {name} has shape {got_shape}, but ...". The fields are
the student's own numbers: sizes of the design, shapes of every argument, the output's shape,
an exact ratio. tests/diagnosis checks that every template renders with its own mistake's fields.
"""

import numpy as np

FIELDS = (
    "function", "name", "m", "n_x", "n_h", "n_y", "layer", "A_prev", "n", "n_prev",
    "got_shape", "want_shape", "ratio", "z1_max", "entry", "got_entry", "want_entry",
    "shape_X", "shape_Y", "shape_W1", "shape_b1", "shape_W2", "shape_b2",
    "shape_Z1", "shape_A1", "shape_Z2", "shape_A2", "shape_dZ2", "shape_dZ1", "shape_dZ",
    "shape_A_prev", "argument", "before", "after", "detail", "numpy",
)
"""Every field a template may name. Shapes are written as Python prints them: (4, 3).
argument, before and after describe an input changed in place: its name ('dZ2' or
'cache["A1"]') and one entry before and after the call, with its index. detail is a
sentence the step that found the mistake wrote (the student's line, quoted); numpy the version
the code ran with."""


def hint_context(call, name: str = "", got=None, want=None, ratio: str = "") -> dict:
    """The template fields for one call; `got` and `want` are one output's values."""
    design = call.design
    network = call.network
    parameters, cache = network["parameters"], network["cache"]
    layer = call.label.rsplit(" ", 1)[-1] if call.label else ""
    context = {
        "function": call.exercise,
        "name": name or call.exercise,
        "m": design.m, "n_x": design.n_x, "n_h": design.n_h, "n_y": design.n_y,
        "layer": layer,
        "A_prev": {"1": "X", "2": "A1"}.get(layer, "A_prev"),
        "n": {"1": design.n_h, "2": design.n_y}.get(layer, design.n_h),
        "n_prev": {"1": design.n_x, "2": design.n_h}.get(layer, design.n_x),
        "got_shape": shape_text(got),
        "want_shape": shape_text(want),
        "ratio": ratio,
        "z1_max": f"{float(np.abs(cache['Z1']).max()):.2f}",
        "entry": "", "got_entry": "", "want_entry": "",
        "argument": "", "before": "", "after": "", "detail": "", "numpy": np.__version__,
        "shape_X": shape_text(network["X"]), "shape_Y": shape_text(network["Y"]),
    }
    for key in ("W1", "b1", "W2", "b2"):
        context[f"shape_{key}"] = shape_text(parameters[key])
    for key in ("Z1", "A1", "Z2", "A2"):
        context[f"shape_{key}"] = shape_text(cache[key])
    context["shape_dZ2"] = context["shape_A2"]
    context["shape_dZ1"] = context["shape_A1"]
    context["shape_dZ"] = {"1": context["shape_A1"], "2": context["shape_A2"]}.get(
        layer, context["shape_A1"])
    context["shape_A_prev"] = {"1": context["shape_X"], "2": context["shape_A1"]}.get(
        layer, context["shape_X"])
    if _comparable(got, want):
        index, got_entry, want_entry = _telling_entry(got, want)
        context["entry"] = str(list(index)) if index else ""
        context["got_entry"], context["want_entry"] = _distinct(got_entry, want_entry)
    return context


def shape_text(value) -> str:
    """A value's shape as Python prints it, '(4, 3)'; '' when it has none."""
    shape = getattr(value, "shape", None)
    if shape is None:
        return ""
    return str(tuple(int(n) for n in shape))


def _distinct(got: float, want: float):
    """Both numbers with three significant figures, or as many more as it takes to show that
    they differ (0.83812 and 0.83806, not 0.838 twice)."""
    for digits in range(3, 12):
        shown = f"{got:.{digits}g}", f"{want:.{digits}g}"
        if shown[0] != shown[1]:
            return shown
    return shown


def _comparable(got, want) -> bool:
    return (isinstance(got, (np.ndarray, float)) and isinstance(want, (np.ndarray, float))
            and np.shape(got) == np.shape(want))


def _telling_entry(got, want):
    """The entry where got and want differ most: (index, got entry, want entry)."""
    got = np.asarray(got, dtype=float)
    want = np.asarray(want, dtype=float)
    with np.errstate(all="ignore"):
        difference = np.nan_to_num(np.abs(got - want), nan=np.inf)
    index = np.unravel_index(int(np.argmax(difference)), difference.shape) if got.ndim else ()
    return tuple(int(i) for i in index), float(got[index]), float(want[index])
