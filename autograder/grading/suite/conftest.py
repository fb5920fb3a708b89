"""The suite's fixture, and its tests in the order of the student API."""

import pytest

from autograder.grading.pytest_plugin import GRADER_KEY
from autograder.judge.student_api import GRADED_NAMES


@pytest.fixture(scope="session")
def submission_grader(request):
    """The SubmissionGrader of this run (given by the CLI, or made from --submission)."""
    if GRADER_KEY not in request.config.stash:
        pytest.fail("No submission to grade: run with -p autograder.grading.pytest_plugin "
                    "--submission PATH, or use python -m autograder grade PATH.", pytrace=False)
    return request.config.stash[GRADER_KEY]


def pytest_collection_modifyitems(items):
    def api_position(item):
        name = item.name.removeprefix("test_")
        return GRADED_NAMES.index(name) if name in GRADED_NAMES else len(GRADED_NAMES)

    items.sort(key=api_position)
