"""Does the real command name the mistakes real students make, and only those (issue 9)?

Each file in tests/files/real/ is a whole submission written the way students write them: the
course's template with its START/END CODE HERE markers and asserts, np.dot, @, np.matmul,
np.einsum, loops, helpers of their own, backward_propagation inline or built from the helpers,
and course notebooks run where the course's helper modules (testCases_v2, planar_utils) are
missing. Most hold one or two catalogued mistakes; some are right. Each states what the grader
must say in a line of its module docstring (a notebook: of its first cell):

    expect: compute_dZ1=B4+B24; backward_propagation=S-inherited

For each function listed, the ids its `mistakes` must start with, in the order the data flows
(diagnosis/composition.py's AXES for two or more in one function); S-inherited where
backward_propagation calls a component that is wrong. `expect: none` for a right submission.
Every function not listed must pass with no hint at all. Each file is graded through the real
command, in a subprocess, as an instructor runs it.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from autograder.judge.student_api import GRADED_NAMES
from tests.conftest import FILES, grade_json

REAL = sorted(path for path in (FILES / "real").iterdir() if path.suffix in (".py", ".ipynb"))

SEED = 20240509
SECOND_SEED = 7
"""Every file is graded with SEED; right ones with SECOND_SEED too, on other inputs."""


def expectation(path: Path) -> dict:
    """{function: [ids]} from the file's `expect:` line; {} for `expect: none`."""
    if path.suffix == ".ipynb":
        text = nbformat.read(str(path), as_version=4).cells[0].source
    else:
        text = ast.get_docstring(ast.parse(path.read_text())) or ""
    lines = re.findall(r"^expect:\s*(.+?)\s*$", text, re.M)
    assert len(lines) == 1, f"{path.name} needs exactly one `expect:` line"
    if lines[0] == "none":
        return {}
    expected = {}
    for part in lines[0].split(";"):
        function, _, ids = part.strip().partition("=")
        function = function.strip()
        assert function in GRADED_NAMES, f"{path.name}: {function!r} is not a graded function"
        assert function not in expected, f"{path.name}: {function} listed twice"
        expected[function] = [mistake.strip() for mistake in ids.split("+")]
        assert all(expected[function]), f"{path.name}: empty id for {function}"
    order = [name for name in GRADED_NAMES if name in expected]
    assert list(expected) == order, f"{path.name}: list functions in the order {order}"
    return expected


CASES = [pytest.param(path, SEED, id=f"{path.stem}-seed{SEED}") for path in REAL]
CASES += [pytest.param(path, SECOND_SEED, id=f"{path.stem}-seed{SECOND_SEED}")
          for path in REAL if not expectation(path)]


SIGNATURES_EXPECTED = ("S-inherited", "S-recursion", "S-hard-coded-size")
"""Signatures a file may expect besides catalogue ids: each names what the code did."""


def test_there_are_at_least_forty_real_submissions_and_six_right_ones():
    assert len(REAL) >= 40
    assert sum(1 for path in REAL if not expectation(path)) >= 6


def test_every_expected_id_is_a_catalogue_id_or_the_inherited_signature():
    from autograder.judge.diagnosis.catalogue import MISTAKES_BY_ID

    for path in REAL:
        for function, ids in expectation(path).items():
            for mistake in ids:
                assert mistake in MISTAKES_BY_ID or mistake in SIGNATURES_EXPECTED, \
                    (path.name, mistake)


@pytest.mark.slow
@pytest.mark.parametrize("path, seed", CASES)
def test_real_submission_gets_exactly_its_mistakes(path: Path, seed: int):
    expected = expectation(path)
    report = grade_json(path, "--seed", seed)
    assert report["error"] is None, report["error"]
    exercises = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert sorted(exercises) == sorted(GRADED_NAMES)

    wrong = []
    for name in GRADED_NAMES:
        exercise = exercises[name]
        for hint in exercise["hints"]:
            assert "{" not in hint and "Traceback" not in hint, (name, hint)
        if name in expected:
            ids = expected[name]
            if exercise["passed"] or exercise["mistakes"][:len(ids)] != ids:
                wrong.append(f"{name}: expected {'+'.join(ids)}, got passed="
                             f"{exercise['passed']} mistakes={exercise['mistakes']} hint="
                             f"{(exercise['hints'] or [''])[0][:200]!r}")
        elif not exercise["passed"] or exercise["hints"] or exercise["mistakes"]:
            wrong.append(f"{name}: expected to pass with no hint, got passed="
                         f"{exercise['passed']} mistakes={exercise['mistakes']} hint="
                         f"{(exercise['hints'] or [''])[0][:200]!r}")
    assert not wrong, "\n".join(wrong)
    if not expected:
        assert report["score"] == report["max_score"]
