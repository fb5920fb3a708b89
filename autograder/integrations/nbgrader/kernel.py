"""The kernels `nbgrader autograde` starts, each in a jail (jail.py), and the notebook's
folder made safe for nbgrader to write once the kernel is gone.

nbgrader_config.py puts JailedExecute in place of nbgrader's Execute (with_jailed_kernel below).
It has to be the class that changes: nbgrader's Execute passes its kernel_manager_class to
nbclient as an argument, which wins over configuration, so `c.Execute.kernel_manager_class`
is silently ignored.

JailedKernelManager starts the kernel from a command and an environment it builds itself, never
from a kernelspec or a variable a kernel could have planted for a later one (a kernel.json in
the user's Jupyter folder with LD_PRELOAD in its env would run outside the jail), with folders of
its own (HOME, TMPDIR, IPython's and Jupyter's) that the jail makes afresh and that go with it.
It prefixes the kernel's command with the launcher, which gets the course directory and the
paths below read-only, and the grading user's home hidden; nbgrader's process itself is not
jailed: the
preprocessors after Execute (GraderPoints, SaveAutoGrades) and the grader they start keep
their rights. After the kernel, it waits until nothing of its jail is left, then removes from
the notebook's folder (the one folder of the course the kernel could write) every symbolic link
and special file: nbgrader writes the graded notebook there and chmods every file in it, and
would follow a link the kernel had left (backprop.ipynb -> ../../../gradebook.db), and block on
a FIFO, in its own, unjailed, process.
"""

import asyncio
import os
import pwd
import shutil
import site
import stat
import sys
import tempfile
import time

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from jupyter_core.paths import jupyter_config_dir, jupyter_config_path, jupyter_runtime_dir
from nbgrader.preprocessors import Execute
from traitlets import Unicode

from autograder.integrations.nbgrader.jail import STATE_FOLDERS, kept_variable
from autograder.integrations.nbgrader.points import preprocessor_name
from autograder.paths import JAIL_LAUNCHER, KIT_ROOT

LAUNCHER = JAIL_LAUNCHER
JAIL_EXIT_TIMEOUT_S = 5.0
"""How long the manager waits, after the kernel, for the last process of its jail to go (the
kernel's end kills them all at once: this is milliseconds)."""


KERNEL_COMMAND = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
"""The kernel every notebook gets, whatever kernelspec the machine (or a kernel) left."""


def kernel_spec() -> KernelSpec:
    """The kit's own kernel: nbgrader's Python with ipykernel, and no environment of its own."""
    return KernelSpec(argv=list(KERNEL_COMMAND), display_name="Python 3 (backprop-kit)",
                      language="python", env={}, interrupt_mode="signal", metadata={})


def jail_command(command, course, connection_file=None, state=None) -> list:
    """The kernel's command, run by the launcher with the course and configuration_paths()
    read-only, the grading user's home hidden but for what the kernel needs (its Python,
    the user's site-packages), the report key's folder and Jupyter's runtime folder hidden
    but for `connection_file`, and the kernel's own folders made in `state`.

    `python -I` by file: its working directory is the student's folder (see jail.py)."""
    prefix = [sys.executable, "-I", str(LAUNCHER), "--course", str(course)]
    for path in configuration_paths():
        prefix += ["--read-only", path]
    for path in hidden_homes():
        prefix += ["--cover", path]
    if site.ENABLE_USER_SITE and site.getusersitepackages():
        prefix += ["--keep", site.getusersitepackages()]
    prefix += ["--hide", jupyter_runtime_dir(), "--hide", report_key_folder()]
    if connection_file:
        prefix += ["--connection-file", str(connection_file)]
    if state:
        prefix += ["--state", str(state)]
    return prefix + ["--", *command]


def hidden_homes() -> list:
    """The grading user's home, as the environment and the password database name it: its
    Jupyter and IPython folders, its caches and its keys are no kernel's business."""
    homes = [os.path.expanduser("~")]
    try:
        homes.append(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        pass
    return [home for home in dict.fromkeys(map(os.path.realpath, homes))
            if home != "/" and os.path.isdir(home)]


def report_key_folder() -> str:
    """The folder of the key that signs batch's reports (wherever XDG_CACHE_HOME puts it)."""
    from autograder.classroom.signing import key_path

    return str(key_path().parent)


def kernel_environment(given: dict, state: str) -> dict:
    """The kernel's environment: of `given` (nbgrader's), only the variables a kernel needs
    (jail.KERNEL_ENVIRONMENT: PATH, the locale, JPY_PARENT_PID...), never one a kernel could
    have planted (LD_PRELOAD, PYTHONPATH); and its own folders, inside `state`."""
    environment = {name: value for name, value in given.items() if kept_variable(name)}
    folders = {"HOME": "home", "TMPDIR": "tmp", "IPYTHONDIR": "ipython",
               "JUPYTER_CONFIG_DIR": "jupyter/config", "JUPYTER_DATA_DIR": "jupyter/data",
               "JUPYTER_RUNTIME_DIR": "jupyter/runtime", "XDG_CACHE_HOME": "cache",
               "XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_STATE_HOME": "state",
               "MPLCONFIGDIR": "matplotlib"}
    environment.update({name: os.path.join(state, folder) for name, folder in folders.items()})
    return environment


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
    _state = None

    @property
    def kernel_spec(self):
        """The kit's own kernel (kernel_spec), whatever kernel_name a notebook asks for:
        a kernelspec found on the machine could have been planted by an earlier kernel."""
        if self._kernel_spec is None:
            self._kernel_spec = kernel_spec()
        return self._kernel_spec

    async def _async_pre_start_kernel(self, **kw):
        if self._state is None:  # a restart keeps the folders of the first start
            self._state = tempfile.mkdtemp(prefix="backprop-kit-kernel-")
            for folder in STATE_FOLDERS:  # what the kernel uses where no jail can be had
                os.makedirs(os.path.join(self._state, folder), mode=0o700, exist_ok=True)
        kw["env"] = kernel_environment(kw.get("env") or os.environ, self._state)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        connection_file = os.path.realpath(self.connection_file) if self.transport == "tcp" \
            else None  # with ipc the kernel makes its sockets beside it
        return jail_command(command, self.course_directory, connection_file, self._state)

    async def shutdown_kernel(self, now=False, restart=False):
        self._jail = jail_of(self.provisioner)  # while the launcher is still there to ask
        await super().shutdown_kernel(now=now, restart=restart)

    async def cleanup_resources(self, restart=False):
        await super().cleanup_resources(restart=restart)
        if not restart and self._state:  # what an unjailed kernel wrote there goes too
            shutil.rmtree(self._state, ignore_errors=True)
            self._state = None
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
