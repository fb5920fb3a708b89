"""Does a worker given the stand-in for matplotlib run plotting code without the real library,
and bring the real one in, with the calls served so far, for what the stand-in cannot serve?"""

import numpy as np

from autograder.sandbox import PRELOAD, Sandbox
from autograder.sandbox.plot_standin import (COLORMAPS, COLORS, FONT_SIZES, MARKERS, SERVED,
                                             SUBMODULES)
from autograder.settings import Settings


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
