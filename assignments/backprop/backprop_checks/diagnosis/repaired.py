"""Hints from a verified repair, and how they stand beside the catalogue's.

When the diagnosis chain has spoken, the repair search (judge/repair/) looks for the fewest
edits to the student's own function that make it pass. What it finds is evidence, not a guess:
- where the chain named no mistake (a shape, a value nothing explains, an exception), the
  repair's sentences replace its hints;
- where the catalogue named one and the repair agrees, the catalogue's text stays, with the
  line the repair found and the repair's higher rungs;
- where they disagree, the verified repair wins: a hint that a repair contradicts is a bug.
Calls that did not finish, parameters that are not the assignment's and mistakes inherited from
another function come before any repair, and keep their hints.
"""

from ..repair.wording import R_PREFIX, edit_sentences
from ..wording import at_place
from .catalogue import MISTAKES_BY_ID
from .hint import Hint

BEFORE_ANY_REPAIR = ("_stopped", "_parameters", "_inherited")
"""Steps whose hints a repair never replaces: the function could not be judged, or is wrong
only because another one is."""

CATALOGUE_KINDS = {
    "B1": "product-kind family", "B31": "transpose-add", "B2": "product-kind family",
    "B4": "derivative name-swap", "B32": "derivative precedence", "B6": "derivative",
    "B7": "derivative", "B13": "name-swap", "B14": "name-swap", "B39": "name-swap",
    "B40": "name-swap", "B35": "name-swap", "B36": "name-swap argument-order",
    "B16": "transpose-add transpose-remove", "B17": "argument-order transpose-add",
    "B18": "product-kind family", "B19": "keepdims axis wrapper", "B20": "axis",
    "B21": "axis keepdims", "B23": "family scale", "B24": "scale", "B25": "scale",
    "B26": "scale", "B33": "scale family", "B34": "scale", "B27": "shape-axis",
    "B37": "shape-axis scale name-swap", "B28": "sign", "B29": "derivative extra-term",
    "B30": "derivative", "B8": "derivative", "B9": "derivative family", "B11": "derivative",
    "B12": "derivative family name-swap", "B38": "shape-axis", "C1": "sign", "C2": "scale",
    "C3": "missing-term", "C4": "transpose-add transpose-remove",
    "C5": "transpose-add transpose-remove", "C7": "wrapper keepdims axis", "C9": "family",
    "C10": "family scale axis", "C11": "transpose-add transpose-remove product-kind",
    "C14": "axis", "C12": "missing-term log-term", "F1": "product-kind family",
    "F2": "transpose-add transpose-remove", "F3": "family", "F4": "family", "F8": "sign",
    "F12": "family", "F13": "family", "F14": "name-swap", "F17": "name-swap",
    "F18": "family", "U1": "in-place", "U14": "name-fix", "U15": "name-swap",
    "U16": "argument-order", "U17": "family name-fix",
    # a name no line assigns is a template step left empty, unless numpy has it: a repair
    # that reaches numpy's name says more than the template's words
    "U12": "none",
    # signatures that say what is wrong, not only that it is
    "S-transposed": "transpose-add transpose-remove", "S-factor": "scale family",
    "S-sign": "sign", "S-non-finite": "*",
}
"""Catalogue id or signature -> the kinds of edit that undo its mistake ('*': any). A repair of
none of these kinds disagrees with the entry; a catalogue entry not listed here disagrees with
no repair, and a signature not listed here (a shape, a value nothing explains) gives way to
any repair."""


def with_repair(d, step: str, hints: list) -> list:
    """`hints` from step `step`, confirmed, replaced or left as they are by the repair."""
    if d.repairer is None or not step or step in BEFORE_ANY_REPAIR:
        return hints
    search = d.repair_search()
    repair = search.repair if search is not None else None
    if repair is None:
        return hints
    repaired = repair_hints(d, search)
    if _agrees(hints, repair):
        return [_confirmed(hint, repair, repaired) for hint in hints]
    return repaired


def _agrees(hints, repair) -> bool:
    """Whether every hint names a mistake (a catalogue id, or a signature that says what is
    wrong) that the repair undoes: then the hints' own words stay."""
    kinds = set(repair.kinds) | set(repair.concepts)
    if not repair.agreed:  # repairs as small that disagree: the hint may be any one's
        for other in repair.alternatives:
            kinds |= set(other.kinds) | set(other.concepts)
    for hint in hints:
        named = CATALOGUE_KINDS.get(hint.mistake)
        if hint.mistake in MISTAKES_BY_ID:
            if named is not None and named != "*" and not kinds & set(named.split()):
                return False
        elif named is None or (named != "*" and not kinds & set(named.split())):
            return False
    return bool(hints)


def _confirmed(hint: Hint, repair, repaired: list) -> Hint:
    """The catalogue's hint, with the line the repair changes when the hint does not quote it,
    and the repair's higher rungs."""
    text = hint.text
    places = []
    for function_name, line in repair.lines:
        function = repair.functions[function_name]
        code = function.line(line)
        if code and code not in text:
            quoted = f" (`{code}`)" if "{" not in code else ""
            places.append(f"{at_place(function.cell, line)}{quoted}")
    if places:
        text = f"{text} A change {' and '.join(places)} alone makes every check pass."
    if not repair.agreed:
        return Hint(text, hint.mistake, hint.anchor, hint.more, hint.fix)
    return Hint(text, hint.mistake, hint.anchor, hint.more or repaired[0].more,
                hint.fix or " ".join(h.fix for h in repaired if h.fix))


def repair_hints(d, search) -> list:
    """One hint per edit of the repair, or, when repairs as small disagree, one hint naming
    only what they share."""
    repair = search.repair
    call = d.calls[search.probe]
    traces = d.traces() if d.tracer else []
    trace = traces[search.probe] if search.probe < len(traces) else None

    def numbers(span):
        if trace is None:
            return None
        for record in trace.records:
            node = record.node
            if (node.line, node.col, node.end_line, node.end_col) == tuple(span):
                return record.value
        return None

    if not repair.agreed:
        return [_shared_hint(d, repair)]
    hints, told = [], set()
    for edit in sorted(repair.edits, key=lambda e: (e.function != d.exercise, e.span)):
        if (edit.function, edit.span[0], edit.kind) in told:
            continue  # one sentence for one idea on one line (np.log2 twice in one line)
        told.add((edit.function, edit.span[0], edit.kind))
        first, more, fix, anchor = edit_sentences(edit, repair.functions, d.exercise, numbers,
                                                  call.design.m, call.where, repair.edits)
        hints.append(Hint(first, R_PREFIX + edit.kind, anchor, more, fix))
    return hints


def _shared_hint(d, repair) -> Hint:
    """What every repair as small as the best shares: the lines they change."""
    shared = set(repair.lines)
    for other in repair.alternatives:
        shared &= set(other.lines)
    functions = repair.functions
    if shared:
        places = []
        for name, line in sorted(shared):
            function = functions[name]
            places.append(f"{at_place(function.cell, line)}, `{function.line(line)}`")
        where = " and ".join(places)
        return Hint(f"Your {d.exercise} goes wrong {where}: a change there alone makes every "
                    "check pass, but changes of more than one kind do, so the grader cannot "
                    "say which idea is off. Compare that line with the derivation.",
                    R_PREFIX + "line", "")
    return Hint(f"Your {d.exercise} can be made to pass by small changes in more than one place, "
                "so the grader cannot say where it goes wrong; compare each step with the "
                "derivation.", R_PREFIX + "ambiguous", "")


__all__ = ["with_repair", "repair_hints"]
