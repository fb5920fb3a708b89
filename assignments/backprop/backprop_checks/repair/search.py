"""The repair search: the fewest edits to a failed function that make it pass every check.

Each candidate is the student's own function (and the helpers of their own it calls) with one,
two or, while time is left, three edits (edits.py). A runner calls it on the graded calls'
inputs: the sandbox's worker in the grader, the student's own kernel in the notebook; here
nothing runs student code. A candidate is a repair only when every call passes every check the
grader makes (values, shapes, types, inputs unchanged, and for backward_propagation the
gradient check), so a hint worded from a repair states only what running it proved.

Cheap first: every single edit runs on one failing call; only those that pass it run on the
others. Pairs (then triples) are built from the single edits that brought that call closer
to right, so the search stays within its time budget (Settings.repair_budget_s).
"""

import time
from dataclasses import dataclass, field
from itertools import combinations

from ..checks import check_call
from ..student_api import GRADED_NAMES
from .edits import EDIT_COST, KIND_ORDER, candidate_edits, find_function, helpers_called

M_PARAMETER = {"forward_propagation": 0, "compute_cost": 1, "compute_dZ2": 1, "compute_dZ1": 0,
               "compute_dW": 1, "compute_db": 0, "backward_propagation": 2}
"""The parameter whose shape[1] is m, by position, when the function names no m of its own."""
PAIR_POOL = 14
"""Single edits kept to build pairs from: those that bring the failing call closest."""
TRIPLE_POOL = 7


@dataclass
class Repair:
    """The fewest verified edits that make a function pass, and any others as small."""

    edits: tuple
    functions: dict
    """Function name -> edits.FunctionSource, for quoting lines."""
    alternatives: list = field(default_factory=list)
    """Other repairs with as many edits, of other kinds: where they disagree, the hint says
    only what they share."""
    tried: int = 0
    """Candidates run, for the bench."""

    @property
    def kinds(self) -> tuple:
        return tuple(sorted(edit.kind for edit in self.edits))

    @property
    def concepts(self) -> tuple:
        """The ideas the edits stand for: np.mean for np.sum is a scale of m, a transpose
        added or taken out is one idea."""
        return tuple(sorted(concept_of(edit) for edit in self.edits))

    @property
    def agreed(self) -> bool:
        """True when every repair as small as this one stands for the same ideas (maybe on
        other lines): the concept it names is then established."""
        return all(alt.concepts == self.concepts for alt in self.alternatives)

    @property
    def lines(self) -> tuple:
        return tuple(sorted({(edit.function, edit.span[0]) for edit in self.edits}))


@dataclass
class Search:
    """Outcome of one search, kept for the bench even when it found nothing."""

    repair: Repair = None
    tried: int = 0
    seconds: float = 0.0
    exhausted: bool = False
    """True when every candidate up to the largest size was run (no time ran out)."""
    probe: int = 0
    """The failing call every candidate ran on first, whose numbers the hint quotes."""


def search_repair(exercise, calls, outcomes, cells, runner, settings, budget_s) -> Search:
    """The smallest repair of `exercise` within `budget_s` seconds, in a Search.

    cells: the submission's [(cell, source)]. runner(requests, deadline): requests are
    (sources, call index) pairs, sources {function name: source text}; it returns one
    CallOutcome (or None, not run) per request, stopping at the deadline.
    """
    started = time.monotonic()
    deadline = started + budget_s
    search = Search()
    graded = find_function(cells, exercise)
    if graded is None:
        return search
    functions = {exercise: graded}
    for helper in helpers_called(graded, cells, skip=GRADED_NAMES):
        functions[helper.name] = helper
    m_parameter = M_PARAMETER.get(exercise)
    singles = []
    for function in functions.values():
        singles.extend(candidate_edits(function, exercise,
                                       m_parameter if function is graded else None))
    singles.sort(key=_kind_rank)
    failing = [i for i, (call, outcome) in enumerate(zip(calls, outcomes))
               if _penalty(call, outcome, settings, exercise) > 0]
    if not failing or not singles:
        return search
    probe = search.probe = failing[0]
    original = _penalty(calls[probe], outcomes[probe], settings, exercise)

    def sources_of(edits):
        return {name: function.source_with([e for e in edits if e.function == name])
                for name, function in functions.items()}

    def run(candidates):
        """Penalties on the probe call of each candidate (None: not run in time)."""
        requests = [(sources_of(edits), probe) for edits in candidates]
        results = runner(requests, deadline)
        search.tried += sum(1 for r in results if r is not None)
        return [None if r is None else _penalty(calls[probe], r, settings, exercise)
                for r in results]

    def verified(candidates):
        """The candidates that pass every call (probe passed already)."""
        others = [i for i in range(len(calls)) if i != probe]
        passing = []
        for edits in candidates:
            requests = [(sources_of(edits), i) for i in others]
            results = runner(requests, deadline)
            if all(r is not None and _penalty(calls[i], r, settings, exercise) == 0
                   for r, i in zip(results, others)):
                passing.append(edits)
        return passing

    scored = []
    for size in (1, 2, 3):
        if size > 1:
            pool_size = PAIR_POOL if size == 2 else TRIPLE_POOL
            pool = [edits[0] for edits, penalty in scored[:pool_size]]
            candidates = [combo for combo in combinations(pool, size)
                          if not any(a.overlaps(b) for a, b in combinations(combo, 2))]
            if not candidates:
                break
        else:
            candidates = [(edit,) for edit in singles]
        penalties = run(candidates)
        complete = all(p is not None for p in penalties)
        passed = [c for c, p in zip(candidates, penalties) if p == 0]
        repairs = verified(passed)
        if repairs:
            repairs.sort(key=lambda edits: (_cost(edits), sorted(_kind_rank(e) for e in edits)))
            repairs = [r for r in repairs if _cost(r) == _cost(repairs[0])]
            best = repairs[0]
            search.repair = Repair(best, functions,
                                   [Repair(r, functions) for r in repairs[1:]])
            search.repair.tried = search.tried
            break
        if size == 1:
            # closer than the student's own code, closest first: what pairs are built from
            scored = sorted(((c, p) for c, p in zip(candidates, penalties)
                             if p is not None and p < original), key=lambda item: item[1])
        if not complete or time.monotonic() >= deadline:
            break
    else:
        search.exhausted = True
    search.seconds = time.monotonic() - started
    return search


def concept_of(edit) -> str:
    """The idea an edit stands for, one name for kinds that say the same."""
    if edit.kind == "family" and {edit.detail.get("wrong"), edit.detail.get("right")} == \
            {"sum", "mean"}:
        return "scale"
    if edit.kind == "family" and edit.detail.get("right") in ("dot", "multiply", "matmul"):
        return "product-kind"
    if edit.kind.startswith("transpose"):
        return "transpose"
    if edit.kind == "name-swap" and edit.detail.get("in_call"):
        return "argument-order"  # what a call is given: swapped, or one of them another array
    return edit.kind


def _cost(edits) -> int:
    return sum(EDIT_COST.get(edit.kind, 1) for edit in edits)


def _kind_rank(edit) -> int:
    return KIND_ORDER.index(edit.kind) if edit.kind in KIND_ORDER else len(KIND_ORDER)


def _penalty(call, outcome, settings, exercise) -> float:
    """0 when the call passes every check; otherwise larger the further it is from right: one
    per failed check, plus, for each wrong value, the share of its wrong entries and its
    relative error (each squeezed into [0, 1))."""
    if outcome is None:
        return float("inf")
    findings = check_call(call, outcome, settings)
    if exercise == "backward_propagation" and not findings:
        from ..verdict import gradient_findings

        findings = gradient_findings(call, outcome, settings)
    if not findings:
        return 0.0
    total = 0.0
    for finding in findings:
        if finding.kind in ("raised", "timeout", "crashed", "not_implemented"):
            return 100.0
        if finding.kind == "values":
            total += 1 + _wrong_share(finding.got, finding.want, settings)
        elif finding.kind == "mutated":
            total += 1
        else:
            total += 3
    return total


def _wrong_share(got, want, settings) -> float:
    import numpy as np

    try:
        got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
        if got.shape != want.shape or not want.size:
            return 1.0
        close = np.isclose(got, want, rtol=settings.value_rtol, atol=settings.value_atol)
        error = float(np.linalg.norm(got - want) / (np.linalg.norm(want) + 1e-12))
        error = error / (1 + error) if np.isfinite(error) else 1.0
        return float(1 - close.mean()) / 2 + error / 2
    except (TypeError, ValueError):
        return 1.0


__all__ = ["Repair", "Search", "search_repair"]
