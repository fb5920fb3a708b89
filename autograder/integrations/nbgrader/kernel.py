"""The kernels `nbgrader autograde` starts, each in a jail (jail.py), and the notebook's
folder made safe for nbgrader to write once the kernel is gone.

nbgrader_config.py puts JailedExecute in place of nbgrader's Execute (with_jailed_kernel below).
It has to be the class that changes: nbgrader's Execute passes its kernel_manager_class to
nbclient as an argument, which wins over configuration, so `c.Execute.kernel_manager_class`
is silently ignored.

JailedKernelManager prefixes the kernel's command with the launcher, which gets the course
directory and the paths below read-only; nbgrader's process itself is not jailed: the
preprocessors after Execute (GraderPoints, SaveAutoGrades) and the grader they start keep
their rights. After the kernel, it waits until nothing of its jail is left, then removes from
the notebook's folder (the one folder of the course the kernel could write) every symbolic link
and special file: nbgrader writes the graded notebook there and chmods every file in it, and
would follow a link the kernel had left (backprop.ipynb -> ../../../gradebook.db), and block on
a FIFO, in its own, unjailed, process.
"""

import asyncio
import os
import site
import stat
import sys
import time

from jupyter_client import AsyncKernelManager
from jupyter_core.paths import jupyter_config_dir, jupyter_config_path, jupyter_runtime_dir
from nbgrader.preprocessors import Execute
from traitlets import Unicode

from autograder.integrations.nbgrader.points import preprocessor_name
from autograder.paths import JAIL_LAUNCHER, KIT_ROOT

LAUNCHER = JAIL_LAUNCHER
JAIL_EXIT_TIMEOUT_S = 5.0
"""How long the manager waits, after the kernel, for the last process of its jail to go (the
kernel's end kills them all at once: this is milliseconds)."""


def jail_command(command, course, connection_file=None) -> list:
    """The kernel's command, run by the launcher with the course and configuration_paths()
    read-only and Jupyter's runtime folder hidden but for `connection_file`.

    `python -I` by file: its working directory is the student's folder (see jail.py)."""
    prefix = [sys.executable, "-I", str(LAUNCHER), "--course", str(course)]
    for path in configuration_paths():
        prefix += ["--read-only", path]
    prefix += ["--hide", jupyter_runtime_dir()]
    if connection_file:
        prefix += ["--connection-file", str(connection_file)]
    return prefix + ["--", *command]


def configuration_paths() -> list:
    """What configures nbgrader's later runs, besides the course and the Python that the
    launcher covers itself: Jupyter's configuration folders (a nbgrader_config.py planted in
    ~/.jupyter would run in `nbgrader export`'s process) and, for a Python without a virtual
    environment, the user's site-packages (a .pth there runs in every later Python). The
    user's own two are created if missing, so that the kernel cannot create them either."""
    own = [jupyter_config_dir()]
    if site.ENABLE_USER_SITE and site.getusersitepackages():
        own.append(site.getusersitepackages())
    for path in own:
        try:
            os.makedirs(path, exist_ok=True)
        except OSError:  # then the kernel, as the same user, cannot make it either
            pass
    found = []
    for path in own + jupyter_config_path():
        if os.path.isdir(path) and path not in found:
            found.append(path)
    return found


class JailedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, with the kernel started by jail.py."""

    course_directory = Unicode(str(KIT_ROOT), help=(
        "The course directory, read-only to the kernel but for the notebook's own folder "
        "(the kernel's working directory). Default: the kit's root, which nbgrader_config.py "
        "makes the course directory.")).tag(config=True)

    _jail = None

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        connection_file = os.path.realpath(self.connection_file) if self.transport == "tcp" \
            else None  # with ipc the kernel makes its sockets beside it
        return jail_command(command, self.course_directory, connection_file)

    async def shutdown_kernel(self, now=False, restart=False):
        self._jail = jail_of(self.provisioner)  # while the launcher is still there to ask
        await super().shutdown_kernel(now=now, restart=restart)

    async def cleanup_resources(self, restart=False):
        await super().cleanup_resources(restart=restart)
        try:
            if self._jail and not await wait_for_jail_to_empty(self._jail):
                self.log.warning("backprop-kit: processes of a kernel's jail were still there "
                                 "%g s after the kernel ended", JAIL_EXIT_TIMEOUT_S)
            folder = (self._launch_args or {}).get("cwd")
            removed = remove_links(folder, self.course_directory) if folder else []
        except Exception as problem:  # never a traceback of ours in nbgrader's log
            self.log.warning("backprop-kit: could not check the notebook's folder after its "
                             "kernel: %s", problem)
            return
        if removed:
            self.log.warning("backprop-kit: removed %d symbolic link(s) or special file(s) the "
                             "kernel left in %s (nbgrader would have written through them): %s",
                             len(removed), folder, ", ".join(removed[:5]))


def jail_of(provisioner):
    """The PID namespace the launcher made for its kernel ("pid:[...]"), or None when there is
    no launcher any more or it made none (an unjailed kernel)."""
    process = getattr(provisioner, "process", None)
    if process is None:
        return None
    try:
        theirs = os.readlink(f"/proc/{process.pid}/ns/pid_for_children")
        return None if theirs == os.readlink("/proc/self/ns/pid") else theirs
    except OSError:
        return None


async def wait_for_jail_to_empty(namespace, timeout=JAIL_EXIT_TIMEOUT_S) -> bool:
    """True once no process is left in PID namespace `namespace`. When the launcher ends
    normally it has reaped the kernel, and with it the whole namespace; when jupyter_client
    killed it, the kernel's death-signal and the namespace's end follow a moment later."""
    deadline = time.monotonic() + timeout
    while any(True for _ in _members(namespace)):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def _members(namespace):
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if os.readlink(f"/proc/{entry.name}/ns/pid") == namespace:
                    yield int(entry.name)
            except OSError:
                continue


def remove_links(folder, course) -> list:
    """Remove every symbolic link and special file (FIFO, socket, device) at or below `folder`,
    if it is the folder the jail left writable (one strictly inside `course`); return their
    paths, relative to `folder`. Nothing of the kernel runs any more: this cannot race it."""
    folder, course = os.path.realpath(folder), os.path.realpath(course)
    if not folder.startswith(course.rstrip("/") + "/"):
        return []
    removed = []
    for parent, directories, files in os.walk(folder):
        for name in directories + files:
            path = os.path.join(parent, name)
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                os.unlink(path)
                removed.append(os.path.relpath(path, folder))
        directories[:] = [name for name in directories
                          if os.path.relpath(os.path.join(parent, name), folder) not in removed]
    return removed


class JailedExecute(Execute):
    """nbgrader's Execute, whose kernels are started by JailedKernelManager."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", JailedKernelManager)
        super().__init__(*args, **kwargs)


def with_jailed_kernel(preprocessors) -> list:
    """nbgrader's autograde preprocessors, in their order, with JailedExecute for Execute."""
    names = [preprocessor_name(each) for each in preprocessors]
    if "Execute" not in names:
        raise ValueError(f"no Execute among the autograde preprocessors {names} to jail")
    return [JailedExecute if preprocessor_name(each) == "Execute" else each
            for each in preprocessors]
