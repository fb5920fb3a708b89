"""Shared fixtures: the reference's source, submissions built from it, and the CLI in-process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

KIT_ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "files"
REFERENCE = KIT_ROOT / "solutions" / "two_layer_net.py"


@pytest.fixture(scope="session")
def reference_source() -> str:
    return REFERENCE.read_text()


@pytest.fixture
def submission_with(tmp_path, reference_source):
    """Write the reference with `old` replaced by `new` (each must occur) and return its path."""
    def make(*replacements, name="submission.py", source=None):
        text = reference_source if source is None else source
        for old, new in zip(replacements[::2], replacements[1::2]):
            assert old in text, f"{old!r} is not in the source"
            text = text.replace(old, new)
        path = tmp_path / name
        path.write_text(text)
        return path
    return make


@pytest.fixture
def run_cli(capsys):
    """Run autograder.cli.main in-process; return (exit status, stdout, stderr)."""
    from autograder.cli import main

    def run(*argv):
        try:
            status = main([str(arg) for arg in argv])
        except SystemExit as exit_:
            status = exit_.code
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return run


def run_subprocess(*argv, timeout=120):
    """The real `python -m autograder ...`, from the kit's root."""
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, argv)], cwd=KIT_ROOT,
                          capture_output=True, text=True, timeout=timeout)


def grade_json(*argv) -> dict:
    """The JSON report of a real subprocess run."""
    completed = run_subprocess("grade", *argv, "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)
