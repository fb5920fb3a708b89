"""What a newcomer trips on (issue 19): batch on what is not a class, usage errors, the files the
README's commands leave behind, and a gradebook a spreadsheet reads as it is."""

import csv
import subprocess

from tests.conftest import FILES, KIT_ROOT, REFERENCE


def test_batch_on_an_empty_folder_refuses_and_writes_nothing(run_cli, tmp_path):
    empty = tmp_path / "class"
    empty.mkdir()
    status, out, err = run_cli("batch", empty, "--out", tmp_path / "results")
    assert status == 2 and not out
    assert f"no submissions found in {empty}" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "results").exists()


def test_batch_names_the_files_it_ignored(run_cli, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "notes.txt").write_text("grades due Friday")
    (folder / "data.csv").write_text("a,b")
    status, _, err = run_cli("batch", folder, "--out", tmp_path / "results")
    assert status == 2
    assert "no submissions found" in err and "notes.txt" in err and "data.csv" in err


def test_batch_given_a_file_says_it_is_not_a_folder(run_cli, tmp_path):
    status, _, err = run_cli("batch", REFERENCE, "--out", tmp_path / "results")
    assert status == 2 and "is not a folder" in err and "no such folder" not in err


def test_a_usage_error_is_one_line(run_cli):
    for argv in (("grade",), ("grade", "x.py", "--seed", "-1"), ("nonsense",),
                 ("batch", "somewhere")):
        status, out, err = run_cli(*argv)
        assert status == 2 and not out
        assert len(err.strip().splitlines()) == 1, err
        assert "error:" in err and "usage:" not in err


def test_the_gradebook_has_one_line_per_student_and_the_catalogue_ids(run_cli, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.py").write_text(REFERENCE.read_text().replace(
        "db = np.sum(dZ, axis=1, keepdims=True) / m", "db = np.sum(dZ, axis=1) / m"))
    (folder / "bo.py").write_text((FILES / "syntax_error.py").read_text())
    status, printed, _ = run_cli("batch", folder, "--out", tmp_path / "results")
    assert status == 0
    assert "Graded 1 of 2 submissions" in printed and "0 were already graded" in printed \
        and "1 could not be graded" in printed
    text = (tmp_path / "results" / "gradebook.csv").read_text()
    assert len(text.strip().splitlines()) == 3, "a header and one line per student"
    with open(tmp_path / "results" / "gradebook.csv") as handle:
        book = {row["student"]: row for row in csv.DictReader(handle)}
    assert "compute_db=B19" in book["ann"]["mistakes"]
    assert book["bo"]["error"] and "\n" not in book["bo"]["error"]


def test_what_the_readme_commands_create_is_ignored_by_git():
    for path in (".venv/bin/python", "autograder.zip", "grades.csv", "results/gradebook.csv"):
        checked = subprocess.run(["git", "check-ignore", "-q", path], cwd=KIT_ROOT)
        assert checked.returncode == 0, f"{path} is not in .gitignore"


def test_a_windows_1252_byte_is_reported_by_line_and_column(tmp_path):
    from autograder.grading.grader import grade_path

    path = tmp_path / "two_layer_net.py"
    path.write_bytes(REFERENCE.read_bytes().replace(b"import numpy as np",
                                                    b"import numpy as np  # caf\xe9", 1))
    line = REFERENCE.read_text().splitlines().index("import numpy as np") + 1
    error = grade_path(path, 1).error
    assert f"line {line}, column 26" in error and "0xe9" in error and "Windows-1252" in error
    assert "byte 1" not in error


def test_a_long_submission_message_wraps_under_its_indent(run_cli):
    _, out, _ = run_cli("grade", FILES / "syntax_error.py")
    message = [line for line in out.splitlines()[1:] if line.strip()][:2]
    assert all(line.startswith("  ") for line in message), message
