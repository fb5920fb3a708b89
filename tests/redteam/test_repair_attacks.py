"""The repair search runs the student's code many more times than grading does (issue 18): a
submission that notices and floods, hangs or sleeps then must cost it only its hint, never its
grade, and never another student anything."""

import time

import pytest

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings

DB = "db = np.sum(dZ, axis=1, keepdims=True) / m"
ATTACKS = {
    # the graded calls come first: from the seventh call on, the code turns hostile
    "floods its replies": "np.zeros((2200, 2200))",
    "sleeps past every limit": "__import__('time').sleep(30)",
    "prints without end": "print('x' * 10**7)",
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_submission_hostile_to_its_candidates_keeps_its_grade(submission_with, attack):
    hostile = (f"calls = globals().setdefault('_calls', [0])\n    calls[0] += 1\n"
               f"    if calls[0] > 6:\n        return {ATTACKS[attack]}\n"
               f"    db = np.sum(dZ, axis=1, keepdims=True) // m")
    path = submission_with(DB, hostile)
    started = time.monotonic()
    result = grade_path(path, 3)
    took = time.monotonic() - started
    started = time.monotonic()
    off = grade_path(path, 3, Settings(repair_budget_s=0))
    took_without = time.monotonic() - started
    assert result.error is None, result.error
    assert {e.name: e.passed for e in result.exercises} == {e.name: e.passed
                                                            for e in off.exercises}
    db = {e.name: e for e in result.exercises}["compute_db"]
    assert not db.passed and db.hints and db.score == 0
    assert result.score == off.score < result.max_score
    # the search's own limits: what the submission costs beyond what the tracer and the
    # components' calls already spend on it (each within the submission's budget)
    assert took < took_without + 3, (took, took_without)
    assert len(result.output) <= Settings().output_limit_chars + 200
