"""Hide the kit's files from the worker: a private mount namespace with them covered up.

Where the kernel lets the grader (root) make a mount namespace, the worker gets one in which
every top-level entry of the kit (the reference, the autograder, its git history...) is covered
by an empty, unreadable tmpfs (a folder) or by /dev/null (a file). Only the Python environment
the worker runs from stays visible, for a virtual environment made inside the kit. The
grader's own view of the files is untouched. Elsewhere nothing is hidden; docs/security.md says so.
"""

import functools
import sys
from pathlib import Path

from autograder.paths import WORKER, WORKER_SOURCES


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


def worker_command() -> list:
    """The zygote's command: worker.py run from its source text (-c), so that no file of the
    kit needs to stay visible for it; the values' encoding (judge/encoding.py), the tracer
    (judge/tracing.py), the confinement (confinement.py) and the stand-in for matplotlib
    (plot_standin.py) travel in the same text (paths.WORKER_SOURCES)."""
    parts = [path.read_text() for path in (*WORKER_SOURCES, WORKER)]
    return [sys.executable, "-I", "-c", "\n\n".join(parts)]
