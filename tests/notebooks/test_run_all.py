"""The student notebook, "Run All" with two mistakes, runs to the end (issue 19).

A failing check shows its hints on standard error (red in Jupyter) and lets the next cells
run; a provided cell that fails on what the student's functions returned says which of them to
look at, and the notebook runs on. nbgrader's points are decided outside the kernel
(integrations/nbgrader/points.py), so the autograded run still scores those functions 0: see
tests/notebooks/test_nbgrader.py.
"""

import ast
import re

import nbformat
from nbclient import NotebookClient

from autograder.paths import RELEASE_NOTEBOOK
from tests.conftest import REFERENCE

MISTAKES = {"db = np.sum(dZ, axis=1, keepdims=True) / m": "db = np.sum(dZ, axis=1) / m",
            "dW = np.dot(dZ, A_prev.T) / m": "dW = 1 // m * np.dot(dZ, A_prev.T)"}


def student_notebook(mistakes: dict):
    """The release notebook with every exercise written, the reference's code with `mistakes`."""
    source = REFERENCE.read_text()
    for old, new in mistakes.items():
        source = source.replace(old, new)
    lines = source.splitlines()
    functions = {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno])
                 for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
    notebook = nbformat.read(str(RELEASE_NOTEBOOK), as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in functions:
            cell.source = functions[grade_id]
    return notebook


def run_all(notebook):
    """Execute every cell in order, as nbconvert --execute does without --allow-errors: the
    first cell that raises stops the run with CellExecutionError."""
    NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(RELEASE_NOTEBOOK.parent)}}).execute()
    return notebook


def outputs(cell) -> str:
    return "\n".join(output.get("text", "") for output in cell.get("outputs", []))


def test_two_mistakes_run_to_the_end_with_both_hints_shown():
    notebook = run_all(student_notebook(MISTAKES))  # raises if any cell raised
    text = "\n".join(outputs(cell) for cell in notebook.cells)
    flat = " ".join(text.split())
    assert "[B19]" in flat and "[R-floor-division]" in flat
    assert "compute_dW does not pass yet" in flat and "compute_db does not pass yet" in flat
    # the hints are on standard error, which Jupyter shows on a red ground
    failing = [output for cell in notebook.cells for output in cell.get("outputs", [])
               if "does not pass yet" in output.get("text", "")]
    assert failing and all(output.get("name") == "stderr" for output in failing)
    assert "Exception reporting mode" not in text
    # the training cell, which uses every function, says whose value it failed on
    training = next(cell for cell in notebook.cells if "nn_model(X_flower" in cell.source)
    said = " ".join(outputs(training).split())
    assert "The training stopped" in said and "compute_dW and compute_db" in said
    assert notebook.cells[-1].get("execution_count") is not None, "the last cell ran"


def test_a_right_notebook_trains_and_passes_every_check():
    notebook = run_all(student_notebook({}))
    text = "\n".join(outputs(cell) for cell in notebook.cells)
    assert len(re.findall(r"✓ \w+ passed on \d+ sets of inputs", text)) == 7
    assert "does not pass" not in text and "stopped" not in text
    assert "Your network (n_h = 4):" in text
