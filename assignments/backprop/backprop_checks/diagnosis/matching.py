"""Find the catalogued mistakes whose wrong implementations reproduce what a student returned.

A mistake is named only when its mutant gives the student's outcome on every call of the
exercise (every design, every layer) and differs from the reference on at least one: a match on
several designs is what makes the name trustworthy (docs/architecture.md, "What a hint
may claim").
"""

import copy
from dataclasses import dataclass

import numpy as np

from ..decoding import Opaque
from .catalogue import mistakes_for


@dataclass(frozen=True)
class MutantOutcome:
    """What a mutant did on one call: returned a value, or raised (type and message)."""

    raised: bool
    value: object = None
    error_type: str = ""
    message: str = ""


def run_mutant(implementation, args) -> MutantOutcome:
    """Run a mutant on copies of the call's arguments, catching what it raises."""
    try:
        with np.errstate(all="ignore"):
            value = implementation(*copy.deepcopy(args))
    except Exception as error:  # a mutant raises exactly what the student's code would
        return MutantOutcome(True, error_type=type(error).__name__, message=str(error))
    return MutantOutcome(False, value=value)


def mutant_outcome(mistake_id, call):
    """The mutant's outcome on `call`, from the call's mutant_outcomes (stored in the student
    bundle, computed on demand by the grader), or None when the mistake has no mutant."""
    if call.mutant_outcomes is None:
        return None
    return call.mutant_outcomes.get(mistake_id)


def find_matching_mistakes(exercise, calls, outcomes, settings) -> list:
    """[(mistake, first call where it shows)] for every mutant that reproduces the outcomes."""
    matches = []
    for mistake in mistakes_for(exercise):
        shown_on = None
        for call, outcome in zip(calls, outcomes):
            found = mutant_outcome(mistake.id, call)
            if found is None or not outcome_matches(outcome, found, settings):
                break
            if shown_on is None and (found.raised
                                     or not same_value(found.value, call.expected, settings)):
                shown_on = call
        else:
            if shown_on is not None:
                matches.append((mistake, shown_on))
    return matches


def outcome_matches(outcome, mutant_outcome: MutantOutcome, settings) -> bool:
    """True when the student's call did what the mutant did: same value, or same error."""
    if mutant_outcome.raised:
        return (outcome.status == "raised"
                and outcome.error.get("type") == mutant_outcome.error_type
                and outcome.error.get("message") == mutant_outcome.message)
    return outcome.status == "returned" and same_value(outcome.value, mutant_outcome.value,
                                                       settings)


def same_value(got, want, settings) -> bool:
    """Structural equality with the value tolerances: shapes, types and entries."""
    if isinstance(got, Opaque) or isinstance(want, Opaque):
        return isinstance(got, Opaque) and isinstance(want, Opaque) and got == want
    if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        if type(got) is not np.ndarray or type(want) is not np.ndarray:
            return False
        if got.shape != want.shape or (got.dtype.kind == "f") != (want.dtype.kind == "f"):
            return False
        with np.errstate(all="ignore"):
            return bool(np.all(np.isclose(got, want, rtol=settings.value_rtol,
                                          atol=settings.value_atol, equal_nan=True)))
    if isinstance(want, dict):
        return (isinstance(got, dict) and set(got) == set(want)
                and all(same_value(got[key], want[key], settings) for key in want))
    if isinstance(want, (list, tuple)):
        return (isinstance(got, (list, tuple)) and type(got) is type(want)
                and len(got) == len(want)
                and all(same_value(g, w, settings) for g, w in zip(got, want)))
    if isinstance(want, float) and isinstance(got, float):
        return bool(np.isclose(got, want, rtol=settings.value_rtol, atol=settings.value_atol,
                               equal_nan=True))
    return type(got) is type(want) and bool(got == want)
