"""Does code that is right but written differently get full marks and not a single hint?

Each file in tests/files/correct/ is a whole submission, correct, written the way real students
write it (np.dot or @ or einsum, loops, np.mean, reshape instead of keepdims, tanh' from Z1,
helpers, prints, a __main__ block, ...). A hint on any of them would be a false accusation.
"""

import json
from pathlib import Path

import pytest

from autograder.grading.grader import grade_path
from tests.conftest import FILES, run_subprocess

CORRECT = sorted((FILES / "correct").glob("*.py"))


def test_there_are_at_least_ten_correct_variants():
    assert len(CORRECT) >= 10


@pytest.mark.parametrize("path", CORRECT, ids=lambda path: path.stem)
@pytest.mark.parametrize("seed", [0, 1, 31337])
def test_correct_variant_gets_full_marks_and_no_hints(path: Path, seed):
    result = grade_path(path, seed)
    assert result.error is None
    for exercise in result.exercises:
        assert exercise.passed, (exercise.name, exercise.hints)
        assert exercise.hints == [] and exercise.mistakes == []
    assert result.score == result.max_score


@pytest.mark.slow
def test_correct_variant_through_the_real_command():
    completed = run_subprocess("grade", FILES / "correct" / "explicit_loops.py", "--json")
    assert completed.returncode == 0
    report = json.loads(completed.stdout)
    assert report["score"] == report["max_score"]
    assert all(exercise["hints"] == [] for exercise in report["exercises"])
