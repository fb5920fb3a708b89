"""The source notebook's hidden tests, as they run in a kernel: grade_hidden with a history.

Under nbgrader autograde their output counts for nothing (integrations/nbgrader/points.py decides);
they are what an instructor sees running the source notebook, so they must still say the truth
plainly.
"""

import subprocess

import pytest

from autograder.integrations.nbgrader import grader_process
from autograder.integrations.nbgrader.hidden_tests import _REPORTS, HiddenTestFailed, grade_hidden

SETUP = "%xmode Minimal\nimport numpy as np\n\nfrom backprop_checks import check"


@pytest.fixture(autouse=True)
def no_cached_reports():
    _REPORTS.clear()
    yield
    _REPORTS.clear()


def test_the_reference_passes_with_one_line(capsys, reference_source):
    grade_hidden("compute_db", history=[SETUP, reference_source, 'check("compute_db", compute_db)'])
    assert capsys.readouterr().out.startswith("✓ compute_db passed the hidden tests (seed ")


def test_a_known_mistake_fails_with_its_hint(capsys, reference_source):
    mistaken = reference_source.replace("axis=1, keepdims=True", "axis=1")
    with pytest.raises(HiddenTestFailed):
        grade_hidden("compute_db", history=[SETUP, mistaken])
    assert "[B19]" in capsys.readouterr().out


def test_without_a_grader_the_hidden_test_fails_with_a_plain_sentence(capsys, monkeypatch,
                                                                         reference_source):
    def times_out(*arguments, **keywords):
        raise subprocess.TimeoutExpired(arguments[0], keywords["timeout"])

    monkeypatch.setattr(grader_process.subprocess, "run", times_out)
    with pytest.raises(HiddenTestFailed):
        grade_hidden("compute_db", history=[SETUP, reference_source])
    out = capsys.readouterr().out
    assert "could not run the grader" in out and "did not finish within 120 s" in out
    assert "Traceback" not in out
