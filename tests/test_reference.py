"""Does the reference get full marks and no hints, on every seed we try?"""

import pytest

from autograder.grading.grader import grade_path
from tests.conftest import REFERENCE


@pytest.mark.parametrize("seed", [0, 1, 2, 99, 123456])
def test_reference_gets_full_marks_and_no_hints(seed):
    result = grade_path(REFERENCE, seed)
    assert result.error is None
    assert result.score == result.max_score == 10
    for exercise in result.exercises:
        assert exercise.passed and exercise.hints == [] and exercise.mistakes == []
    assert result.grader_errors == []
