"""Hide the kit's files from the worker: a private mount namespace with them covered up.

Where the kernel lets the grader (root) make a mount namespace, the worker gets one in which
every top-level entry of the kit (the reference, the autograder, its git history...) is covered
by an empty, unreadable tmpfs (a folder) or by /dev/null (a file). Only the Python environment
the worker runs from stays visible, for a virtual environment made inside the kit. The
grader's own view of the files is untouched. Elsewhere nothing is hidden; the README says so.
"""

import functools
import sys
from pathlib import Path


@functools.lru_cache(maxsize=4)
def paths_to_hide(root: Path) -> tuple:
    """Every top-level entry of `root` but the Python environment the worker runs from."""
    keep = Path(sys.prefix).resolve()
    hidden = []
    for entry in sorted(root.iterdir()):
        resolved = entry.resolve()
        if resolved == keep or resolved in keep.parents or entry.is_symlink():
            continue
        hidden.append(str(entry))
    return tuple(hidden)


def worker_command(worker_path: Path) -> list:
    """The zygote's command: worker.py run from its source text (-c), so that no file of the
    kit needs to stay visible for it; the values' encoding (values.py), the tracer (tracing.py),
    the confinement (confinement.py) and the stand-in for matplotlib (plot_standin.py) travel
    in the same text."""
    parts = [worker_path.with_name(name).read_text()
             for name in ("values.py", "tracing.py", "confinement.py", "plot_standin.py")]
    return [sys.executable, "-I", "-c", "\n\n".join([*parts, worker_path.read_text()])]
