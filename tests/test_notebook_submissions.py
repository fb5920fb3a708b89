"""Is a notebook graded exactly like a .py, whatever else a real student notebook holds?"""

import json
import re

import nbformat
import pytest

from autograder.grading.grader import grade_path
from tests.conftest import run_subprocess


def _function_sources(source: str) -> list:
    """Each top-level function of the reference, as the text of its own cell."""
    chunks = re.split(r"(?m)^(?=def |# Provided)", source)
    return [chunk.strip() + "\n" for chunk in chunks if chunk.startswith("def ")]


def make_notebook(path, cells):
    notebook = nbformat.v4.new_notebook()
    for kind, text in cells:
        maker = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        notebook.cells.append(maker(text))
    nbformat.write(notebook, str(path))
    return path


@pytest.fixture
def messy_notebook(tmp_path, reference_source):
    """The reference spread over cells, among magics, shell lines, prints, plots and errors."""
    functions = _function_sources(reference_source)
    cells = [("md", "# My assignment"),
             ("code", "%matplotlib inline\n!pip install numpy\nimport numpy as np"),
             ("code", "files = !ls\nnp.dot?\nprint('hello')"),
             ("code", "%%bash\necho this is not python"),
             ("code", "undefined_name + 1"),
             ("code", "def broken(:\n    pass"),
             ("code", "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                      "plt.plot([1, 2, 3])\nplt.show()")]
    cells += [("code", function) for function in functions]
    cells += [("code", "%%time\nx = forward_propagation(np.ones((2, 3)), initialize_parameters(2, 4, 1))")]
    return make_notebook(tmp_path / "submission.ipynb", cells)


def test_messy_notebook_gets_full_marks_and_notes_on_the_cells_that_failed(messy_notebook):
    result = grade_path(messy_notebook, 3)
    assert result.error is None
    assert result.score == result.max_score, [(e.name, e.hints) for e in result.exercises]
    notes = " ".join(result.notes)
    # cells as the student sees them: code cells only are counted (issue 19)
    assert "Code cell 4 raised NameError" in notes
    assert "Code cell 5 is not valid Python" in notes
    assert "hello" in result.output


def test_notebook_with_a_mistake_gets_the_same_hint_as_a_py(tmp_path, reference_source):
    wrong = reference_source.replace("db = np.sum(dZ, axis=1, keepdims=True) / m",
                                     "db = np.sum(dZ, axis=1) / m")
    notebook = make_notebook(tmp_path / "wrong.ipynb",
                             [("code", "import numpy as np")]
                             + [("code", f) for f in _function_sources(wrong)])
    py = tmp_path / "wrong.py"
    py.write_text(wrong)
    from_notebook = grade_path(notebook, 8).to_json_dict()
    from_py = grade_path(py, 8).to_json_dict()
    # The same hints; only the place they quote differs: a line of the cell that defines the
    # function (as the student sees the cell, issue 19), or a line of the file.
    cell_line = re.compile(r"[Oo]n line \d+ of the cell defining \w+( of your \w+)?")
    file_line = re.compile(r"[Oo]n line \d+( of your \w+)?")
    for in_notebook, in_py in zip(from_notebook["exercises"], from_py["exercises"]):
        for rung in ("hints", "more", "fixes"):
            hints = [cell_line.sub("at PLACE", hint) for hint in in_notebook.pop(rung)]
            assert hints == [file_line.sub("at PLACE", hint) for hint in in_py.pop(rung)]
        # the same repair, on a line of the cell or of the file
        assert [(e["kind"], e["before"], e["after"]) for e in
                in_notebook.pop("repair", {}).get("edits", [])] == \
            [(e["kind"], e["before"], e["after"]) for e in in_py.pop("repair", {}).get("edits", [])]
        # The wrong lines too: the same code, in a cell or in the file.
        assert [(line["code"], line["what"]) for line in in_notebook.pop("lines", [])] == \
            [(line["code"], line["what"]) for line in in_py.pop("lines", [])]
        assert in_notebook == in_py
    assert any("of the cell defining" in hint for e in grade_path(notebook, 8).exercises
               for hint in e.hints)
    assert not any(re.search(r"[Ii]n cell \d", hint) for e in grade_path(notebook, 8).exercises
                   for hint in e.hints), "no count that includes the text cells"
    assert from_notebook["score"] == from_py["score"] < from_py["max_score"]


def test_error_inside_a_function_names_the_cell(tmp_path, reference_source):
    wrong = reference_source.replace("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(dZ, A_prev.T) / mm")
    notebook = make_notebook(tmp_path / "wrong.ipynb",
                             [("code", "import numpy as np")]
                             + [("code", f) for f in _function_sources(wrong)])
    result = grade_path(notebook, 8)
    hint = {e.name: e for e in result.exercises}["compute_dW"].hints[0]
    assert re.search(r"[Ll]ine \d+ of the cell defining compute_dW", hint), hint


@pytest.mark.parametrize("content", [b"{not json", b'{"cells": "nope"}', b"\x00\x01binary"])
def test_a_file_that_is_not_a_notebook_is_a_submission_error(tmp_path, content):
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    result = grade_path(path, 1)
    assert result.score == 0 and "not a Jupyter notebook" in result.error


@pytest.mark.slow
def test_cli_grades_a_notebook_with_the_same_json(messy_notebook):
    completed = run_subprocess("grade", messy_notebook, "--json")
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report["score"] == report["max_score"] and report["error"] is None
    assert {"score", "max_score", "seed", "error", "exercises"} <= set(report)
