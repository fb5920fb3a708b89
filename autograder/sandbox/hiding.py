"""What a worker is started from, and what of the kit it must not see.

Where the kernel lets the grader (root) make a mount namespace, the worker gets one in which
every top-level entry of the kit (the reference, the autograder, its git history...) is covered
by an empty, unreadable tmpfs (a folder) or by /dev/null (a file). Only the Python environment
the worker runs from stays visible, for a virtual environment made inside the kit. The
grader's own view of the files is untouched. Elsewhere nothing is hidden; docs/security.md says so.

launch.py spawns the zygote before the grader imports anything, so this module imports only
os and sys, and finds the kit from its own file, as the jail's launcher does (paths.py cannot be
imported without pathlib; tests/test_layout.py holds the two to the same files).
"""

import os
import sys

KIT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
"""The repository (paths.KIT_ROOT)."""
WORKER_TEXT = tuple(os.path.join(KIT_ROOT, "autograder", *parts) for parts in (
    ("judge", "encoding.py"), ("judge", "tracing.py"), ("sandbox", "confinement.py"),
    ("sandbox", "plot_standin.py"), ("sandbox", "worker.py")))
"""The worker's source text, in order (paths.WORKER_SOURCES, then paths.WORKER): the encoding
of values, the tracer, the confinement, the stand-in for matplotlib, and worker.py. Each imports
only the standard library and numpy."""

BOOTSTRAP = '''import sys


def _worker_code(text, folder):
    """The worker's source text compiled, or read from the zygote's folder, where the first
    zygote of this text and this Python left it (marshal's format is the Python's own)."""
    import hashlib
    import marshal
    import os

    path = None
    if folder:
        digest = hashlib.sha256(f"{sys.version}\\0{text}".encode()).hexdigest()
        path = os.path.join(folder, digest[:40] + ".code")
        try:
            with open(path, "rb") as handle:
                return marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    code = compile(text, "<string>", "exec")
    if path:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            partial = f"{path}.{os.getpid()}"
            with open(partial, "wb") as handle:
                marshal.dump(code, handle)
            os.replace(partial, path)
            _keep_newest(folder, 8)
        except OSError:
            pass
    return code


def _keep_newest(folder, count):
    import os

    kept = sorted((entry for entry in os.scandir(folder) if entry.name.endswith(".code")),
                  key=lambda entry: entry.stat().st_mtime, reverse=True)
    for entry in kept[count:]:
        os.unlink(entry.path)


_code = _worker_code(sys.argv.pop(1), sys.argv.pop(1))
del _worker_code, _keep_newest
exec(_code)
'''
"""The zygote's `-c` text: it runs the worker's source text, given as its first argument,
compiled once per version of the kit and kept in the zygote's folder (0.02 s a start saved),
then run in the zygote's own module, as the text itself was before."""


def paths_to_hide(root: str) -> tuple:
    """Every top-level entry of `root` but the Python environment the worker runs from."""
    keep = os.path.realpath(sys.prefix)
    hidden = []
    for entry in sorted(os.listdir(root)):
        path = os.path.join(root, entry)
        resolved = os.path.realpath(path)
        if (resolved == keep or keep.startswith(resolved.rstrip(os.sep) + os.sep)
                or os.path.islink(path)):
            continue
        hidden.append(path)
    return tuple(hidden)


def worker_command(code_folder=None) -> list:
    """The zygote's command: the bootstrap, then worker.py's source text with what travels in
    it, run from text (-c) so that no file of the kit needs to stay visible for it.
    code_folder: where the compiled text is kept (the zygote's folder), or None."""
    parts = []
    for path in WORKER_TEXT:
        with open(path, encoding="utf-8") as handle:
            parts.append(handle.read())
    return [sys.executable, "-I", "-c", BOOTSTRAP, "\n\n".join(parts), code_folder or ""]
