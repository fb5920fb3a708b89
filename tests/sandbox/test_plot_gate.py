"""Does the grader give the stand-in for matplotlib only to code that never looks at what a
plotting call returns, and the real library to everything else?"""

import pytest

from autograder.sandbox import PLOTTING, PRELOAD, plotting_for
from autograder.sandbox.plot_gate import NO_PLOTS, REAL, STAND_IN, plot_mode

SETUP = "import numpy as np\nimport matplotlib.pyplot as plt\n"

SERVED = {
    "only the import": "",
    "the course's scatter": "plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral);",
    "a learning curve": "plt.plot(np.squeeze(costs))\nplt.ylabel('cost')\nplt.show()",
    "inside a function": "def show_costs(costs):\n    plt.plot(costs)\n    plt.title('Costs')\n",
    "matplotlib.use": "import matplotlib\nmatplotlib.use('Agg')",
    "from matplotlib import pyplot": "from matplotlib import pyplot\npyplot.plot([1, 2])",
    "from pyplot import a function": "from matplotlib.pyplot import title\ntitle('x')",
    "a colormap from cm": "from matplotlib import cm\nplt.scatter(x, y, c=y, cmap=cm.viridis)",
    "pyplot through matplotlib": "import matplotlib.pyplot\nmatplotlib.pyplot.show()",
    "an argument evaluated by the student": "plt.title('n_h = ' + str(4))",
}

REAL_NEEDED = {
    "fig, ax = plt.subplots()": "fig, ax = plt.subplots()\nax.plot([1, 2])",
    "line, = plt.plot(x)": "line, = plt.plot([1, 2])",
    "a colormap given to the student's helper": "draw(plt.cm.Spectral)",
    "import matplotlib.colors": "import matplotlib.colors",
    "from matplotlib import colors": "from matplotlib import colors",
    "isinstance with matplotlib.figure":
        "import matplotlib\nisinstance(f, matplotlib.figure.Figure)",
    "savefig then reading the file": "plt.savefig('f.png')\nopen('f.png', 'rb').read()",
    "plt.gcf().get_size_inches()": "size = plt.gcf().get_size_inches()",
    "rcParams": "plt.rcParams['figure.figsize'] = (5.0, 4.0)",
    "plt handed to a helper": "draw(plt)",
    "a function kept, not called": "show = plt.show",
    "a call whose value is printed": "print(plt.title('x'))",
    "a star import": "from matplotlib.pyplot import *",
    "pylab": "import pylab",
    "plt rebound": "plt = None",
    "a parameter named plt": "def draw(plt):\n    plt.show()",
    "sys.modules": "import sys\nsys.modules['matplotlib.pyplot'].title('x')",
    "exec": "exec('plt.title(1)')",
    "importlib": "import importlib",
    "a name the stand-in does not serve": "plt.imshow(image)",
    "a colormap it does not know": "plt.scatter(x, y, c=y, cmap=plt.cm.NoSuchMap)",
}


@pytest.mark.parametrize("code", SERVED.values(), ids=SERVED.keys())
def test_code_that_only_draws_gets_the_stand_in(code):
    assert plot_mode([SETUP, code]) == STAND_IN
    assert plotting_for([SETUP, code]) == (PRELOAD, True)


@pytest.mark.parametrize("code", REAL_NEEDED.values(), ids=REAL_NEEDED.keys())
def test_code_that_uses_what_matplotlib_returns_gets_the_real_library(code):
    assert plot_mode([SETUP, code]) == REAL
    assert plotting_for([SETUP, code]) == (PLOTTING, False)


def test_code_without_matplotlib_needs_neither():
    assert plot_mode(["import numpy as np\nx = np.ones(3)\n"]) == NO_PLOTS
    assert plotting_for(["import numpy as np\n"]) == (PRELOAD, False)


def test_the_uses_are_read_across_cells_and_a_cell_that_does_not_parse_is_left_out():
    assert plot_mode([SETUP, "def broken(:\n", "plt.title('x')"]) == STAND_IN
    assert plot_mode([SETUP, "def broken(:\n", "fig = plt.figure()"]) == REAL
