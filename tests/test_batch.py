"""Does batch grading grade a class, resume after an interruption, and keep every student?"""

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import FILES, KIT_ROOT, REFERENCE


def make_class(folder):
    (folder / "carol").mkdir(parents=True)
    (folder / "dave").mkdir()
    (folder / "frank").mkdir()
    shutil.copy(REFERENCE, folder / "alice.py")
    shutil.copy(KIT_ROOT / "examples" / "student_submission.py", folder / "bob.py")
    shutil.copy(KIT_ROOT / "solutions" / "backprop" / "backprop.ipynb", folder / "carol")
    (folder / "dave" / "notes.txt").write_text("no code here")
    shutil.copy(FILES / "syntax_error.py", folder / "erin.py")
    shutil.copy(REFERENCE, folder / "frank" / "one.py")
    shutil.copy(REFERENCE, folder / "frank" / "two.py")
    return folder


def _gradebook(out):
    with open(out / "gradebook.csv") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_batch_grades_every_student_and_keeps_the_ungradable(run_cli, tmp_path):
    folder = make_class(tmp_path / "class")
    out = tmp_path / "results"
    status, printed, _ = run_cli("batch", folder, "--out", out, "--seed", "4")
    assert status == 0
    book = _gradebook(out)
    assert set(book) == {"alice", "bob", "carol", "dave", "erin", "frank"}
    assert book["alice"]["total"] == "10" and book["carol"]["total"] == "10"
    assert book["bob"]["compute_db"] == "0" and book["bob"]["compute_dW"] == "1"
    assert "no .py or .ipynb" in book["dave"]["error"]
    assert "2 .py or .ipynb files" in book["frank"]["error"]
    assert "not valid Python" in book["erin"]["error"]
    # three counts that add up to the class (issue 19): not "Graded 6 of 6 ... 3 could not"
    assert "Graded 3 of 6" in printed and "0 were already graded" in printed \
        and "3 could not be graded" in printed
    summary = printed.split("Most common mistakes", 1)[1]
    assert "B19" in summary, "bob's db without keepdims is among the class's mistakes"
    assert "dave:" in summary and "erin:" in summary and "frank:" in summary
    report = json.loads((out / "bob.json").read_text())
    assert report["seed"] == 4 and report["exercises"][5]["hints"]


def test_a_second_run_grades_only_what_is_missing_and_force_regrades(run_cli, tmp_path):
    folder = make_class(tmp_path / "class")
    out = tmp_path / "results"
    run_cli("batch", folder, "--out", out)
    (out / "alice.json").unlink()  # as if the first run had been stopped before alice
    before = (out / "bob.json").stat().st_mtime_ns
    status, printed, _ = run_cli("batch", folder, "--out", out)
    assert status == 0 and "Graded 1 of 6" in printed and "2 were already graded" in printed \
        and "3 could not be graded" in printed
    assert (out / "bob.json").stat().st_mtime_ns == before
    seeds = {json.loads((out / f"{s}.json").read_text())["seed"] for s in ("alice", "bob")}
    assert len(seeds) == 1, "a resumed run uses the first run's seed"
    status, printed, _ = run_cli("batch", folder, "--out", out, "--force")
    assert "Graded 3 of 6" in printed and "0 were already graded" in printed


def test_missing_folder_is_a_usage_error(run_cli, tmp_path):
    status, _, err = run_cli("batch", tmp_path / "nope", "--out", tmp_path / "r")
    assert status == 2 and "no such folder" in err


SLOW_TO_LOAD = "import time\ntime.sleep(0.15)\n"
"""Prepended to each submission of the interrupted class, so that a run lasts long enough to be
stopped in the middle."""


def _slow_class(folder, students=40):
    folder.mkdir()
    source = SLOW_TO_LOAD + REFERENCE.read_text()
    for index in range(students):
        (folder / f"s{index:02d}.py").write_text(source)
    return folder


def _start_batch(folder, out, scratch):
    """The real command, its temporary files in `scratch`, so that leftovers can be seen."""
    scratch.mkdir()
    return subprocess.Popen([sys.executable, "-m", "autograder", "batch", str(folder), "--out",
                             str(out), "--jobs", "2", "--seed", "3"], cwd=KIT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(scratch)))


def _wait_for_reports(out, count, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if out.is_dir() and len([p for p in out.glob("s*.json")]) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} reports after {seconds} s")


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["ctrl-c", "kill", "kill -9"])
def test_an_interrupted_run_keeps_what_it_graded_and_the_next_run_grades_the_rest(tmp_path,
                                                                                   stop):
    folder = _slow_class(tmp_path / "class")
    out = tmp_path / "results"
    scratch = tmp_path / "scratch"
    run = _start_batch(folder, out, scratch)
    _wait_for_reports(out, 4)
    run.send_signal(stop)
    _, err = run.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while list(scratch.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # after kill -9, the zygote cleans up once it sees the grader gone
    assert list(scratch.iterdir()) == [], "a worker's folder or the zygote's was left behind"
    if stop == signal.SIGKILL:
        assert run.returncode == -signal.SIGKILL
    else:
        assert run.returncode == 130
        assert "Run the same command again" in err and "Traceback" not in err
    kept = sorted(out.glob("s*.json"))
    assert 4 <= len(kept) < 40, "stopped in the middle"
    for report in kept:
        assert json.loads(report.read_text())["score"] == 10, f"{report.name} is not whole"
    assert not (out / "gradebook.csv").exists()

    again = subprocess.run([sys.executable, "-m", "autograder", "batch", str(folder), "--out",
                            str(out)], cwd=KIT_ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"Graded {40 - len(kept)} of 40" in again.stdout
    assert f"{len(kept)} were already graded" in again.stdout
    book = _gradebook(out)
    assert len(book) == 40 and {row["total"] for row in book.values()} == {"10"}
    assert list(out.glob("*.tmp")) == []
    seeds = {json.loads(p.read_text())["seed"] for p in out.glob("s*.json")}
    assert seeds == {3}, "the second run kept the first run's seed"


def test_links_are_refused_or_flagged_and_never_graded_as_the_students_own(run_cli, tmp_path):
    """A symlink, or a file reached through one, could have another student's work or the
    reference graded as one's own: refused, with the reason. A hard link cannot be told from
    the file itself: graded, and flagged for the instructor."""
    folder = tmp_path / "class"
    (folder / "grace").mkdir(parents=True)
    shutil.copy(REFERENCE, folder / "alice.py")
    (folder / "mallory.py").symlink_to(folder / "alice.py")
    (folder / "grace" / "mine.py").symlink_to(REFERENCE)
    (tmp_path / "outside").mkdir()
    shutil.copy(REFERENCE, tmp_path / "outside" / "theirs.py")
    (folder / "heidi").symlink_to(tmp_path / "outside", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(REFERENCE, tmp_path / "elsewhere" / "copy.py")
    (folder / "ivan").mkdir()
    os.link(tmp_path / "elsewhere" / "copy.py", folder / "ivan" / "work.py")
    out = tmp_path / "results"
    status, printed, _ = run_cli("batch", folder, "--out", out, "--seed", "4")
    assert status == 0
    book = _gradebook(out)
    assert book["alice"]["total"] == "10" and not book["alice"]["error"]
    assert "symbolic link" in book["mallory"]["error"] and book["mallory"]["total"] == "0"
    assert "symbolic link" in book["grace"]["error"] and book["grace"]["total"] == "0"
    assert "symbolic link" in book["heidi"]["error"], "a folder that is a link, too"
    assert book["ivan"]["total"] == "10", "a hard link is graded"
    assert "For the instructor: ivan: work.py has 2 names" in printed
    report = json.loads((out / "ivan.json").read_text())
    assert any("hard links" in note for note in report["notes"])
    assert not any("hard links" in note for note in json.loads(
        (out / "alice.json").read_text())["notes"])


def test_a_report_the_grader_did_not_write_is_graded_again_not_trusted(run_cli, tmp_path):
    """A resumed run trusts only reports the grader signed: a planted full score, a report
    copied from another student (signature and all) and one edited by hand are graded again,
    and flagged; the gradebook shows the grader's values."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "alice.py")
    shutil.copy(KIT_ROOT / "examples" / "student_submission.py", folder / "bob.py")
    shutil.copy(KIT_ROOT / "examples" / "student_submission.py", folder / "carol.py")
    shutil.copy(KIT_ROOT / "examples" / "student_submission.py", folder / "dave.py")
    out = tmp_path / "results"
    assert run_cli("batch", folder, "--out", out, "--seed", "4")[0] == 0
    genuine = {s: json.loads((out / f"{s}.json").read_text()) for s in ("alice", "bob")}
    assert genuine["alice"]["score"] == 10 and genuine["bob"]["score"] < 10
    assert "grader_signature" in genuine["bob"]
    shutil.copy(out / "alice.json", out / "bob.json")  # alice's signed 10/10 as bob's
    edited = dict(genuine["bob"], score=10)
    (out / "carol.json").write_text(json.dumps(edited, indent=2))
    planted = {key: value for key, value in edited.items() if key != "grader_signature"}
    (out / "dave.json").write_text(json.dumps(planted, indent=2))
    alice_before = (out / "alice.json").read_text()
    status, printed, _ = run_cli("batch", folder, "--out", out)
    assert status == 0 and "Graded 3 of 4" in printed and "1 were already graded" in printed
    book = _gradebook(out)
    for student in ("bob", "carol", "dave"):
        assert book[student]["total"] == str(genuine["bob"]["score"]), student
        report = json.loads((out / f"{student}.json").read_text())
        assert any("not one the grader wrote" in note for note in report["notes"])
        assert f"For the instructor: {student}: the report found" in printed
    assert (out / "alice.json").read_text() == alice_before


def test_batch_says_whether_students_were_kept_apart(tmp_path):
    """batch.json records how workers were confined; where they could not be (here switched
    off, as on a machine without namespaces), the summary says so plainly."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "alice.py")
    for unconfined, out in ((False, tmp_path / "kept"), (True, tmp_path / "shared")):
        environment = dict(os.environ)
        if unconfined:
            environment["BACKPROP_KIT_BENCHMARK_UNCONFINED"] = "1"
        completed = subprocess.run([sys.executable, "-m", "autograder", "batch", str(folder),
                                    "--out", str(out)], cwd=KIT_ROOT, capture_output=True,
                                   text=True, timeout=120, env=environment)
        assert completed.returncode == 0, completed.stderr
        record = json.loads((out / "batch.json").read_text())
        warned = "students were NOT kept apart" in completed.stdout
        if unconfined:
            assert record["confinement"]["confined"] is False and warned
            assert "switched off" in record["confinement"]["reason"]
        else:
            assert record["confinement"] == {"confined": True, "reason": None,
                                             "worker_user": None}
            assert not warned
