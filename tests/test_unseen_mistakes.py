"""Hints for mistakes no catalogue entry names (issue 18), on a corpus written by hand.

tests/files/unseen/ holds whole submissions in four styles (the course's template, terse `@`
code, helpers of the student's own, backward_propagation inline), each with one or two mistakes
its docstring states (tests/unseen.py reads them): operator precedence, integer division,
rounding, a log's base, dZ2 written as dA2, a ReLU slope, a cost over one unit, db averaged over
the units, the wrong bias, the wrong log term, an epsilon, transposes, products, scales, updates
in place, arguments in the wrong order, names, typos, casts. They were written from how students
write, not generated with the repair search's operators. Also right files written unusually.
"""

import re

import pytest

from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings
from tests.unseen import corpus, expectation, judge_file

SEED = 20240509
SECOND_SEED = 77
STYLES = ("template", "matmul", "helpers", "inline")


@pytest.fixture(scope="module")
def graded():
    """Every file of the corpus graded once: {path: SubmissionResult}."""
    return {path: grade_path(path, SEED, Settings()) for path in corpus()}


def test_the_corpus_has_sixty_wrong_functions_in_four_styles():
    files = corpus()
    styles = {path.name.split("_")[0] for path in files}
    assert set(STYLES) <= styles
    wrong = [name for path in files for name in expectation(path).wrong
             if name not in expectation(path).inherits]
    assert len(wrong) >= 60
    for style in STYLES:
        assert sum(1 for path in files if path.name.startswith(style)) >= 8, style
    assert sum(1 for path in files if not expectation(path).wrong) >= 6


def test_ninety_five_percent_of_wrong_functions_get_a_specific_true_hint(graded):
    verdicts, problems = [], []
    for path, result in graded.items():
        found, wrong = judge_file(path, result)
        verdicts += found
        problems += wrong
    assert not problems, problems
    good = [v for v in verdicts if v.specific and v.true]
    missed = [(v.path, v.function, v.mistakes) for v in verdicts if v not in good]
    assert len(good) >= 0.95 * len(verdicts), missed


def test_a_first_hint_never_holds_the_corrected_line(graded):
    """Rung 1 is what every student reads: where, the numbers, the idea; no corrected code."""
    for path, result in graded.items():
        for exercise in result.exercises:
            for edit in exercise.repair.get("edits", []):
                fixed = re.sub(r"\s+", "", edit["fixed"])
                if fixed and fixed not in re.sub(r"\s+", "", edit["code"]):
                    assert all(fixed not in re.sub(r"\s+", "", hint)
                               and "passes every check:" not in hint
                               for hint in exercise.hints), (path.name, exercise.hints)
                    if exercise.repair.get("agreed"):
                        assert any(fixed in re.sub(r"\s+", "", hint)
                                   for hint in exercise.fixes), (path.name, exercise.fixes)


def test_every_repair_holds_on_a_second_seed(graded, tmp_path):
    """Honesty: the student's code with the repair's edits made passes on other inputs too,
    so what a hint worded from the repair says holds beyond the inputs it was found on."""
    checked = 0
    for path, result in graded.items():
        for exercise in result.exercises:
            functions = exercise.repair.get("functions") or []
            if not functions:
                continue
            lines = path.read_text().splitlines()
            for function in sorted(functions, key=lambda f: -f["first_line"]):
                first, last = function["first_line"], function["last_line"]
                lines[first - 1:last] = function["source"].splitlines()
            repaired = tmp_path / f"{path.stem}_{exercise.name}.py"
            repaired.write_text("\n".join(lines) + "\n")
            again = {e.name: e for e in grade_path(repaired, SECOND_SEED, Settings()).exercises}
            assert again[exercise.name].passed, (path.name, exercise.name, exercise.repair)
            checked += 1
    assert checked >= 40


def test_right_files_pass_on_a_second_seed_with_no_hint():
    for path in corpus():
        if expectation(path).wrong:
            continue
        result = grade_path(path, SECOND_SEED, Settings())
        assert result.score == result.max_score, (path.name, result.exercises)
        assert not any(exercise.hints for exercise in result.exercises)
