"""Start a Jupyter kernel in a jail: of the course only its own folder, its own
processes only, nothing it writes outlives it, no capabilities.

    python -I autograder/integrations/nbgrader/jail.py --course ROOT [--read-only PATH ...]
           [--hide FOLDER ...] [--cover FOLDER ...] [--keep PATH ...] [--state FOLDER]
           [--connection-file FILE] -- KERNEL COMMAND ...

`nbgrader autograde` runs each student's notebook in a kernel as nbgrader's own user, and then,
in nbgrader's process, grades it (points.py) with the kit's code and writes the
gradebook. Unjailed, that kernel could rewrite the kit or the gradebook, leave a process behind
that edits them later, or read and signal nbgrader's process. This launcher (kernel.py
puts it in front of the kernel's command) first takes, in one unshare, mount and PID namespaces
of its own (as a normal user, inside a user namespace that maps only its own uid and gid):

- the whole file system read-only, every mount (as root, uid 0 without capabilities could
  otherwise still write whatever root owns: a later kernel's, nbgrader's or the grader's
  files); then, as below, only the notebook's folder and folders of its own are writable;
- read-only, recursively (each mount below made read-only too, keeping the flags a user
  namespace may not clear): the course ROOT (the kit, the reference, nbgrader_config.py,
  gradebook.db, every student's folders), READ_ONLY_PATHS (the Python and the libraries the
  grader runs from, and what configures the loader), and each --read-only PATH;
- then the rest of the course out of sight: an empty tmpfs over ROOT with only the notebook's
  own folder (nbgrader's autograded/<student>/<assignment>/, the kernel's working directory)
  and any part of the Python inside ROOT bound back, so the kernel can neither read the
  reference, gradebook.db's hidden tests nor another student's work (and print them into its
  own feedback); that folder is made writable again;
- each hidden FOLDER (Jupyter's runtime folder, where the connection files of this user's
  kernels and Jupyter servers lie: their keys and tokens; the folder of the report key that
  signs `batch`'s reports) covered by an empty tmpfs, but for FILE, the kernel's own
  connection file, bound back read-only if it lies there;
- each covered FOLDER (the grading user's home: ~/.jupyter, ~/.ipython, ~/.local/share/jupyter,
  ~/.cache among it) an empty read-only tmpfs, with only what the kernel needs bound back:
  the course, the Python it runs from, each --keep PATH (the user's site-packages) and FILE;
- /tmp, /var/tmp and /dev/shm, the folders any user may write, each a new, empty tmpfs of the
  kernel's own, with what it must still see there bound back; in the new /tmp, --state's
  folders (the kernel's HOME, TMPDIR, IPython's and Jupyter's folders, which the kernel
  manager names in its environment) made afresh. All of it goes with the kernel: nothing it
  writes there (an IPython startup file, a copy of a notebook) reaches a later kernel.

Then it forks: the child is PID 1 of the new PID namespace, with a /proc of its own (it sees no
other process: not nbgrader's, not the launcher's), in a session of its own, killed if the
launcher dies; it gives up every capability (bounding set included) and sets no_new_privs, so
even as root it cannot remount anything writable, and execs the kernel. When it exits, the
kernel kills everything left in its namespace: nothing the kernel started outlives it. The
launcher waits, forwards SIGINT and SIGTERM (jupyter_client interrupts and stops a kernel with
them), kills the kernel if nbgrader's process goes (as ipykernel's parent poller did), and ends
as the kernel did (same status or signal). The network stays: the kernel talks to nbgrader over
ZMQ on localhost.

Where no namespace can be had, the kernel runs unjailed, after one warning line on standard
error (nbgrader's log): never silently, as if it were protected.

Run with `python -I` by file, not `-m`: the working directory is the student's folder, where any
file the student handed in lies (an `autograder/` or `ctypes/` of their own), and `-m` would put
it first on sys.path. For the same reason only the standard library is imported, and
sandbox/confinement.py (which imports nothing of the kit) is loaded from its file. The launcher
first drops from its environment anything but the variables a kernel needs (KERNEL_ENVIRONMENT),
starting itself again if it had others: a planted LD_PRELOAD or PYTHONPATH reaches no kernel.
"""

import os
import sys

KERNEL_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ", "TERM", "HOME", "TMPDIR", "IPYTHONDIR",
                      "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                      "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                      "MPLCONFIGDIR", "JPY_PARENT_PID", "JPY_SESSION_NAME")
"""The variables a kernel gets (and LC_*): the kernel manager builds its environment from these
alone (kernel.py), and the launcher keeps no other."""


def kept_variable(name: str) -> bool:
    return name in KERNEL_ENVIRONMENT or name.startswith("LC_")


if __name__ == "__main__" and not all(map(kept_variable, os.environ)):
    os.execve(sys.executable, [sys.executable, "-I", os.path.abspath(__file__), *sys.argv[1:]],
              {name: value for name, value in os.environ.items() if kept_variable(name)})

import argparse  # noqa: E402
import ctypes  # noqa: E402
import importlib.util  # noqa: E402
import resource  # noqa: E402
import select  # noqa: E402
import signal  # noqa: E402
from pathlib import Path  # noqa: E402

_CONFINEMENT = Path(__file__).resolve().parents[2] / "sandbox" / "confinement.py"
"""autograder/sandbox/confinement.py (paths.CONFINEMENT_SOURCE, which this script cannot import:
tests/test_layout.py holds the two to one file)."""
_spec = importlib.util.spec_from_file_location("backprop_kit_confinement", _CONFINEMENT)
confinement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(confinement)

WRITABLE_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
"""The folders any user may write: each kernel gets its own, empty, gone with it."""
STATE_FOLDERS = ("home", "tmp", "ipython", "jupyter/config", "jupyter/data", "jupyter/runtime",
                 "cache", "config", "data", "state", "matplotlib")
"""The kernel's own folders inside --state, which its environment names (kernel.py)."""
READ_ONLY_PATHS = ("/etc", "/usr", "/sys")
"""Read-only beside the course and the Python: /etc holds the loader's configuration
(ld.so.preload, which every later program loads) and /etc/jupyter; /usr the system's
programs and libraries; /sys the machine's settings. A normal user cannot write them anyway;
root, even without capabilities, owns them."""
WARNING = ("[backprop-kit | WARNING] This kernel runs WITHOUT its jail ({reason}): it can write "
           "the course directory (the kit, gradebook.db) and signal or read nbgrader's process. "
           "See docs/security.md, on nbgrader.")
CANNOT_START = "[backprop-kit | ERROR] kernel_jail could not start the kernel {command!r}: {reason}"
PARENT_POLL_S = 1.0
"""How often the launcher checks that nbgrader's process is still there (ipykernel's own
parent poller checks every second)."""
_FORWARDED = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG, _PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS = 1, 24, 38


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("usage: jail.py --course ROOT [--read-only PATH ...] [--hide FOLDER ...] "
              "[--cover FOLDER ...] [--keep PATH ...] [--state FOLDER] "
              "[--connection-file FILE] -- KERNEL COMMAND ...", file=sys.stderr)
        return 2
    at = argv.index("--")
    options, command = _parser().parse_args(argv[:at]), argv[at + 1:]
    folder = os.getcwd()
    try:
        _unshare()
    except Exception as problem:  # no namespace at all: the kernel runs as it would unjailed
        _warn([_describe(problem)])
        return _exec(command)
    problems = []  # steps that failed: the kernel still runs, and the log says what is missing
    _step(problems, "make the file system read-only", _mount_read_only, options)
    for covered in options.cover:
        _step(problems, f"hide {covered}", _cover, covered, _kept_paths(options, folder), False)
    shown = [path for path in options.read_only  # a hidden home's stay hidden
             if not confinement.is_under(os.path.realpath(path),
                                         list(map(os.path.realpath, options.cover)))]
    for writable in WRITABLE_FOLDERS:
        _step(problems, f"give the kernel a {writable} of its own", _cover, writable,
              _kept_paths(options, folder, shown), True)
    if options.state:
        _step(problems, "make the kernel's own folders", _make_state, options.state)
    _step(problems, "hide Jupyter's runtime folder", _hide, options.hide,
          options.connection_file, options.course, folder)
    _step(problems, "hide the rest of the course", _hide_course, options.course, folder)
    _step(problems, "keep the notebook's folder writable", _keep_writable, folder,
          options.course)
    return _fork_and_wait(problems, command, as_root=os.geteuid() == 0)


def _parser():
    parser = argparse.ArgumentParser(prog="jail.py", allow_abbrev=False)
    parser.add_argument("--course", required=True, help="the course directory: read-only")
    parser.add_argument("--read-only", action="append", default=[], metavar="PATH",
                        help="another path the kernel may read but not write")
    parser.add_argument("--hide", action="append", default=[], metavar="FOLDER",
                        help="a folder the kernel may not see (Jupyter's runtime folder)")
    parser.add_argument("--connection-file", metavar="FILE",
                        help="the kernel's connection file: seen even in a hidden folder")
    parser.add_argument("--cover", action="append", default=[], metavar="FOLDER",
                        help="a folder hidden but for what the kernel needs (the user's home)")
    parser.add_argument("--keep", action="append", default=[], metavar="PATH",
                        help="a path seen, read-only, even in a covered folder")
    parser.add_argument("--state", metavar="FOLDER",
                        help="where the kernel's own folders are made, in its private /tmp")
    return parser


def _step(problems, what, action, *args):
    try:
        action(*args)
    except Exception as problem:
        problems.append(f"{what}: {_describe(problem)}")


def _describe(problem) -> str:
    if isinstance(problem, OSError) and problem.strerror:
        return f"{problem.strerror}" + (f" ({problem.filename})" if problem.filename else "")
    return str(problem) or type(problem).__name__


def _warn(problems):
    print(WARNING.format(reason="; ".join(problems)), file=sys.stderr, flush=True)


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _unshare():
    """New mount and PID namespaces (the PID one for the children to come). As root that is
    all; a normal user (or a root whose container refuses it) also needs a user namespace, in
    which only its own uid and gid are mapped and setgroups is denied."""
    libc, c = _libc(), confinement
    uid, gid = os.geteuid(), os.getegid()
    if uid == 0 and libc.unshare(c.CLONE_NEWNS | c.CLONE_NEWPID) == 0:
        return
    c.check(libc.unshare(c.CLONE_NEWUSER | c.CLONE_NEWNS | c.CLONE_NEWPID), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def read_only_paths(options) -> list:
    """Every existing path the kernel may read but not write, outermost only, real paths: the
    whole file system ("/"), which holds the rest; they are listed for where "/" could not
    be made read-only."""
    python = [path for kind, path, _ in confinement.visible_paths(sys) if kind != "link"]
    paths = []
    for path in ["/", options.course, *python, *READ_ONLY_PATHS, *options.read_only]:
        path = os.path.realpath(path)
        if os.path.exists(path) and path not in paths:
            paths.append(path)
    return [path for path in paths
            if not confinement.is_under(os.path.dirname(path), [p for p in paths if p != path])]


def _mount_read_only(options):
    """Each path bound onto itself with its submounts (MS_BIND | MS_REC), then each mount now at
    or below it remounted read-only, with the flags statvfs reports that a user namespace may
    not clear (nosuid, nodev, noexec, atime)."""
    libc, c = _libc(), confinement
    c.mount(libc, None, "/", None, c.MS_REC | c.MS_PRIVATE, None)
    failed = []
    for path in read_only_paths(options):
        if path != "/":  # "/" is a mount of this namespace's own already; others become one
            c.mount(libc, path, path, None, c.MS_BIND | c.MS_REC, None)
        for mount_point in _mounts_under(path):
            try:
                locked = os.statvfs(mount_point).f_flag & c.LOCKED_FLAGS
                c.mount(libc, None, mount_point, None,
                         c.MS_REMOUNT | c.MS_BIND | c.MS_RDONLY | locked, None)
            except (OSError, c.ConfinementError) as problem:
                failed.append(f"{mount_point} ({_describe(problem)})")
    if failed:
        raise c.ConfinementError("still writable: " + ", ".join(failed[:5]))


def _mounts_under(path) -> list:
    """The mount points at or below `path`, from /proc/self/mountinfo, outermost first."""
    found = []
    with open("/proc/self/mountinfo", "rb") as handle:
        for line in handle:
            point = _unescape(line.split()[4])
            if (point == path or point.startswith(path.rstrip("/") + "/")) and point not in found:
                found.append(point)
    return sorted(found, key=len)


def _unescape(field: bytes) -> str:
    r"""A mountinfo field with its octal escapes (\040 for a space, ...) undone."""
    out, at = bytearray(), 0
    while at < len(field):
        if field[at:at + 1] == b"\\" and field[at + 1:at + 4].isdigit():
            out.append(int(field[at + 1:at + 4], 8))
            at += 4
        else:
            out.append(field[at])
            at += 1
    return os.fsdecode(bytes(out))


def _hide(folders, keep, course, folder):
    """An empty read-only tmpfs over each of `folders` (Jupyter's runtime folder, where the
    connection files of this user's kernels and Jupyter servers lie: their keys and tokens
    would let the kernel run code outside its jail), with the file `keep` (the kernel's own
    connection file) bound back into it, read-only, if it lies there. A folder that holds the
    course or the kernel's working directory is not hidden (a problem, reported)."""
    libc, c = _libc(), confinement
    keep = os.path.realpath(keep) if keep else None
    for hidden in map(os.path.realpath, folders):
        if not os.path.isdir(hidden):
            continue
        if confinement.is_under(course, [hidden]) or confinement.is_under(folder, [hidden]):
            raise confinement.ConfinementError(f"{hidden} holds the course or the notebook")
        kept = keep if keep and os.path.dirname(keep) == hidden else None
        handle = os.open(kept, os.O_RDONLY | os.O_CLOEXEC) if kept else None
        try:
            c.mount(libc, "tmpfs", hidden, "tmpfs", c.MS_NOSUID | c.MS_NODEV | c.MS_NOEXEC,
                     "size=64k,nr_inodes=16,mode=700")
            if kept:
                open(kept, "x").close()
                c.mount(libc, f"/proc/self/fd/{handle}", kept, None, c.MS_BIND, None)
        finally:
            if handle is not None:
                os.close(handle)
        for path in filter(None, (kept, hidden)):
            locked = os.statvfs(path).f_flag & c.LOCKED_FLAGS
            c.mount(libc, None, path, None, c.MS_REMOUNT | c.MS_BIND | c.MS_RDONLY | locked,
                     None)


def _hide_course(course, folder):
    """The course out of sight but for the notebook's own folder: an empty read-only tmpfs over
    it, with that folder (made writable by the next step) and any part of the Python that lies
    inside the course (a .venv in the checkout) bound back as they were, read-only. Read-only
    is not enough: the kernel could read the reference, gradebook.db (which holds the hidden
    tests) or another student's submission, print them in its own cells, and get them back in
    its feedback. The notebook's hidden-test cells, which look for the kit, then fail in the
    kernel; their points come from GraderPoints, in nbgrader's process, anyway."""
    course, folder = os.path.realpath(course), os.path.realpath(folder)
    python = [path for kind, path, _ in confinement.visible_paths(sys) if kind == "dir"]
    _cover(course, [path for path in [folder, *python] if path != course], False)


def _kept_paths(options, folder, read_only=()) -> list:
    """What a covered folder keeps, read-only (the notebook's folder made writable later):
    what the kernel needs to run and to talk to nbgrader, and `read_only` (a writable folder
    of its own keeps the read-only paths there as they are; a hidden home does not)."""
    python = [path for kind, path, _ in confinement.visible_paths(sys) if kind == "dir"]
    paths = [options.course, folder, *python, *options.keep, *read_only]
    if options.connection_file:
        paths.append(options.connection_file)
    real = []
    for path in map(os.path.realpath, paths):
        if os.path.exists(path) and path not in real:
            real.append(path)
    return [path for path in real
            if not confinement.is_under(os.path.dirname(path), [p for p in real if p != path])]


def _cover(covered, kept, writable):
    """An empty tmpfs over `covered` (read-only, or a writable one of the kernel's own, like
    /tmp), with each path of `kept` that lies inside it bound back as it was. A covered folder
    that the whole file system lies in, or that does not exist, is left alone."""
    libc, c = _libc(), confinement
    covered = os.path.realpath(covered)
    if covered == "/" or not os.path.isdir(covered):
        return
    inside = [path for path in kept if confinement.is_under(path, [covered]) and path != covered
              and os.path.exists(path)]
    if any(confinement.is_under(covered, [path]) for path in kept):
        return  # it lies inside what the kernel must see: nothing to cover
    handles = {path: os.open(path, os.O_PATH | os.O_CLOEXEC) for path in inside}
    try:
        if writable:
            c.mount(libc, "tmpfs", covered, "tmpfs", c.MS_NOSUID | c.MS_NODEV,
                     "size=256m,mode=1777")
        else:  # empty, and nothing to run in it
            c.mount(libc, "tmpfs", covered, "tmpfs", c.MS_NOSUID | c.MS_NODEV | c.MS_NOEXEC,
                     "size=64k,nr_inodes=4096,mode=755")
        for path, handle in handles.items():
            if os.path.isdir(f"/proc/self/fd/{handle}"):
                os.makedirs(path, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, "a").close()
            c.mount(libc, f"/proc/self/fd/{handle}", path, None, c.MS_BIND | c.MS_REC, None)
        if not writable:
            locked = os.statvfs(covered).f_flag & c.LOCKED_FLAGS
            c.mount(libc, None, covered, None, c.MS_REMOUNT | c.MS_BIND | c.MS_RDONLY | locked,
                     None)
    finally:
        for handle in handles.values():
            os.close(handle)


def _make_state(state):
    """The kernel's own folders, in its new /tmp (or where --state says), for its HOME,
    TMPDIR, IPython's and Jupyter's folders: empty, and gone with it."""
    for name in STATE_FOLDERS:
        os.makedirs(os.path.join(state, name), mode=0o700, exist_ok=True)


def _keep_writable(folder, course):
    """The notebook's folder, if it lies inside the course, bound onto itself and made writable
    again; then made the working directory anew, so that it is the new mount (the launcher's
    old working directory still lay on the writable mount the course's bind now covers)."""
    folder, course = os.path.realpath(folder), os.path.realpath(course)
    try:
        if confinement.is_under(folder, [course]) and folder != course:
            libc, c = _libc(), confinement
            c.mount(libc, folder, folder, None, c.MS_BIND, None)
            locked = os.statvfs(folder).f_flag & c.LOCKED_FLAGS
            c.mount(libc, None, folder, None, c.MS_REMOUNT | c.MS_BIND | locked, None)
    finally:
        os.chdir(folder)


def _fork_and_wait(problems, command, as_root) -> int:
    """Fork the kernel's PID 1; wait for it, forwarding signals; end as it ended."""
    lifeline_in, lifeline_out = os.pipe()
    # The kernel's /proc will cover this one in the mount namespace both share: keep this one,
    # where the kernel has its number in the launcher's PID namespace.
    proc = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    signal.pthread_sigmask(signal.SIG_BLOCK, _FORWARDED)
    child = os.fork()
    if child == 0:
        os.close(lifeline_out)
        os.close(proc)
        _become_kernel(command, lifeline_in, as_root)
    os.close(lifeline_in)
    if problems:
        _warn(problems)
    return _wait_and_end_alike(child, parent=os.getppid(), proc=proc)


def _become_kernel(command, lifeline, as_root):
    """In the child, PID 1 of the new namespace: never returns."""
    try:
        for number in _FORWARDED:
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _FORWARDED)
        libc, c = _libc(), confinement
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        os.set_blocking(lifeline, False)
        try:
            if os.read(lifeline, 1) == b"":  # the launcher is already gone
                os._exit(1)
        except BlockingIOError:
            pass
        os.close(lifeline)
        os.setsid()  # jupyter_client signals the launcher's group: the launcher forwards
        try:
            # uid 0 may write most of /proc/sys (the machine's settings) with no capability
            flags = c.MS_NOSUID | c.MS_NODEV | c.MS_NOEXEC | (c.MS_RDONLY if as_root else 0)
            c.mount(libc, "proc", "/proc", "proc", flags, None)
        except Exception as problem:
            _warn([f"its own /proc: {_describe(problem)}"])
        drop_capabilities()
    except Exception as problem:
        _warn([f"giving up its capabilities: {_describe(problem)}"])
    os._exit(_exec(command))


def drop_capabilities():
    """Every capability gone for good: the bounding set, then the effective, permitted and
    inheritable sets (which empties the ambient one), and no_new_privs, so that no program it
    runs (setuid or with file capabilities) gives any back."""
    libc = _libc()
    with open("/proc/sys/kernel/cap_last_cap") as handle:
        last = int(handle.read())
    for capability in range(last + 1):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Sets(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    if libc.capset(ctypes.byref(Header(0x20080522, 0)), (Sets * 2)()) != 0:  # version 3
        raise OSError(ctypes.get_errno(), "capset")
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")


def _exec(command) -> int:
    """Become the kernel; if it cannot be run, say so in one line: 127, as a shell would."""
    try:
        os.execvp(command[0], command)
    except OSError as problem:
        print(CANNOT_START.format(command=command[0], reason=_describe(problem)),
              file=sys.stderr, flush=True)
    return 127


def _wait_and_end_alike(child, parent, proc) -> int:
    """Wait for the kernel, forwarding SIGINT and SIGTERM; kill it if `parent` (nbgrader's
    process) goes; then end with the kernel's signal or status."""
    replaced = {}

    def forward(number, _frame):
        disposition = _disposition(proc, child, number)
        if disposition == "caught":
            _kill(child, number)
        elif disposition == "default":  # PID 1 would ignore it: do what it would have done
            replaced[signal.SIGKILL] = number
            _kill(child, signal.SIGKILL)

    for number in _FORWARDED:
        signal.signal(number, forward)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _FORWARDED)
    try:
        exited = os.pidfd_open(child)
    except (AttributeError, OSError):
        exited = None
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid == child:
            break
        if os.getppid() != parent:
            _kill(child, signal.SIGKILL)
        if exited is not None:
            select.select([exited], [], [], PARENT_POLL_S)
        else:
            select.select([], [], [], 0.05)
    if os.WIFSIGNALED(status):
        number = replaced.get(os.WTERMSIG(status), os.WTERMSIG(status))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [number])
        os.kill(os.getpid(), number)
        return 128 + number
    return os.waitstatus_to_exitcode(status)


def _disposition(proc, pid, number) -> str:
    """"caught", "ignored" or "default": what process `pid` does with signal `number`, read
    in `proc` (a descriptor of the launcher's /proc)."""
    masks = {}
    try:
        with open(os.open(f"{pid}/status", os.O_RDONLY, dir_fd=proc)) as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key in ("SigCgt", "SigIgn"):
                    masks[key] = int(value, 16)
    except OSError:
        return "default"
    bit = 1 << (number - 1)
    if masks.get("SigCgt", 0) & bit:
        return "caught"
    return "ignored" if masks.get("SigIgn", 0) & bit else "default"


def _kill(pid, number):
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


if __name__ == "__main__":
    sys.exit(main())
