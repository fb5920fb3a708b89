"""Does a notebook from the original course, its helper modules absent, read cleanly?

One note per root cause (a module that could not be imported, an error of another kind), the
NameErrors it caused folded under it, "the other cells still ran" said once; the provided
sigmoid supplied, so that the graded functions are judged on their own code; and a visible
check shows its message and nothing else.
"""

import nbformat
import pytest

from autograder.grading.cell_notes import STILL_RAN, cell_error_notes
from autograder.grading.grader import grade_path
from tests.conftest import KIT_ROOT, grade_json
from tests.test_notebook_submissions import _function_sources, make_notebook

SUPPLIED = ("Your notebook uses sigmoid but does not define it (it came from planar_utils, "
            "which is not here); the grader supplied the assignment's own sigmoid so that your "
            "functions are judged on their own code.")


def graded_functions(reference_source: str) -> list:
    """The reference's graded functions, one per cell, without sigmoid (nor any helper)."""
    return _function_sources(reference_source.split("# Provided")[0])


@pytest.fixture
def course_notebook(tmp_path, reference_source):
    """Laid out as the course's notebook is, with its helper modules absent.

    Code cells, as the notes number them without execution counts (the markdown cell does not
    count, issue 19): imports 1-5, the data 6-7, the graded functions 8-14, the course's test
    cells 15-18, a numpy error in 19.
    """
    functions = graded_functions(reference_source)
    assert len(functions) == 7 and not any(f.startswith("def sigmoid") for f in functions)
    cells = [("md", "# Planar data classification with one hidden layer"),
             ("code", "import numpy as np"),
             ("code", "import matplotlib.pyplot as plt"),
             ("code", "from testCases_v2 import *"),
             ("code", "import sklearn.datasets"),
             ("code", "from planar_utils import plot_decision_boundary, sigmoid, "
                      "load_planar_dataset"),
             ("code", "X, Y = load_planar_dataset()"),
             ("code", "shape_X = X.shape\nprint('The shape of X is: ' + str(shape_X))")]
    cells += [("code", function) for function in functions]
    cells += [("code", "X_assess, parameters = forward_propagation_test_case()"),
              ("code", "A2, cache = forward_propagation(X_assess, parameters)\n"
                       "print(np.mean(cache['Z1']), np.mean(cache['A2']))"),
              ("code", "clf = sklearn.linear_model.LogisticRegressionCV()"),
              ("code", "plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)"),
              ("code", "a = np.ones((2, 3))\nb = np.dot(a, a)")]
    return make_notebook(tmp_path / "Planar_data_classification.ipynb", cells)


def check_course_notes(notes: list) -> None:
    """The notes the course notebook must get, from grade_path or from the command line."""
    text = "\n".join(notes)
    assert len(notes) == 5, notes  # three modules, the numpy error, the supplied sigmoid
    by_root = {module: [note for note in notes if f"could not import {module} " in note]
               for module in ("testCases_v2", "sklearn", "planar_utils")}
    assert all(len(found) == 1 for found in by_root.values()), by_root
    (tests,), (sklearn,), (planar,) = by_root.values()
    available = "only the standard library, numpy and matplotlib are available to your code."
    assert tests == (
        f"Code cell 3 could not import testCases_v2 (No module named 'testCases_v2'): "
        f"{available} Code cell 15 then stopped on a name defined nowhere in your notebook, "
        "which `from testCases_v2 import *` may have given (forward_propagation_test_case); "
        "code cell 16 on a name left undefined because of it (X_assess).")
    assert sklearn == (
        f"Code cell 4 could not import sklearn (No module named 'sklearn'): {available} Code "
        "cell 17 then stopped on a name it would have given (sklearn).")
    assert planar == (
        f"Code cell 5 could not import planar_utils (No module named 'planar_utils'): "
        f"{available} Code cells 6 and 18 then stopped on names it would have given "
        "(load_planar_dataset, plot_decision_boundary); code cell 7 on a name left undefined "
        "because of it (X).")
    numpy_error = [note for note in notes if "ValueError" in note]
    assert len(numpy_error) == 1
    assert numpy_error[0].startswith("Code cell 19 raised ValueError on line 2 "
                                     "(`b = np.dot(a, a)`): shapes (2,3) and (2,3) not aligned")
    # Folded, not repeated: no cell's NameError has a note of its own.
    assert "NameError" not in text
    assert text.count("The other cells still ran") == 1
    assert text.count(SUPPLIED) == 1
    assert "<provided>" not in text and "Cell 21" not in text


def test_course_notebook_gets_full_marks_and_one_note_per_root_cause(course_notebook):
    result = grade_path(course_notebook, 5)
    assert result.error is None
    assert result.score == result.max_score, [(e.name, e.hints) for e in result.exercises]
    check_course_notes(result.notes)
    assert result.grader_errors == []


@pytest.mark.slow
def test_course_notebook_notes_are_the_same_from_the_command_line(course_notebook):
    report = grade_json(course_notebook, "--seed", "5")
    assert report["score"] == report["max_score"] and report["error"] is None
    check_course_notes(report["notes"])
    assert report["notes"] == grade_path(course_notebook, 5).notes


def test_a_py_that_uses_sigmoid_without_defining_it_gets_it_supplied(tmp_path,
                                                                       reference_source):
    path = tmp_path / "submission.py"
    path.write_text("import numpy as np\n\n\n" + "\n\n".join(graded_functions(reference_source)))
    result = grade_path(path, 2)
    assert result.error is None
    assert result.score == result.max_score, [(e.name, e.hints) for e in result.exercises]
    assert result.notes == ["Your file uses sigmoid but does not define it; the grader "
                            "supplied the assignment's own sigmoid so that your functions are "
                            "judged on their own code."]


def test_a_sigmoid_of_the_students_own_is_kept_even_when_wrong(tmp_path, reference_source):
    """The supplied helper never replaces the student's: their wrong sigmoid still fails."""
    cells = [("code", "import numpy as np"),
             ("code", "from planar_utils import sigmoid"),
             ("code", "def sigmoid(z):\n    return 1 / (1 + np.exp(z))")]
    cells += [("code", function) for function in graded_functions(reference_source)]
    result = grade_path(make_notebook(tmp_path / "own.ipynb", cells), 2)
    scores = {e.name: e.passed for e in result.exercises}
    assert scores["forward_propagation"] is False and scores["compute_dZ2"] is True
    assert not any("supplied" in note for note in result.notes)


def test_a_sigmoid_defined_at_run_time_is_kept_and_not_called_supplied(tmp_path,
                                                                        reference_source):
    """No def the grader can read, so it adds the helper cell; the run shows it was defined."""
    cells = [("code", "import numpy as np"),
             ("code", "globals()['sigmoid'] = lambda z: 1 / (1 + np.exp(-z))")]
    cells += [("code", function) for function in graded_functions(reference_source)]
    result = grade_path(make_notebook(tmp_path / "dynamic.ipynb", cells), 2)
    assert result.score == result.max_score
    assert result.notes == []


def error(cell, kind, message, lineno=1, function="<module>"):
    return {"type": kind, "message": message, "lineno": lineno, "cell": f"<cell code {cell}>",
            "function": function}


def test_a_name_left_unset_by_a_failed_assignment_folds_under_that_error():
    cells = [("<cell code 1>", "import numpy as np"),
             ("<cell code 2>", "a = np.ones((2, 3))\nW = np.dot(a, a)"),
             ("<cell code 3>", "print(W)"),
             ("<cell code 4>", "W + 1")]
    notes = cell_error_notes(cells, [
        error(2, "ValueError", "shapes (2,3) and (2,3) not aligned", lineno=2),
        error(3, "NameError", "name 'W' is not defined"),
        error(4, "NameError", "name 'W' is not defined")])
    assert notes == ["Code cell 2 raised ValueError on line 2 (`W = np.dot(a, a)`): shapes "
                     "(2,3) and (2,3) not aligned. Code cells 3 and 4 then stopped on a name it "
                     f"would have set (W). {STILL_RAN}"]


def test_a_name_the_failed_cell_had_already_set_is_not_blamed_on_it():
    """W was bound on line 1, before the error on line 2: something else unbound it."""
    cells = [("<cell code 1>", "W = 1\nraise ValueError('late')"), ("<cell code 2>", "del W"),
             ("<cell code 3>", "W + 1")]
    notes = cell_error_notes(cells, [error(1, "ValueError", "late", lineno=2),
                                     error(3, "NameError", "name 'W' is not defined")])
    assert len(notes) == 2
    assert notes[1] == ("Code cell 3 raised NameError on line 1 (`W + 1`): name 'W' is not "
                        f"defined. {STILL_RAN}")


def test_one_import_cell_that_stops_early_explains_what_its_later_lines_would_have_given():
    """The course's own first cell: every import in one cell, the first missing one stops it.

    A name bound nowhere may come from its `import *`, or be a typo: the note says "may".
    """
    cells = [("<cell code 1>", "import numpy as np\nfrom testCases_v2 import *\n"
                          "from planar_utils import load_planar_dataset"),
             ("<cell code 2>", "X, Y = load_planar_dataset()"),
             ("<cell code 3>", "X_assess = layer_sizes_test_case()"),
             ("<cell code 4>", "typo_name + 1")]
    notes = cell_error_notes(cells, [
        error(1, "ModuleNotFoundError", "No module named 'testCases_v2'", lineno=2),
        error(2, "NameError", "name 'load_planar_dataset' is not defined"),
        error(3, "NameError", "name 'layer_sizes_test_case' is not defined"),
        error(4, "NameError", "name 'typo_name' is not defined")])
    assert notes == [
        "Code cell 1 could not import testCases_v2 (No module named 'testCases_v2'): only the "
        "standard library, numpy and matplotlib are available to your code. Code cell 2 then "
        "stopped on a name it would have given (load_planar_dataset); code cells 3 and 4 on names "
        "defined nowhere in your notebook, which `from testCases_v2 import *` may have given "
        f"(layer_sizes_test_case, typo_name). {STILL_RAN}"]


def test_two_cells_that_cannot_import_the_same_module_are_one_cause():
    cells = [("<cell code 1>", "from planar_utils import sigmoid"),
             ("<cell code 2>", "from planar_utils import load_planar_dataset"),
             ("<cell code 3>", "X = load_planar_dataset()")]
    missing = "No module named 'planar_utils'"
    notes = cell_error_notes(cells, [error(1, "ModuleNotFoundError", missing),
                                     error(2, "ModuleNotFoundError", missing),
                                     error(3, "NameError",
                                           "name 'load_planar_dataset' is not defined")])
    assert len(notes) == 1
    assert notes[0].startswith("Code cells 1 and 2 could not import planar_utils")
    assert "Code cell 3 then stopped on a name they would have given (load_planar_dataset)." \
        in notes[0]


def test_a_visible_check_shows_its_message_and_nothing_else(tmp_path):
    """Run in a real Jupyter kernel: the cell's only output is the line check prints."""
    from nbclient import NotebookClient

    setup = ("from autograder.answers import cases\nfrom autograder.judge import visible\n"
             "visible._CALLS['compute_dZ2'] = cases.make_calls('compute_dZ2', 1)\n"
             "def compute_dZ2(A2, Y):\n    return A2 - Y\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(setup),
                      nbformat.v4.new_code_cell('visible.check("compute_dZ2", compute_dZ2)'),
                      nbformat.v4.new_code_cell('visible.check("compute_dZ2", compute_dZ2)'
                                                '.passed')]
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(KIT_ROOT)}}).execute()
    outputs = notebook.cells[1].outputs
    assert [output.output_type for output in outputs] == ["stream"], outputs
    assert outputs[0].text.startswith("✓ compute_dZ2 passed on")
    # The verdict is still there for code that asks for it.
    assert notebook.cells[2].outputs[-1]["data"]["text/plain"] == "True"
