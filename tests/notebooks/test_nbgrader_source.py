"""The hook that gives nbgrader the source folder's copy of the visible checks, without nbgrader.

test_nbgrader.py runs it for real: generate_assignment and autograde on a course that lacks it.
"""

import logging

import pytest
from traitlets.config.loader import PyFileConfigLoader

from autograder.integrations.nbgrader import source_hook as nbgrader_source
from autograder.integrations.nbgrader.source_hook import (COULD_NOT_WRITE, WROTE,
                                                          refresh_source_bundle)
from autograder import paths
from autograder.release import bundle as release
from autograder.release.bundle import BUNDLE_NAME, bundle_files, bundle_on_disk
from tests.conftest import KIT_ROOT


@pytest.fixture
def source_folder(tmp_path, monkeypatch):
    """An empty source folder, course/solutions/backprop, in place of the kit's."""
    folder = tmp_path / "course" / "solutions" / "backprop"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "SOURCE_ASSIGNMENT", folder)
    # nbgrader's log, as traitlets gives it to code outside its classes, but one caplog sees
    monkeypatch.setattr(nbgrader_source, "get_logger", lambda: logging.getLogger("nbgrader-log"))
    nbgrader_source._refresh_once.cache_clear()
    yield folder
    nbgrader_source._refresh_once.cache_clear()


def test_both_commands_that_copy_the_source_folder_run_the_hook_first():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(KIT_ROOT)).load_config()
    for hook in (config.GenerateAssignment.pre_convert_hook, config.Autograde.pre_convert_hook):
        assert hook.__qualname__ == refresh_source_bundle.__qualname__
    assert config.GraderPoints.catalogue == "", "no course catalogue unless the course sets one"


def test_a_missing_bundle_is_written_once_per_command_and_the_log_says_so(source_folder, caplog,
                                                                          monkeypatch):
    calls = []
    refresh = release.refresh_bundle
    monkeypatch.setattr(release, "refresh_bundle", lambda folder: calls.append(folder) or
                        refresh(folder))
    with caplog.at_level(logging.INFO):
        for student in ("alice", "bob"):
            refresh_source_bundle(assignment="backprop", student=student, notebooks=[])
    assert calls == [source_folder]
    assert bundle_on_disk(source_folder / BUNDLE_NAME) == bundle_files()
    assert [record.getMessage() for record in caplog.records] == \
        [WROTE.format(folder="solutions/backprop")]


def test_a_bundle_that_cannot_be_written_is_an_error_that_says_what_to_run(source_folder, caplog,
                                                                           monkeypatch):
    def read_only(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(release, "refresh_bundle", read_only)
    refresh_source_bundle(assignment="backprop", student="alice", notebooks=[])
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert record.getMessage() == COULD_NOT_WRITE.format(
        folder="solutions/backprop", error="PermissionError: [Errno 13] Permission denied")
    assert "python -m autograder release" in record.getMessage()
