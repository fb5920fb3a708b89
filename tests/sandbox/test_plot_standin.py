"""Is a submission that plots graded exactly as with the real matplotlib, while the stand-in
spares the worker the import of the real library wherever it can?

Each case is graded twice in one run: as the grader does it, and with the real library forced
on every worker (the grader before the stand-in). The two reports must agree on the score,
the hints, the notes and what the submission printed. A line the submission prints says
whether the real matplotlib was loaded in its worker: its compiled modules are in the
worker's memory map once it is.
"""

import numpy as np
import pytest

from autograder.grading import grader as grading
from autograder.grading.grader import grade_path
from autograder.judge.settings import Settings
from autograder.sandbox import PLOTTING, PRELOAD, Sandbox
from autograder.sandbox.plot_gate import REAL, STAND_IN, plot_mode
from autograder.sandbox.plot_standin import (AXIS_OPTIONS, COLORMAPS, COLORS, FONT_SIZES, MARKERS,
                                             PLOT_FORMATS, SERVED, SUBMODULES)
from tests.test_notebook_submissions import _function_sources, make_notebook

SEED = 3
SETUP = "import numpy as np\nimport matplotlib.pyplot as plt\n%matplotlib inline\n"
SETUP_PY = SETUP.replace("%matplotlib inline\n", "")
LOADED = "print('real matplotlib:', '/matplotlib/' in open('/proc/self/maps').read())\n"
"""Prints whether the real library is loaded, without naming it in a way the grader reads."""
DATA = ("X = np.random.RandomState(1).randn(2, 40)\n"
        "Y = (X[0:1] > 0).astype('uint8')\n"
        "costs = [0.693, 0.51, np.float64(0.32), 0.2]\n")

SERVED_CELLS = [
    DATA,
    "plt.figure(figsize=(6, 4))\n"
    "plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral);\n"
    "plt.scatter(X[0], X[1], c=Y.ravel(), cmap='viridis', alpha=0.5, marker='x', label='p')\n"
    "plt.scatter(list(X[0]), list(X[1]), c='r', s=10)\n"
    "plt.title('Decision Boundary for hidden layer size ' + str(4))\n"
    "plt.xlabel('x1', fontsize=12); plt.ylabel('x2', fontsize='large')\n"
    "plt.suptitle('All', fontsize=14.5)\n"
    "plt.show()\nplt.show(block=False)\n",
    "plt.plot(costs)\nplt.plot(np.squeeze(costs))\n"
    "plt.plot(np.arange(4), costs, 'b-', label='cost', linewidth=2, alpha=0.8)\n"
    "plt.plot([1, 2, 3], color='k', lw=1)\n"
    "plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)')\n"
    "plt.title('Learning rate =' + str(1.2))\nplt.show()\n",
    f"for form in {sorted(PLOT_FORMATS)!r}:\n    plt.plot([1, 2], [3, 4], form)\n"
    f"for marker in {list(MARKERS)!r}:\n    plt.scatter([1, 2], [3, 4], marker=marker)\n"
    f"for colour in {list(COLORS)!r}:\n    plt.plot([1, 2], color=colour)\n"
    f"for name in {list(COLORMAPS)!r}:\n    plt.scatter([1, 2], [3, 4], c=[0, 1], cmap=name)\n"
    + "".join(f"plt.scatter([1, 2], [3, 4], c=[0.5, 1], cmap=plt.cm.{name})\n"
              for name in COLORMAPS),
    "plt.close('all')\nfor i in range(20):\n    plt.figure()\n"
    "plt.close()\nplt.figure()\nplt.close('all')\nplt.close()\n"
    "plt.subplot(1, 2, 1); plt.axis('off'); plt.subplot(122); plt.grid(True); plt.grid()\n"
    "plt.xlim(0, 1); plt.ylim([-1, 1]); plt.xlim((5, 2))\n"
    f"for option in {list(AXIS_OPTIONS)!r}:\n    plt.axis(option)\n"
    f"for size in {list(FONT_SIZES)!r}:\n    plt.title('t', fontsize=size)\n"
    "import matplotlib\nmatplotlib.use('Agg')\nmatplotlib.use('agg', force=True)\n"
    "from matplotlib import pyplot\nfrom matplotlib.pyplot import title\n"
    "pyplot.plot([1, 2]); title('again')\n",
]
"""Served calls of every kind the stand-in serves, with every value it knows by name: none
may bring in the real library, and none may raise or print under it."""

GATE_FALLBACKS = {
    "subplots": "fig, ax = plt.subplots()\nax.plot([1, 2])\nprint(fig.get_size_inches())",
    "line": "line, = plt.plot([1, 2, 3])\nline.set_color('r')\nprint(line.get_color())",
    "colormap_argument": "def draw(cmap):\n    print(cmap.name, cmap(0.0))\n"
                         "draw(plt.cm.Spectral)",
    "import_colors": "import matplotlib.colors\nprint(matplotlib.colors.to_rgb('red'))",
    "isinstance": "import matplotlib\nprint(isinstance(plt.gcf(), matplotlib.figure.Figure))",
    "savefig": "plt.plot([1, 2])\nplt.savefig('fig.png')\nprint(open('fig.png', 'rb').read(4))",
    "gcf": "plt.figure(figsize=(3, 2))\nprint(plt.gcf().get_size_inches())",
    "rcparams": "plt.rcParams['figure.figsize'] = (5.0, 4.0)\nprint(plt.figure().get_figwidth())",
}
"""Uses only the real library serves: the grader's reading gives them the real library."""

RUNTIME_FALLBACKS = ("subplots", "colormap_argument", "import_colors", "isinstance", "savefig",
                     "gcf", "rcparams")
"""Those of them the stand-in itself hands over to the real library when it meets them, for
code the grader could not read (`line` is not among them: that is the reading's job)."""

FAILING = {
    "plot": "plt.plot([1, 2, 3], [1, 2])",
    "title": "plt.title('t', fontsize='enormous')",
    "scatter": "plt.scatter([1, 2], [1, 2, 3])",
    "use": "import matplotlib\nmatplotlib.use('no such backend')",
    "after_served_calls": "plt.figure(figsize=(4, 4)); plt.title('x')\nplt.plot([1, 2], 'q')",
}
"""Plotting that raises under real matplotlib: each a served call with arguments the stand-in
cannot vouch for."""

WARNING = {
    "too_many_figures": "for i in range(22):\n    plt.figure()",
    "colormap_with_nothing_to_map":
        "plt.scatter([1, 2, 3], [1, 2, 3], c=np.zeros((1, 3)), cmap=plt.cm.Spectral)",
}
"""Plotting real matplotlib warns about, in what the submission prints, at the student's line."""


def _notebook(tmp_path, reference_source, name, plotting_cells):
    cells = [SETUP, *plotting_cells, LOADED, *_function_sources(reference_source)]
    return make_notebook(tmp_path / f"{name}.ipynb", [("code", cell) for cell in cells])


def _graded(path, monkeypatch, plotting=None):
    """The report, as the grader makes it, or with `plotting` ((preload, stand-in)) forced."""
    with monkeypatch.context() as patch:
        if plotting is not None:
            patch.setattr(grading, "plotting_for", lambda sources: plotting)
        return grade_path(path, SEED)


def _seen(result) -> dict:
    """What a student and an instructor see of a report, the line about matplotlib aside."""
    lines = result.output.splitlines(True)
    return {"score": result.score, "error": result.error, "notes": result.notes,
            "exercises": [(e.name, e.score, e.hints, e.mistakes) for e in result.exercises],
            "output": "".join(line for line in lines if not line.startswith("real matplotlib"))}


def _real_library_loaded(result) -> bool:
    return "real matplotlib: True" in result.output


def test_served_plotting_is_graded_as_before_and_never_loads_the_real_library(
        tmp_path, reference_source, monkeypatch):
    path = _notebook(tmp_path, reference_source, "served", SERVED_CELLS)
    graded = _graded(path, monkeypatch)
    real = _graded(path, monkeypatch, (PLOTTING, False))
    assert _real_library_loaded(real)
    assert not _real_library_loaded(graded)  # so no call fell back either
    assert _seen(graded) == _seen(real)
    assert graded.score == graded.max_score and graded.notes == []
    assert _seen(real)["output"] == ""  # under the real library too, not a warning


def test_a_py_submission_that_plots_gets_full_marks_without_the_real_library(
        submission_with, monkeypatch):
    path = submission_with("import numpy as np\n",
                           f"{SETUP_PY}{DATA}"
                           "plt.plot(costs)\nplt.title('Costs')\nplt.show()\n" + LOADED)
    graded = _graded(path, monkeypatch)
    assert graded.score == graded.max_score and not _real_library_loaded(graded)
    assert _seen(graded) == _seen(_graded(path, monkeypatch, (PLOTTING, False)))


@pytest.mark.parametrize("case", GATE_FALLBACKS)
def test_each_use_only_the_real_library_serves_gets_it_and_full_marks(
        case, tmp_path, reference_source, monkeypatch):
    path = _notebook(tmp_path, reference_source, case, [GATE_FALLBACKS[case]])
    assert plot_mode([SETUP_PY, GATE_FALLBACKS[case]]) == REAL
    graded = _graded(path, monkeypatch)
    assert graded.score == graded.max_score and graded.notes == []
    assert _real_library_loaded(graded)
    assert _seen(graded) == _seen(_graded(path, monkeypatch, (PLOTTING, False)))


@pytest.mark.parametrize("case", RUNTIME_FALLBACKS)
def test_the_stand_in_hands_over_to_the_real_library_what_it_cannot_serve(
        case, tmp_path, reference_source, monkeypatch):
    path = _notebook(tmp_path, reference_source, case, [GATE_FALLBACKS[case]])
    forced = _graded(path, monkeypatch, (PRELOAD, True))
    assert _real_library_loaded(forced)
    assert _seen(forced) == _seen(_graded(path, monkeypatch, (PLOTTING, False)))
    assert forced.notes == []


@pytest.mark.parametrize("case", FAILING)
def test_plotting_that_raises_under_real_matplotlib_gets_the_same_note(
        case, tmp_path, reference_source, monkeypatch):
    path = _notebook(tmp_path, reference_source, case, [FAILING[case]])
    assert plot_mode([SETUP_PY, FAILING[case]]) == STAND_IN
    graded = _graded(path, monkeypatch)
    real = _graded(path, monkeypatch, (PLOTTING, False))
    assert len(real.notes) == 1 and "Code cell 2 raised" in real.notes[0]
    assert _seen(graded) == _seen(real)


def test_a_py_whose_plotting_raises_stops_at_import_as_before(submission_with, monkeypatch):
    path = submission_with("import numpy as np\n",
                           f"{SETUP_PY}plt.plot([1, 2], [1])\n")
    graded = _graded(path, monkeypatch)
    assert graded.error is not None and "ValueError" in graded.error
    assert _seen(graded) == _seen(_graded(path, monkeypatch, (PLOTTING, False)))


@pytest.mark.parametrize("case", WARNING)
def test_a_warning_of_the_real_library_points_at_the_students_line(
        case, tmp_path, reference_source, monkeypatch):
    path = _notebook(tmp_path, reference_source, case, [WARNING[case]])
    graded = _graded(path, monkeypatch)
    assert "<cell code 2>:" in graded.output and "Warning" in graded.output
    assert _seen(graded) == _seen(_graded(path, monkeypatch, (PLOTTING, False)))


MODULES_SEEN = '''
import sys
import matplotlib.pyplot as plt

def plotting_modules(x):
    return sorted(name for name in sys.modules if name.startswith(("matplotlib", "mpl")))

def size_after_fall_back(x):
    plt.figure(figsize=(2, 3))
    size = list(plt.gcf().get_size_inches())  # gcf is not served: the real library comes
    return [size, "matplotlib.figure" in sys.modules, type(sys.modules["matplotlib"].cm).__name__]
'''


def test_a_worker_with_the_stand_in_has_imported_nothing_of_matplotlib():
    box = Sandbox([("<submission>", MODULES_SEEN)], Settings(call_timeout_s=10), preload=PRELOAD,
                  plot_stand_in=True)
    box.start()
    try:
        assert box.wait_ready().status == "ready"
        assert box.call("plotting_modules", (np.zeros(1),)).value == [
            "matplotlib", "matplotlib.cm", "matplotlib.pyplot"]
        assert box.call("size_after_fall_back", (np.zeros(1),)).value == [[2.0, 3.0], True,
                                                                          "module"]
    finally:
        box.close()


def test_the_stand_in_names_only_what_real_matplotlib_has():
    import matplotlib
    import matplotlib.cm
    import matplotlib.colors
    import matplotlib.pyplot
    from matplotlib.font_manager import FontProperties
    from matplotlib.markers import MarkerStyle

    for module, functions in SERVED.items():
        for name in functions:
            assert callable(getattr(matplotlib.pyplot if module == "matplotlib.pyplot"
                                    else matplotlib, name)), (module, name)
    for module, submodules in SUBMODULES.items():
        for name, submodule in submodules.items():
            assert getattr(__import__(module, fromlist=["_"]), name).__name__ == submodule
    for name in COLORMAPS:
        assert isinstance(getattr(matplotlib.cm, name), matplotlib.colors.Colormap), name
    assert all(matplotlib.colors.is_color_like(colour) for colour in COLORS)
    for marker in MARKERS:
        MarkerStyle(marker)
    for size in FONT_SIZES:
        FontProperties(size=size)


def test_the_real_librarys_import_is_not_counted_against_the_students_time_limit():
    """The worker's timer for a call is stopped while the stand-in brings in the real library,
    which a zygote used to import before any student code ran."""
    import signal

    from autograder.sandbox.plot_standin import _off_the_clock

    previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
    signal.setitimer(signal.ITIMER_REAL, 600)
    try:
        during = _off_the_clock(lambda: signal.getitimer(signal.ITIMER_REAL)[0])
        after = signal.getitimer(signal.ITIMER_REAL)[0]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert during == 0.0
    assert 500 < after <= 600
