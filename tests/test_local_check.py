"""A `.py` student checks their work with only what students get (issue 19): the assignments
folder, copied away from the kit, and the command the stub's own docstring names."""

import ast
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from autograder.release.local_check import derivations_source, local_check_source
from tests.conftest import KIT_ROOT, REFERENCE

ASSIGNMENTS = KIT_ROOT / "assignments"


def the_stubs_command() -> list:
    """The command the stub's docstring tells a student to run, as argv."""
    docstring = ast.get_docstring(ast.parse((ASSIGNMENTS / "two_layer_net.py").read_text()))
    commands = re.findall(r"^\s+(python \S+\.py)\b", docstring, re.MULTILINE)
    assert len(commands) == 1, docstring
    return shlex.split(commands[0])


@pytest.fixture
def student_folder(tmp_path):
    """assignments/ alone, as a student gets it, far from the kit."""
    folder = tmp_path / "my-assignment"
    shutil.copytree(ASSIGNMENTS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def run_the_stubs_command(folder, *extra):
    argv = the_stubs_command()
    assert argv[0] == "python"
    # -I: no site-packages of the kit's, no current folder on the path: only the folder itself
    return subprocess.run([sys.executable, "-I", *argv[1:], *extra], cwd=folder,
                          capture_output=True, text=True, timeout=300)


def test_a_finished_file_passes_everything(student_folder):
    shutil.copy(REFERENCE, student_folder / "two_layer_net.py")
    completed = run_the_stubs_command(student_folder)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "7 of 7 functions pass" in completed.stdout
    assert "autograder" not in completed.stderr


def test_two_mistakes_get_their_hints_pointing_at_what_the_student_has(student_folder):
    source = REFERENCE.read_text()
    source = source.replace("db = np.sum(dZ, axis=1, keepdims=True) / m",
                            "db = np.sum(dZ, axis=1) / m")
    source = source.replace("dW = np.dot(dZ, A_prev.T) / m", "dW = 1 // m * np.dot(dZ, A_prev.T)")
    (student_folder / "two_layer_net.py").write_text(source)
    completed = run_the_stubs_command(student_folder)
    out = " ".join(completed.stdout.split())
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "5 of 7 functions pass" not in out and "4 of 7 functions pass" in out
    assert "[B19]" in out and "[R-floor-division]" in out
    assert "(derivations.md#why-db-keeps-its-column)" in out and "backprop.ipynb#" not in out
    assert (student_folder / "derivations.md").read_text().count('<a id="deriving-dw">') == 1
    more = " ".join(run_the_stubs_command(student_folder, "--more").stdout.split())
    assert "Divide with `/`" in more and "Divide with `/`" not in out


def test_a_file_that_does_not_load_is_said_in_one_line(student_folder):
    (student_folder / "two_layer_net.py").write_text("import numpy as np\nx = 1 +\n")
    completed = run_the_stubs_command(student_folder)
    assert completed.returncode == 2
    assert completed.stdout.strip() == "two_layer_net.py is not valid Python: line 2: " \
                                       "invalid syntax."


def test_the_committed_check_and_derivations_are_what_release_writes():
    assert (ASSIGNMENTS / "check.py").read_text() == local_check_source()
    assert (ASSIGNMENTS / "derivations.md").read_text() == derivations_source()


def test_a_file_that_loops_at_its_top_level_is_said_in_one_line(student_folder):
    check = student_folder / "check.py"
    check.write_text(check.read_text().replace("LOAD_LIMIT_S = 30", "LOAD_LIMIT_S = 1"))
    (student_folder / "two_layer_net.py").write_text("import numpy as np\nwhile True:\n    pass\n")
    completed = run_the_stubs_command(student_folder)
    assert completed.returncode == 2
    assert completed.stdout.strip() == ("two_layer_net.py was still loading after 1 s: look for a "
                                        "loop at the top level of the file, outside the "
                                        "functions.")
