"""Does the Gradescope zip hold what the container needs, and run_autograder write its schema?"""

import json
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import KIT_ROOT, REFERENCE


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


def test_run_autograder_writes_results_json_in_gradescopes_schema(tmp_path):
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    wrong = REFERENCE.read_text().replace("db = np.sum(dZ, axis=1, keepdims=True) / m",
                                          "db = np.sum(dZ, axis=1) / m")
    (root / "submission" / "two_layer_net.py").write_text(wrong)
    completed = subprocess.run([sys.executable, "-m", "autograder", "gradescope-run",
                                "--root", root, "--seed", "5"], cwd=KIT_ROOT,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 7
    tests = {test["name"]: test for test in results["tests"]}
    assert set(tests) >= {"forward_propagation", "compute_db", "backward_propagation"}
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
    assert tests["compute_db"]["score"] == 0 and "[B19]" in tests["compute_db"]["output"]
    assert tests["compute_dW"]["output"] == "Passed."


def test_a_submission_without_one_file_is_told_so(tmp_path):
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    shutil.copy(REFERENCE, root / "submission" / "a.py")
    shutil.copy(REFERENCE, root / "submission" / "b.py")
    from autograder.gradescope import run
    from autograder.settings import Settings

    results = run(root, 1, Settings())
    assert results["score"] == 0 and "exactly one" in results["output"]
