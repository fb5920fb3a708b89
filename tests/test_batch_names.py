"""Does batch keep every student apart whatever their files are called?

Course platforms export uploads under names the student controls (issue 17): a name as long as
a file name may be, one that is not UTF-8, one that is the name of the kit's own file
(batch.json), one that escapes the terminal, and a student with both a file and a folder. Each
gets a report of its own, a row of its own, and nothing is lost or merged.
"""

import csv
import json
import os
import shutil

from autograder.classroom.batch import KIT_NAMES, MAX_PLAIN_NAME, report_name
from autograder.classroom.signing import is_signed_report, report_key
from tests.conftest import REFERENCE

LONG = "x" * 247
"""A 251-byte file name with .py: a report named after it would not fit (255 bytes)."""
NOT_UTF8 = os.fsdecode(b"caf\xe9")
"""Latin-1's é, as a platform that is not UTF-8 may write it."""


def _copy(folder, name: str, source=REFERENCE):
    shutil.copy(source, os.path.join(os.fsencode(folder), os.fsencode(name)))


def _gradebook(out) -> dict:
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_names_students_choose_each_get_a_report_and_a_row(run_cli, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in (f"{LONG}.py", f"{NOT_UTF8}.py", "batch.py", "Gradebook.py", "\x1b[2Jclear.py",
                 "bob.py"):
        _copy(folder, name)
    out = tmp_path / "results"
    status, printed, errors = run_cli("batch", folder, "--out", out, "--seed", "3")
    assert status == 0, errors
    book = _gradebook(out)
    assert set(book) == {LONG, "caf\\xe9", "batch", "Gradebook", "\\x1b[2Jclear", "bob"}
    assert all(row["total"] == "10" for row in book.values()), book
    record = json.loads((out / "batch.json").read_text())
    assert record["seed"] == 3, "the kit's own record was not overwritten by a student's report"
    assert len(list(out.glob("*.json"))) == 7 and not list(out.glob("*.tmp"))
    assert "\x1b" not in printed
    # a resumed run trusts every report: each is where it expects it, signed for its student
    status, printed, _ = run_cli("batch", folder, "--out", out)
    assert status == 0 and "Graded 0 of 6" in printed and "6 were already graded" in printed


def test_a_report_is_named_after_its_student_only_where_that_is_safe():
    assert report_name("alice") == "alice.json"
    assert report_name("zoë") == "zoë.json"
    unsafe = [LONG, NOT_UTF8, "batch", "BATCH", "report", "gradebook", ".hidden", "a~b",
              "tab\there", "\x1b[31mred"]
    names = [report_name(student) for student in unsafe]
    assert all("~" in name and len(name.encode()) <= 80 for name in names), names
    assert len(set(names)) == len(names)
    assert not {name.casefold() for name in names} & {f"{kit}.json" for kit in KIT_NAMES}
    # Only a hashed name holds a tilde, so no plain name can be another student's hashed one.
    assert report_name("batch~" + report_name("batch").split("~")[1][:-5]) != report_name("batch")
    assert MAX_PLAIN_NAME < 255 - len(".json")


def test_a_file_and_a_folder_of_one_student_are_refused_not_merged(run_cli, tmp_path):
    folder = tmp_path / "class"
    (folder / "alice").mkdir(parents=True)
    _copy(folder / "alice", "two_layer_net.py")
    _copy(folder, "alice.py", REFERENCE.parent.parent / "examples" / "student_submission.py")
    _copy(folder, "bob.py")
    _copy(folder, "bob.ipynb", REFERENCE.parent / "backprop" / "backprop.ipynb")
    _copy(folder, "carol.py")
    out = tmp_path / "results"
    status, printed, _ = run_cli("batch", folder, "--out", out, "--seed", "3")
    assert status == 0
    book = _gradebook(out)
    assert set(book) == {"alice", "bob", "carol"}
    for student, entries in (("alice", "alice.py, alice/"), ("bob", "bob.ipynb, bob.py")):
        assert book[student]["total"] == "0"
        assert f"2 submissions are {student}'s: {entries}" in book[student]["error"]
        assert "none was graded" in book[student]["error"]
    assert book["carol"]["total"] == "10"
    assert "2 could not be graded" in printed


def test_reports_of_odd_names_are_signed_for_their_own_student(run_cli, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    _copy(folder, f"{NOT_UTF8}.py")
    _copy(folder, "batch.py")
    out = tmp_path / "results"
    run_cli("batch", folder, "--out", out, "--seed", "3")
    key = report_key()
    for student in (NOT_UTF8, "batch"):
        text = (out / report_name(student)).read_text()
        assert is_signed_report(key, student, text)
        assert json.loads(text)["student"] == ("caf\\xe9" if student == NOT_UTF8 else "batch")
