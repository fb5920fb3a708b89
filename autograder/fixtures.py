"""Stored cases: the grader's inputs, the reference's answers and the mutants' outcomes, as data.

The student bundle checks a student's functions in their own kernel from these fixtures, so it
needs neither the reference nor the mutants: only numbers. The file is one .npz read with
pickling off: a JSON manifest (an array of one string) plus the arrays it refers to, in the
same encoding the sandbox uses for returned values.
"""

import json

import numpy as np

from autograder.designs import DESIGNS_BY_NAME, Call
from autograder.diagnosis.matching import MutantOutcome
from autograder.sandbox.protocol import decode_value
from autograder.sandbox.worker import encode

FORMAT_VERSION = 1


def write_fixtures(path, seed: int) -> None:
    """Compute every graded function's calls at `seed`, with what each mutant does on them."""
    from autograder.cases import make_calls
    from autograder.diagnosis.catalogue import mistakes_for
    from autograder.diagnosis.matching import run_mutant
    from autograder.diagnosis.mutants import MUTANTS
    from autograder.gradient_check import numerical_gradient
    from autograder.settings import Settings
    from autograder.student_api import GRADED_NAMES

    settings = Settings()
    arrays = []
    exercises = {}
    for name in GRADED_NAMES:
        stored = []
        for call in make_calls(name, seed):
            mutants = {}
            for mistake in mistakes_for(name):
                if mistake.id in MUTANTS:
                    outcome = run_mutant(MUTANTS[mistake.id][1], call.args)
                    mutants[mistake.id] = (
                        {"raised": True, "type": outcome.error_type, "message": outcome.message}
                        if outcome.raised else {"raised": False,
                                                "value": encode(outcome.value, arrays)})
            entry = {"design": call.design.name, "label": call.label, "seed": call.seed,
                     "args": encode(list(call.args), arrays),
                     "expected": encode(call.expected, arrays),
                     "network": encode(call.network, arrays), "mutants": mutants}
            if name == "backward_propagation":
                parameters, _, X, Y = call.args
                entry["numeric_gradient"] = encode(
                    numerical_gradient(parameters, X, Y, settings.grad_check_epsilon), arrays)
            stored.append(entry)
        exercises[name] = stored
    manifest = {"format": FORMAT_VERSION, "seed": seed, "exercises": exercises}
    np.savez_compressed(path, manifest=np.array(json.dumps(manifest)),
                        **{f"a{i}": array for i, array in enumerate(arrays)})


def load_calls(path) -> dict:
    """Exercise name -> [Call], rebuilt from a fixtures file, mutant outcomes included."""
    with np.load(path, allow_pickle=False) as data:
        manifest = json.loads(str(data["manifest"]))
        arrays = [data[f"a{i}"] for i in range(len(data.files) - 1)]
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
