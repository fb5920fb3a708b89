"""Does every catalogued mistake, applied to the reference, get its own hint on its own function?

Each test builds a whole submission: the reference with one graded function replaced by the
mistake's wrong implementation (answers/mutants.py), and grades it through the sandbox like a
student's file.
"""

import inspect
import re
import string

import pytest

from autograder.answers.cases import make_calls
from autograder.answers.mutants import MUTANTS
from autograder.grading.grader import COMPONENTS, grade_path
from autograder.judge.diagnosis.catalogue import MISTAKES, MISTAKES_BY_ID, SECTIONS
from autograder.judge.diagnosis.context import FIELDS, hint_context
from autograder.judge.student_api import GRADED_NAMES
from tests.conftest import REFERENCE

CATALOGUE_IDS = [mistake.id for mistake in MISTAKES]


def submission_source(mistake_id: str) -> str:
    """The reference source with the mutant's function in place of the right one."""
    function, implementation = MUTANTS[mistake_id]
    mutant_source = inspect.getsource(implementation)
    mutant_source = re.sub(r"^@mutant\(.*\)\n", "", mutant_source, flags=re.MULTILINE)
    mutant_source = re.sub(r"^def \w+\(", f"def {function}(", mutant_source, count=1)
    mutant_source = mutant_source.replace("ref.", "")
    reference = REFERENCE.read_text()
    pattern = re.compile(rf"^def {function}\(.*?(?=^def |^# Provided)", re.DOTALL | re.MULTILINE)
    replaced, count = pattern.subn(lambda match: mutant_source + "\n\n", reference)
    assert count == 1
    return replaced


@pytest.mark.parametrize("mistake_id", CATALOGUE_IDS)
def test_mutant_fails_its_function_with_its_own_hint(mistake_id, tmp_path):
    function, _ = MUTANTS[mistake_id]
    path = tmp_path / "submission.py"
    path.write_text(submission_source(mistake_id))
    result = grade_path(path, seed=20261124)
    by_name = {exercise.name: exercise for exercise in result.exercises}
    assert result.error is None

    graded = by_name[function]
    assert not graded.passed
    assert graded.mistakes[0] == mistake_id, graded.hints
    assert graded.hints[0].endswith(f"[{mistake_id}]")
    assert "{" not in graded.hints[0] and "Traceback" not in graded.hints[0]
    # No field left empty: "keys: ." or "shape  where" would be a template that lost its value
    # (the student's own line, quoted between backticks, is left as it was written).
    words = re.sub(r"`[^`]*`", "CODE", graded.hints[0])
    assert ": ." not in words and "  " not in words, graded.hints[0]

    for name in GRADED_NAMES:
        if name == function:
            continue
        exercise = by_name[name]
        if name == "backward_propagation" and function in COMPONENTS:
            # backward_propagation is built from the component: it fails too, but points there
            # (or names the same mistake, when the component also changed backward's inputs).
            assert not exercise.passed
            assert exercise.mistakes[0] in ("S-inherited", mistake_id), exercise.hints
            if exercise.mistakes[0] == "S-inherited":
                assert function in exercise.hints[0]
        else:
            assert exercise.passed, (name, exercise.hints)
            assert exercise.hints == []


def test_catalogue_is_sound():
    assert len(CATALOGUE_IDS) == len(set(CATALOGUE_IDS)), "ids are unique"
    assert len({mistake.slug for mistake in MISTAKES}) == len(MISTAKES), "slugs are unique"
    assert len(MISTAKES) >= 25
    assert set(MUTANTS) == set(MISTAKES_BY_ID), "every entry has exactly one mutant"
    for mistake in MISTAKES:
        function, _ = MUTANTS[mistake.id]
        assert function in GRADED_NAMES
        assert mistake.function in (function, "*")
        assert mistake.anchor in SECTIONS


@pytest.mark.parametrize("mistake_id", CATALOGUE_IDS)
def test_hint_template_renders_with_known_fields_and_teaches(mistake_id):
    mistake = MISTAKES_BY_ID[mistake_id]
    names = {field for _, field, _, _ in string.Formatter().parse(mistake.hint) if field}
    assert names <= set(FIELDS), names - set(FIELDS)
    function, _ = MUTANTS[mistake_id]
    call = make_calls(function, 3)[0]
    text = mistake.hint.format(**hint_context(call, "dW1", ratio="5"))
    assert "{" not in text and "}" not in text
    # "Not implemented" is plain on purpose: no lecture for an empty stub.
    assert (60 if mistake_id == "U8" else 120) <= len(text) <= 500, len(text)
    for word in ("just ", "simply", "obviously", "you forgot", "!"):
        assert word not in text.lower()
    assert "np.dot(" not in text and "np.sum(" not in text, "never paste the answer"


def test_every_mutant_differs_from_the_reference_somewhere():
    from autograder.judge.diagnosis.matching import run_mutant, same_value
    from autograder.judge.settings import Settings

    for mistake_id, (function, implementation) in MUTANTS.items():
        if mistake_id == "U1":  # right values, but it changes its input in place
            continue
        outcomes = [run_mutant(implementation, call.args) for call in make_calls(function, 3)]
        calls = make_calls(function, 3)
        assert any(outcome.raised or not same_value(outcome.value, call.expected, Settings())
                   for outcome, call in zip(outcomes, calls)), mistake_id
