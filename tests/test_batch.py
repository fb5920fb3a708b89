"""Does batch grading grade a class, resume after an interruption, and keep every student?"""

import csv
import json
import shutil

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
    assert "Graded 6 of 6" in printed and "3 could not be graded" in printed
    report = json.loads((out / "bob.json").read_text())
    assert report["seed"] == 4 and report["exercises"][5]["hints"]


def test_a_second_run_grades_only_what_is_missing_and_force_regrades(run_cli, tmp_path):
    folder = make_class(tmp_path / "class")
    out = tmp_path / "results"
    run_cli("batch", folder, "--out", out)
    (out / "alice.json").unlink()  # as if the first run had been stopped before alice
    before = (out / "bob.json").stat().st_mtime_ns
    status, printed, _ = run_cli("batch", folder, "--out", out)
    assert status == 0 and "Graded 1 of 6" in printed and "5 were already graded" in printed
    assert (out / "bob.json").stat().st_mtime_ns == before
    seeds = {json.loads((out / f"{s}.json").read_text())["seed"] for s in ("alice", "bob")}
    assert len(seeds) == 1, "a resumed run uses the first run's seed"
    status, printed, _ = run_cli("batch", folder, "--out", out, "--force")
    assert "Graded 6 of 6" in printed


def test_missing_folder_is_a_usage_error(run_cli, tmp_path):
    status, _, err = run_cli("batch", tmp_path / "nope", "--out", tmp_path / "r")
    assert status == 2 and "no such folder" in err
