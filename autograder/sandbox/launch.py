"""Start the zygote, which forks every worker, with as little imported as possible.

`grade` and `batch` start the zygote first thing, so that it imports numpy in a process of its
own while the grader imports itself: the sooner it starts, the less a run waits for it. So this
module imports only the standard library and the modules that say how a worker is started
(hiding.py, zygote.py, confinement.py), not box.py and what it imports (issue 19,
bench/startup.py).
"""

import json
import os

from autograder.paths import KIT_ROOT
from autograder.sandbox.confinement import WITHOUT_LANDLOCK
from autograder.sandbox.hiding import paths_to_hide, worker_command
from autograder.sandbox.zygote import shared_zygote

PRELOAD = ("numpy",)
"""What every worker has imported before the submission runs: numpy, as the assignment does."""
PLOTTING = PRELOAD + ("matplotlib.pyplot",)
"""For submissions that use matplotlib in a way its stand-in cannot serve (plot_gate.py): a
zygote with the real library imported, started when the first of them comes."""
_PASSED_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LANG", "LC_ALL")
UNCONFINED_FOR_BENCHMARKS = "BACKPROP_KIT_BENCHMARK_UNCONFINED"
"""Set to 1 in the grader's environment, workers are not confined (confinement.py): only for
bench/confinement_cost.py, which measures what the confinement costs."""


def start_zygote(preload: tuple = PRELOAD):
    """The zygote that forks workers with `preload` imported, started now if there is none.

    Batch grading calls it first thing, so that the zygote imports numpy while the grader
    imports its own modules and reads the class's folder.
    """
    return shared_zygote(worker_command(), _zygote_environment(), preload)


def _zygote_environment() -> dict:
    """The zygote's environment, which every worker inherits (HOME, TMPDIR and MPLCONFIGDIR
    are each worker's own folder)."""
    environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1",
                   "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                   "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    for name in _PASSED_ENVIRONMENT:
        if name in os.environ:
            environment[name] = os.environ[name]
    if os.environ.get(UNCONFINED_FOR_BENCHMARKS) == "1":
        environment["BACKPROP_KIT_UNCONFINED"] = "1"
    if os.environ.get(WITHOUT_LANDLOCK) == "1":  # the tests' way to try the other path
        environment[WITHOUT_LANDLOCK] = "1"
    # The kit's entries, covered where a worker could see them (in its root, or, where no
    # namespace can be had, by cover_paths); the zygote takes this out of its environment.
    environment["BACKPROP_KIT_HIDE"] = json.dumps(list(paths_to_hide(KIT_ROOT)))
    return environment
