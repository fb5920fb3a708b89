"""Hide the kit's files from the worker: a private mount namespace with them covered up.

Where the kernel lets the grader (root) make a mount namespace, the worker gets one in which
every top-level entry of the kit (the reference, the autograder, its git history...) is covered
by an empty, unreadable tmpfs (a folder) or by /dev/null (a file). Only the Python environment
the worker runs from stays visible, for a virtual environment made inside the kit. The
grader's own view of the files is untouched. Elsewhere nothing is hidden; the README says so.
"""

import ctypes
import sys
from pathlib import Path

_CLONE_NEWNS = 0x00020000
_MS_BIND = 4096
_MS_REC = 16384
_MS_PRIVATE = 1 << 18


def hide_in_child(root: Path) -> bool:
    """In the child, before exec: cover `root`'s entries. True when they are hidden."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWNS) != 0:
            return False
        if libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
            return False
        keep = Path(sys.prefix).resolve()
        for entry in root.iterdir():
            resolved = entry.resolve()
            if resolved == keep or resolved in keep.parents or entry.is_symlink():
                continue
            target = bytes(entry)
            if entry.is_dir():
                libc.mount(b"tmpfs", target, b"tmpfs", 0, b"size=4k,mode=000")
            else:
                libc.mount(b"/dev/null", target, None, _MS_BIND, None)
        return True
    except OSError:
        return False


def worker_command(worker_path: Path) -> list:
    """The worker started from its source text (-c), since its own file is hidden from it."""
    return [sys.executable, "-I", "-c", worker_path.read_text()]

