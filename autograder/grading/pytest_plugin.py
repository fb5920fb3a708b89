"""The pytest side of the autograder: a fixture holding the submission, and the report header.

The CLI runs the hidden suite (autograder/grading/suite) in-process with this plugin. Instructors
can also run it directly and get pytest's own view:

    python -m pytest autograder/grading/suite -p autograder.grading.pytest_plugin \
        --submission PATH [--seed N]

A failing exercise fails its test with the hints as the message and no traceback
(pytest.fail(..., pytrace=False)); hints, mistake ids and points travel as user_properties.
"""

import pytest

from autograder.grading.grader import SubmissionGrader
from autograder.judge.settings import Settings

GRADER_KEY = pytest.StashKey()
"""Where the session's SubmissionGrader is kept; the suite's fixture reads it from there."""


class GradingPlugin:
    """Carries one SubmissionGrader into the suite's tests."""

    def __init__(self, grader: SubmissionGrader):
        self.grader = grader

    def pytest_configure(self, config):
        config.stash[GRADER_KEY] = self.grader

    def pytest_report_header(self, config):
        grader = self.grader
        return (f"backprop-kit · {grader.path.name} · seed {grader.seed} "
                f"(replay: python -m autograder grade {grader.path} --seed {grader.seed})")


def run_exercise(grader: SubmissionGrader, name: str, record_property) -> None:
    """The body of every test in the suite: grade one exercise, fail with its hints."""
    if not grader.wait_ready():
        pytest.fail(grader.error, pytrace=False)
    result = grader.grade_exercise(name)
    record_property("score", result.score)
    record_property("max_score", result.max_score)
    record_property("hints", result.hints)
    record_property("mistakes", result.mistakes)
    if not result.passed:
        pytest.fail("\n".join(result.hints), pytrace=False)


# Used when the suite is run by pytest directly (-p autograder.grading.pytest_plugin).

def pytest_addoption(parser):
    group = parser.getgroup("backprop-kit")
    group.addoption("--submission", help="the .py submission to grade")
    group.addoption("--seed", type=int, default=None, help="replay the inputs of an earlier run")


def pytest_configure(config):
    path = config.getoption("--submission", default=None)
    if path and not config.pluginmanager.has_plugin("backprop-kit-grading"):
        from autograder.grading.seeds import new_seed

        seed = config.getoption("--seed")
        grader = SubmissionGrader(path, new_seed() if seed is None else seed, Settings())
        config.pluginmanager.register(GradingPlugin(grader), "backprop-kit-grading")
