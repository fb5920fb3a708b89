"""Does the Gradescope zip hold what the container needs, and run_autograder write its schema?"""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import KIT_ROOT, REFERENCE
from tests.redteam.test_redteam import WRONG_FUNCTIONS


def test_zip_holds_the_scripts_and_the_kit_and_nothing_else(run_cli, tmp_path):
    status, _, _ = run_cli("gradescope", "--out", tmp_path / "autograder.zip")
    assert status == 0
    with zipfile.ZipFile(tmp_path / "autograder.zip") as archive:
        names = set(archive.namelist())
        mode = archive.getinfo("run_autograder").external_attr >> 16
    assert {"setup.sh", "run_autograder", "requirements.txt", "autograder/cli.py",
            "solutions/two_layer_net.py"} <= names
    assert mode & 0o111, "run_autograder must be executable"
    assert not any(name.startswith(("tests/", ".git", "assignments/")) for name in names)


@pytest.mark.skipif(os.geteuid() != 0, reason="Gradescope runs as root; only root may switch "
                                               "the workers to another user")
def test_in_the_container_layout_a_submission_cannot_read_the_reference(run_cli, tmp_path):
    """setup.sh makes the kit unreadable to others and run_autograder's workers run as nobody."""
    run_cli("gradescope", "--out", tmp_path / "autograder.zip")
    root = tmp_path / "autograder"
    source = root / "source"
    with zipfile.ZipFile(tmp_path / "autograder.zip") as archive:
        archive.extractall(source)
        setup = archive.read("setup.sh").decode()
        run_autograder = archive.read("run_autograder").decode()
    assert "chmod -R go-rwx /autograder/source" in setup
    assert "--worker-user nobody" in run_autograder
    subprocess.run(["chmod", "-R", "go-rwx", str(source)], check=True)
    reference = source / "solutions" / "two_layer_net.py"
    # Where the kit cannot be hidden by a mount namespace, as in Gradescope's container, only
    # its permissions keep it from the worker: a copy outside the kit shows that alone.
    unhidden = tmp_path / "unhidden.py"
    shutil.copy(reference, unhidden)
    unhidden.chmod(0o600)
    (root / "submission").mkdir()
    (root / "submission" / "two_layer_net.py").write_text(WRONG_FUNCTIONS + f'''
for path in [{str(reference)!r}, {str(unhidden)!r}]:
    try:
        exec(open(path).read(), globals())
    except Exception as error:
        print("could not read", path, type(error).__name__)
''')
    completed = subprocess.run([sys.executable, "-m", "autograder", "gradescope-run", "--root",
                                root, "--seed", "3", "--worker-user", "nobody"], cwd=source,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 0, "the submission read the reference"


def _run_autograder(tmp_path, source, *flags):
    """run_autograder's command in a folder laid out like /autograder; its results.json."""
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    (root / "submission" / "two_layer_net.py").write_text(source)
    completed = subprocess.run([sys.executable, "-m", "autograder", "gradescope-run",
                                "--root", root, "--seed", "5", *flags], cwd=KIT_ROOT,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_run_autograder_writes_results_json_in_gradescopes_schema(tmp_path):
    wrong = REFERENCE.read_text().replace("db = np.sum(dZ, axis=1, keepdims=True) / m",
                                          "db = np.sum(dZ, axis=1) / m")
    results = _run_autograder(tmp_path, wrong)
    assert results["score"] == 7 and isinstance(results["execution_time"], float)
    tests = {test["name"]: test for test in results["tests"]}
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
    hidden = tests["compute_db: hidden checks"]
    assert hidden["score"] == 0 and hidden["max_score"] == 1 and "[B19]" in hidden["output"]
    assert hidden["visibility"] == "after_published"
    shown = tests["compute_db: the notebook's checks"]
    assert shown["visibility"] == "visible" and shown["max_score"] == 0
    assert shown["status"] == "failed" and "[B19]" in shown["output"]
    assert tests["compute_dW: hidden checks"]["score"] == 1
    assert tests["compute_dW: the notebook's checks"]["status"] == "passed"
    assert sum(t["max_score"] for t in results["tests"]) == 10


def test_answers_tuned_to_the_notebooks_checks_pass_there_and_fail_the_hidden_checks(tmp_path):
    from tests.redteam.test_redteam import _hardcoded_visible_outputs

    results = _run_autograder(tmp_path, _hardcoded_visible_outputs(), "--hidden-visibility",
                              "after_due_date")
    tests = {test["name"]: test for test in results["tests"]}
    assert tests["compute_dZ2: the notebook's checks"]["status"] == "passed"
    assert tests["compute_dZ2: hidden checks"]["score"] == 0
    assert tests["compute_dZ2: hidden checks"]["visibility"] == "after_due_date"
    assert results["score"] == 0


def test_a_submission_without_one_file_is_told_so(tmp_path):
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    shutil.copy(REFERENCE, root / "submission" / "a.py")
    shutil.copy(REFERENCE, root / "submission" / "b.py")
    from autograder.integrations.gradescope.run import run
    from autograder.judge.settings import Settings

    results = run(root, 1, Settings())
    assert results["score"] == 0 and "exactly one" in results["output"]
