"""The formulas behind diagnosis/composition.py's forms: each catalogued choice of each axis.

Instructor-only, like mutants.py: a form with no mistake is the reference, so this module is
never shipped (the student bundle stores the forms' outcomes on its fixed inputs instead).
`run_form(exercise, key, args)` builds one combination and runs it on copies of the arguments.
"""

import numpy as np

from autograder.judge.diagnosis.composition import AXES


def run_form(exercise: str, key: str, args):
    """The outcome (diagnosis.matching.MutantOutcome) of form `key` on `args`."""
    from autograder.judge.diagnosis.matching import run_mutant

    choice = _choice(exercise, key)
    build = _BUILDERS[exercise]
    return run_mutant(lambda *copies: build(choice, *copies), args)


def form_steps(exercise: str, key: str, args):
    """The outcome of form `key` whose value is {axis: the value that axis's step gives}: where
    in a student's trace each of its mistakes shows (the cost has no steps to show)."""
    from autograder.judge.diagnosis.matching import MutantOutcome, run_mutant

    choice = _choice(exercise, key)
    steps = {}
    choice["_steps"] = steps
    outcome = run_mutant(lambda *copies: _BUILDERS[exercise](choice, *copies), args)
    if outcome.raised:
        return outcome
    return MutantOutcome(False, value={axis: value for axis, value in steps.items()
                                       if isinstance(value, np.ndarray)})


def _choice(exercise: str, key: str) -> dict:
    """Axis -> the choice the key makes on it (a catalogue id, maybe with a variant), or None."""
    chosen = set(key.split("+"))
    return {axis: next((option for option in options if option in chosen), None)
            for axis, options in AXES[exercise]}


def _note(choice, **values):
    """Keep a step's value, when form_steps asks for them."""
    if "_steps" in choice:
        choice["_steps"].update(values)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _cost(choice, A2, Y):
    m = Y.shape[1]
    n_y = Y.shape[0]
    log = np.log10 if choice["log"] else np.log
    Y = Y.astype(float)
    positive, negative = Y, 1 - Y
    keep_positive = choice["terms"] != "C12"
    keep_negative = choice["terms"] != "C3"
    if choice["product"] == "C11":      # np.dot(Y, log(A2).T): (n_y, n_y), a float only if n_y = 1
        total = (np.dot(positive, log(A2).T) if keep_positive else 0) \
            + (np.dot(negative, log(1 - A2).T) if keep_negative else 0)
    elif choice["product"] == "C14":    # summed over the examples only: one value per unit
        total = (np.sum(positive * log(A2), axis=1) if keep_positive else 0) \
            + (np.sum(negative * log(1 - A2), axis=1) if keep_negative else 0)
    elif choice["product"] == "C13":    # the whole (n_y, n_y) table added up
        total = (np.sum(np.dot(positive, log(A2).T)) if keep_positive else 0) \
            + (np.sum(np.dot(negative, log(1 - A2).T)) if keep_negative else 0)
    elif choice["product"] == "C5":     # every label paired with every output
        total = (np.sum(np.dot(positive.T, log(A2))) if keep_positive else 0) \
            + (np.sum(np.dot(negative.T, log(1 - A2))) if keep_negative else 0)
    else:
        total = (np.sum(positive * log(A2)) if keep_positive else 0) \
            + (np.sum(negative * log(1 - A2)) if keep_negative else 0)
    scale = {None: 1 / m, "C2": 1.0, "C10": 1 / (n_y * m)}[choice["scale"]]
    sign = 1.0 if choice["sign"] else -1.0
    cost = sign * scale * total
    if isinstance(cost, np.ndarray) and (cost.size > 1 or choice["product"] == "C14"):
        return cost
    return float(np.squeeze(cost))


def _dz2(choice, A2, Y):
    m = Y.shape[1]
    error = {None: A2 - Y, "B28": Y - A2, "B29": (A2 - Y) * A2 * (1 - A2)}[choice["error"]]
    result = error / m if choice["scale"] else error
    _note(choice, error=error, scale=result)
    return result


def _dz1(choice, dZ2, W2, Z1, A1):
    m = A1.shape[1]
    upstream = {None: lambda: np.dot(W2.T, dZ2), "B1": lambda: W2.T * dZ2,
                "B31": lambda: np.dot(W2, dZ2), "B30": lambda: None}[choice["upstream"]]()
    derivative = {
        None: lambda: 1 - A1 ** 2, "B4": lambda: 1 - Z1 ** 2, "B32": lambda: 1 - A1,
        "B6": lambda: A1 * (1 - A1), "B7": lambda: None, "B8": lambda: A1 ** 2,
        "B12": lambda: 1 - np.tanh(A1) ** 2, "B9": lambda: A1,
        "B11": lambda: _sigmoid(A1) * (1 - _sigmoid(A1)),
    }[choice["derivative"]]()
    if upstream is None:
        result = derivative
    elif derivative is None:
        result = upstream
    elif choice["join"] == "B2/t":      # the matrix product made to fit with a transpose
        result = np.dot(upstream, derivative.T)
    elif choice["join"]:
        result = np.dot(upstream, derivative)
    else:
        result = upstream * derivative
    final = result / m if choice["scale"] else result
    _note(choice, upstream=upstream, derivative=derivative, join=result, scale=final)
    return final


def _dw(choice, dZ, A_prev):
    m = A_prev.shape[1]
    product = {None: lambda: np.dot(dZ, A_prev.T), "B17": lambda: np.dot(A_prev, dZ.T),
               "B16": lambda: np.dot(dZ, A_prev), "B18": lambda: dZ * A_prev.T}[choice["product"]]()
    divisor = {None: m, "B26": 1, "B33": m * m, "B27": A_prev.shape[0], "B37": 400}[choice["scale"]]
    _note(choice, product=product, scale=product / divisor)
    return product / divisor


def _db(choice, dZ):
    m = dZ.shape[1]
    keep = not choice["keepdims"]
    summed = {None: lambda: np.sum(dZ, axis=1, keepdims=keep),
              "B20": lambda: np.sum(dZ, axis=0, keepdims=keep),
              "B21": lambda: np.sum(dZ), "B22": lambda: dZ.copy()}[choice["axis"]]()
    divisor = {None: m, "B34": 1, "B23": m * m, "B38": dZ.shape[0]}[choice["scale"]]
    _note(choice, axis=summed, keepdims=summed, scale=summed / divisor)
    return summed / divisor


def _forward(choice, X, parameters):
    W1, b1, W2, b2 = (parameters[key] for key in ("W1", "b1", "W2", "b2"))
    weights = W1.T if choice["Z1"] == "F2" else W1
    Z1 = np.dot(weights, X) + (0 if choice["Z1"] == "F15" else b1)
    A1 = {None: np.tanh, "F3": _sigmoid, "F12": lambda z: np.maximum(z, 0),
          "F13": lambda z: z.copy()}[choice["A1"]](Z1)
    fed = Z1 if choice["Z2"] == "F14" else A1
    Z2 = np.dot(W2, fed) + (0 if choice["Z2"] == "F16" else b2)
    A2 = {None: _sigmoid, "F4": np.tanh, "F18": lambda z: z.copy(),
          "F8": lambda z: 1 / (1 + np.exp(z))}[choice["A2"]](Z2)
    _note(choice, Z1=Z1, A1=A1, Z2=Z2, A2=A2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


_BUILDERS = {"compute_cost": _cost, "compute_dZ2": _dz2, "compute_dZ1": _dz1,
             "compute_dW": _dw, "compute_db": _db, "forward_propagation": _forward}


def right_steps(exercise: str, args) -> dict:
    """The right intermediate values of `exercise` on `args`, by what they are, so that the
    diagnosis can say how far a student's code is confirmed."""
    with np.errstate(all="ignore"):
        if exercise == "compute_dZ1":
            dZ2, W2, Z1, A1 = args
            return {"W2ᵀ·dZ2": np.dot(W2.T, dZ2), "tanh'(Z1) = 1 - A1²": 1 - A1 ** 2}
        if exercise == "compute_dW":
            dZ, A_prev = args
            return {"the sum over the examples, dZ·A_prevᵀ": np.dot(dZ, A_prev.T)}
        if exercise == "compute_db":
            (dZ,) = args
            return {"the sum over the examples": np.sum(dZ, axis=1, keepdims=True)}
        if exercise == "compute_cost":
            A2, Y = args
            return {"the loss of every entry": Y * np.log(A2) + (1 - Y) * np.log(1 - A2),
                    "log A2": np.log(A2), "log(1 - A2)": np.log(1 - A2)}
        if exercise == "forward_propagation":
            X, parameters = args
            A2, cache = _forward({"Z1": None, "A1": None, "Z2": None, "A2": None}, X,
                                 parameters)  # every step the right one
            return {f"{key}": value for key, value in cache.items()}
    return {}
