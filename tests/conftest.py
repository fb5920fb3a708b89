"""Shared fixtures: the reference's source, submissions built from it, and the CLI in-process."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
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


def processes_with(marker: str) -> list:
    """Pids of the processes whose command line holds `marker` (a process the kit or a
    submission left behind, found from outside)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if marker.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def grade_json(*argv) -> dict:
    """The JSON report of a real subprocess run."""
    completed = run_subprocess("grade", *argv, "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


USER_PYTHON = Path(os.environ.get("BACKPROP_KIT_USER_PYTHON",
                                  "/opt/backprop-kit-python/bin/python"))
"""A Python with the kit's requirements that a normal user can run (.ci/user-python makes it,
and the tests run it when it is missing): root's own Python may live where other users
cannot read (/root here)."""
NORMAL_USER = "nobody"


class KitAs:
    """The kit run as one user: `run(*argv)` is `python -m autograder ...` as that user, and
    `folder()` a new folder that user owns, for submissions and results."""

    def __init__(self, python: Path, kit: Path, user=None):
        self.python, self.kit, self.user = python, kit, user
        self.is_root = user is None and os.geteuid() == 0

    def folder(self, parent: Path) -> Path:
        folder = Path(tempfile.mkdtemp(dir=parent))
        folder.chmod(0o755)
        if self.user is not None:
            os.chown(folder, self.user.pw_uid, self.user.pw_gid)
        return folder

    def run(self, *argv, timeout=300, home: Path = None):
        environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
        if home is not None:
            environment["HOME"] = str(home)
        extra = {}
        if self.user is not None:
            extra = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
            environment["HOME"] = str(home or "/nonexistent")
        return subprocess.run([str(self.python), "-m", "autograder", *map(str, argv)],
                              cwd=self.kit, capture_output=True, text=True, timeout=timeout,
                              env=environment, **extra)


@pytest.fixture(scope="session")
def kit_as_normal_user():
    """The kit as a normal user: this user if the tests do not run as root; else `nobody`,
    with a copy of the kit it can read and the Python of USER_PYTHON. Never skipped: that
    Python is made when it is missing; where it cannot be, the test fails and says why."""
    import pwd

    if os.geteuid() != 0:
        yield KitAs(Path(sys.executable), KIT_ROOT)
        return
    if not USER_PYTHON.exists():  # made once, then kept (a minute or two: pip)
        made = subprocess.run([str(KIT_ROOT / ".ci" / "user-python"),
                               str(USER_PYTHON.parent.parent)],
                              capture_output=True, text=True, timeout=1800)
        if made.returncode != 0 or not USER_PYTHON.exists():
            pytest.fail(f"No Python that {NORMAL_USER} can run at {USER_PYTHON}, and "
                        f".ci/user-python could not make one: {made.stderr[-500:]} (or set "
                        "BACKPROP_KIT_USER_PYTHON to one that has requirements.txt).")
    copy = Path(tempfile.mkdtemp(prefix="backprop-kit-as-user-"))
    try:
        copy.chmod(0o755)
        for name in ("autograder", "solutions"):
            shutil.copytree(KIT_ROOT / name, copy / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for path in copy.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield KitAs(USER_PYTHON, copy, pwd.getpwnam(NORMAL_USER))
    finally:
        shutil.rmtree(copy, ignore_errors=True)


@pytest.fixture(scope="session")
def kit_as_grading_user():
    """The kit as the tests' own user (root in CI), from the checkout."""
    yield KitAs(Path(sys.executable), KIT_ROOT)
