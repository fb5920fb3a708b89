"""Read stored cases: the grader's inputs, the reference's answers and the mutants' outcomes.

The student bundle checks a student's functions in their own kernel from these fixtures, so it
needs neither the reference nor the mutants: only numbers. The file is one .npz read with
pickling off: a JSON manifest (an array of one string) plus the arrays it refers to, in the
same encoding the sandbox uses for returned values.
"""

import json

import numpy as np

from .decoding import decode_value
from .designs import DESIGNS_BY_NAME, Call
from .diagnosis.catalogue import Mistake, add_course_mistakes, course_mistakes
from .diagnosis.matching import MutantOutcome

FORMAT_VERSION = 1
"""Written by autograder/release/fixture_writer.py (which needs the reference: not shipped)."""


def load_calls(path) -> dict:
    """Exercise name -> [Call], rebuilt from a fixtures file, mutant outcomes included.

    A release made with a course catalogue stores that catalogue's entries too (their text, not
    their wrong implementations, whose outcomes are stored like the kit's): they join the
    catalogue here, so that the checks name them."""
    with np.load(path, allow_pickle=False) as data:
        manifest = json.loads(str(data["manifest"]))
        arrays = [data[f"a{i}"] for i in range(len(data.files) - 1)]
    known = {mistake.id for mistake in course_mistakes()}
    add_course_mistakes(Mistake(**entry) for entry in manifest.get("course_mistakes", [])
                        if entry["id"] not in known)
    calls = {}
    for name, entries in manifest["exercises"].items():
        calls[name] = [_call(name, entry, arrays) for entry in entries]
    return calls


def _call(name, entry, arrays) -> Call:
    mutants = {}
    for mistake_id, outcome in entry["mutants"].items():
        mutants[mistake_id] = (
            MutantOutcome(True, error_type=outcome["type"], message=outcome["message"])
            if outcome["raised"] else MutantOutcome(False, decode_value(outcome["value"], arrays)))
    numeric = entry.get("numeric_gradient")
    return Call(name, DESIGNS_BY_NAME[entry["design"]], entry["label"],
                tuple(decode_value(entry["args"], arrays)), decode_value(entry["expected"], arrays),
                entry["seed"], decode_value(entry["network"], arrays), mutants,
                decode_value(numeric, arrays) if numeric else None)
