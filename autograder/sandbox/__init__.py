"""The sandbox: student code runs here, never in the grader's process.

box.py holds `Sandbox`, one worker per submission, and what starts and probes workers;
worker.py is the only code that runs beside a submission, forked by zygote.py's zygote and
spoken to over channel.py's socket; confinement.py gives each worker its own namespaces and
root, hiding.py covers the kit where no namespace can be had, processes.py caps a worker's
processes; plot_gate.py decides which submissions get plot_standin.py, a stand-in for
matplotlib.
"""

_MODULES = {"PLOTTING": "launch", "PRELOAD": "launch", "spawn_zygote": "launch",
            "start_zygote": "zygote", "Sandbox": "box", "plotting_for": "box",
            "worker_problem": "box", "worker_user": "box"}
"""Each name's module."""
__all__ = sorted(_MODULES)


def __getattr__(name):
    """The sandbox's names, each imported when first asked for: spawning the zygote
    (launch.py) must not wait for box.py and all it imports (issue 19)."""
    if name in __all__:
        import importlib

        module = importlib.import_module("autograder.sandbox." + _MODULES[name])
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
