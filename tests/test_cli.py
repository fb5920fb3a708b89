"""Does the command line keep its contract: exit status, the JSON schema, replayable seeds?"""

import json
import subprocess
import sys
import time

import pytest

from autograder.paths import KIT_ROOT
from tests.conftest import FILES, REFERENCE, run_subprocess

CONTRACT_KEYS = {"score", "max_score", "seed", "error", "exercises"}
EXERCISE_KEYS = {"name", "passed", "score", "max_score", "hints"}


def test_json_report_has_the_contract_keys(run_cli):
    status, out, _ = run_cli("grade", REFERENCE, "--json", "--seed", "5")
    report = json.loads(out)
    assert status == 0
    assert CONTRACT_KEYS <= set(report)
    assert report["seed"] == 5 and report["error"] is None
    assert report["score"] == report["max_score"] == 10
    for exercise in report["exercises"]:
        assert EXERCISE_KEYS <= set(exercise)
        assert exercise["passed"] and exercise["hints"] == []


def test_wrong_function_is_reported_with_points_and_hint(run_cli, submission_with):
    path = submission_with("db = np.sum(dZ, axis=1, keepdims=True) / m",
                           "db = np.sum(dZ, axis=1) / m")
    status, out, _ = run_cli("grade", path, "--json", "--seed", "5")
    report = json.loads(out)
    by_name = {e["name"]: e for e in report["exercises"]}
    assert status == 0
    assert not by_name["compute_db"]["passed"] and by_name["compute_db"]["score"] == 0
    assert "keep" in by_name["compute_db"]["hints"][0]
    assert report["score"] == report["max_score"] - by_name["compute_db"]["max_score"] \
        - by_name["backward_propagation"]["max_score"]


def test_terminal_report_shows_marks_points_and_the_replay_command(run_cli):
    status, out, _ = run_cli("grade", FILES / "prints_everywhere.py", "--seed", "77")
    assert status == 0
    assert "--seed 77" in out
    assert "✓ compute_dW" in out and "Score 10/10" in out
    assert "loading my submission" in out, "what the submission printed is shown apart"


def test_same_seed_gives_the_same_report(run_cli, submission_with):
    path = submission_with("dZ2 = A2 - Y", "dZ2 = (A2 - Y) * 1.0001")
    first = run_cli("grade", path, "--json", "--seed", "9")[1]
    again = run_cli("grade", path, "--json", "--seed", "9")[1]
    assert json.loads(first)["exercises"] == json.loads(again)["exercises"]


def test_missing_file_is_a_usage_error(run_cli, tmp_path):
    status, out, err = run_cli("grade", tmp_path / "nope.py")
    assert status == 2
    assert "no such file" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["grade"], ["grade", "x.py", "--seed", "abc"],
                                  ["grade", "x.py", "--call-timeout", "0"], ["frobnicate"]])
def test_bad_arguments_are_usage_errors(run_cli, argv):
    """One line that says what is wrong and where --help is (issue 19), not the usage first."""
    status, _, err = run_cli(*argv)
    assert status == 2 and "error:" in err and "--help" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_json_stdout_holds_only_the_report_whatever_the_submission_prints():
    completed = run_subprocess("grade", FILES / "prints_everywhere.py", "--json")
    assert completed.returncode == 0
    report = json.loads(completed.stdout)  # fails if anything else reached stdout
    assert report["score"] == report["max_score"]
    assert "loading my submission" in report["output"]
    assert completed.stderr == ""


@pytest.mark.slow
def test_real_command_exits_zero_on_a_failing_submission(tmp_path, reference_source):
    path = tmp_path / "bad.py"
    path.write_text(reference_source.replace("dZ2 = A2 - Y", "dZ2 = Y - A2"))
    completed = run_subprocess("grade", path)
    assert completed.returncode == 0
    assert "Traceback" not in completed.stdout + completed.stderr
    assert "✗ compute_dZ2" in completed.stdout


SPAWN_RECORDER = '''
import runpy, sys
from autograder.sandbox import launch
spawn = launch._spawn
def recording(preload):
    spawned = spawn(preload)
    print(spawned.pid, sorted(m for m in ("numpy", "autograder.cli") if m in sys.modules),
          file=sys.stderr)
    return spawned
launch._spawn = recording
sys.argv = ["autograder", *sys.argv[1:]]
runpy.run_module("autograder", run_name="__main__")
'''


def _ended(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.slow
def test_a_grade_spawns_the_zygote_before_the_grader_imports_numpy(tmp_path):
    """python -m autograder grade spawns the zygote first thing (issue 19), so that it starts
    Python and imports numpy while the grader imports itself; once, not again in cmd_grade."""
    completed = subprocess.run([sys.executable, "-c", SPAWN_RECORDER, "grade", str(REFERENCE),
                                "--seed", "1"], cwd=KIT_ROOT, capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0 and "Score 10/10" in completed.stdout
    spawns = [line for line in completed.stderr.splitlines() if line.endswith("]")]
    assert len(spawns) == 1 and spawns[0].endswith(" []")


@pytest.mark.slow
def test_a_zygote_spawned_for_a_wrong_command_line_ends_by_itself(tmp_path):
    completed = subprocess.run([sys.executable, "-c", SPAWN_RECORDER, "grade",
                                str(tmp_path / "nope.py")], cwd=KIT_ROOT, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 2 and "no such file" in completed.stderr
    pid = int(completed.stderr.split()[0])
    deadline = time.monotonic() + 30
    while not _ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _ended(pid)


@pytest.mark.parametrize("argv, spawns", [
    (["grade", "a.py"], True), (["grade", "notebook.IPYNB", "--json"], True),
    (["batch", "class", "--out", "results"], True), (["grade", "a.py", "--help"], False),
    (["report", "results"], False), (["grade", "notes.txt"], False), ([], False)])
def test_only_a_command_that_grades_spawns_a_zygote_early(monkeypatch, argv, spawns):
    from autograder.sandbox import launch

    spawned = []
    monkeypatch.setattr(launch, "spawn_zygote", lambda: spawned.append(True))
    launch.spawn_early(argv)
    assert bool(spawned) is spawns
