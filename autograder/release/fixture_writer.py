"""fixtures.npz: the inputs of the notebook's checks, and every answer the bundle may hold.

Computed with the reference and the catalogue's wrong implementations, which never ship: what
ships is their values on these fixed inputs. For each graded function and design: the inputs,
the expected outputs, the numerical gradients, and the outcome of every catalogued mistake and
every catalogued combination, with the value each of their steps gives (equal arrays stored
once).
"""

RELEASE_SEED = 20261124
"""The seed of the stored fixtures: the visible checks' inputs (the hidden tests draw new ones)."""


def write_fixtures(path, seed: int) -> None:
    """Compute every graded function's calls at `seed`, with what each mutant and each
    catalogued combination (answers/forms.py) does on them; save them to `path` (a file
    name, or a binary file)."""
    import dataclasses
    import json

    import numpy as np

    from autograder.answers.cases import make_calls
    from autograder.answers.forms import form_steps, run_form
    from autograder.answers.gradient_check import numerical_gradient
    from autograder.answers.mutants import MUTANTS
    from autograder.judge.diagnosis.catalogue import course_mistakes, mistakes_for
    from autograder.judge.diagnosis.composition import FORM_PREFIX, STEPS_PREFIX, form_keys
    from autograder.judge.diagnosis.matching import run_mutant
    from autograder.judge.encoding import encode
    from autograder.judge.fixtures import FORMAT_VERSION
    from autograder.judge.settings import Settings
    from autograder.judge.student_api import GRADED_NAMES

    settings = Settings()
    arrays = []
    exercises = {}
    for name in GRADED_NAMES:
        stored = []
        for call in make_calls(name, seed):
            mutants = {}
            wrong = [(mistake.id, lambda m=mistake.id: run_mutant(MUTANTS[m][1], call.args))
                     for mistake in mistakes_for(name) if mistake.id in MUTANTS]
            wrong += [(FORM_PREFIX + key, lambda key=key: run_form(name, key, call.args))
                      for key in form_keys(name)]
            wrong += [(STEPS_PREFIX + key, lambda key=key: form_steps(name, key, call.args))
                      for key in form_keys(name) if name != "compute_cost"]
            for key, run in wrong:
                outcome = run()
                mutants[key] = (
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
    if course_mistakes():
        manifest["course_mistakes"] = [dataclasses.asdict(m) for m in course_mistakes()]
    manifest, arrays = _shared_arrays(manifest, arrays)
    np.savez_compressed(path, manifest=np.array(json.dumps(manifest)),
                        **{f"a{i}": array for i, array in enumerate(arrays)})


def _shared_arrays(manifest, arrays):
    """The manifest with equal arrays stored once: many forms share a step's value."""
    import hashlib

    kept, index_of, remap = [], {}, {}
    for index, array in enumerate(arrays):
        key = (array.dtype.str, array.shape, hashlib.sha1(array.tobytes()).hexdigest())
        if key not in index_of:
            index_of[key] = len(kept)
            kept.append(array)
        remap[index] = index_of[key]

    def renumber(value):
        if isinstance(value, dict):
            if value.get("t") == "nd":
                return {"t": "nd", "i": remap[value["i"]]}
            return {key: renumber(item) for key, item in value.items()}
        if isinstance(value, list):
            return [renumber(item) for item in value]
        return value

    return renumber(manifest), kept
