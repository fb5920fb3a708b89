"""Give a worker a world of its own: Python, a few devices, its own /proc and its own folder.

Deny by default. Each worker gets private mount, PID and IPC namespaces, in a network namespace with
no interface up (no network at all). No two workers share even an abstract Unix socket: each is
scoped to a Landlock domain of its own, which may connect to no abstract socket and signal no
process made outside it (Linux 6.12 and later, a few microseconds), or, where the kernel's Landlock
cannot scope, gets a network namespace of its own (about a millisecond). Its root directory holds
only what it needs to run Python, read-only: the Python prefixes, the system's shared libraries and
/dev's harmless devices; then a /proc of its own PID namespace (it sees no other process: not the
grader, not another student's worker) and one writable folder, /tmp (or /scratch, where the Python
itself lies in /tmp), a size-capped tmpfs of its own: its cwd and HOME. Nothing else is there: not
the submissions, not the reports, not other workers' folders, not the kit.

The zygote builds that root once (`prepare`), in a mount namespace of its own (and, when the
grader is not root, a user namespace that owns it); each worker then only mounts its folder
and /proc on a copy and makes it its root (`enter`): well under a millisecond. CLONE_NEWPID
applies to children only: as root, the zygote makes the worker's PID namespace just before
the fork and returns to its own just after (`pid_namespace_for_next_fork`); without root it
cannot return, so the worker forks once more, and the child, PID 1 of the new namespace, runs
the submission while its parent waits and ends as it did.

This file has no imports of the kit: like judge/tracing.py it travels inside the worker's source
(sandbox/hiding.py `worker_command`), run by the zygote before any student code. Python 3.11
has no os.unshare, so it calls libc through ctypes.
"""

import ctypes
import os
import platform
import signal
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
LOCKED_FLAGS = MS_NOSUID | MS_NODEV | MS_NOEXEC | 1024 | 2048 | 4096
"""Flags of a mount that a user namespace may not clear when it remounts a bind read-only
(nosuid, nodev, noexec and the atime flags: statvfs's f_flag uses the same bits)."""
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41}
"""pivot_root's system call number: glibc has no wrapper for it."""
CONFINEMENT_FAILED = 71
"""Exit status of a worker that could not be confined: it never runs the submission."""
_LIBRARY_DIRS = ("/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64", "/usr/lib32",
                 "/usr/local/lib")
_FILES = ("/etc/ld.so.cache", "/etc/localtime")
_DEVICES = ("null", "zero", "full", "random", "urandom")
_DEVICE_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0",
                 "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"}


class ConfinementError(Exception):
    """A step of the confinement failed: the worker must not run the submission."""


def visible_paths(python=sys):
    """What the worker sees, read-only, as [kind, path, source]: a "dir" or "file" bound from
    the same path, or a "link" to `source`. The Python it runs from (its prefixes, which hold
    its standard library and site-packages; not sys.path, which a .pth file can point at the
    kit) and the system's shared libraries: files anyone on the machine may read. Each
    symbolic link met on the way to them is made again, so the worker finds them by the same
    names as the grader."""
    links, dirs, files = {}, set(), set()
    for candidate in [python.prefix, python.base_prefix, python.exec_prefix,
                      python.base_exec_prefix, os.path.dirname(python.executable),
                      *_LIBRARY_DIRS, *_FILES]:
        path = _resolve(os.path.abspath(candidate), links)
        if path is not None:
            (dirs if os.path.isdir(path) else files).add(path)
    dirs = {d for d in dirs if not is_under(os.path.dirname(d), dirs)}
    return ([["dir", d, d] for d in sorted(dirs)]
            + [["file", f, f] for f in sorted(files) if not is_under(f, dirs)]
            + [["link", path, target] for path, target in sorted(links.items())
               if not is_under(path, dirs)])


def _resolve(path, links):
    """The real path of `path` (None if it does not exist), noting in `links` every symbolic
    link met on the way."""
    resolved, pending, hops = "/", [p for p in path.split("/") if p], 0
    while pending:
        part = pending.pop(0)
        if part in (".", ".."):
            resolved = resolved if part == "." else os.path.dirname(resolved)
            continue
        following = os.path.join(resolved, part)
        if os.path.islink(following):
            hops += 1
            if hops > 40:
                return None
            target = links[following] = os.readlink(following)
            pending = [p for p in target.split("/") if p] + pending
            resolved = "/" if target.startswith("/") else resolved
        elif os.path.lexists(following):
            resolved = following
        else:
            return None
    return resolved


def is_under(path, folders):
    """True when `path` is one of `folders` or lies inside one."""
    return any(path == folder or path.startswith(folder.rstrip("/") + "/") for folder in folders)


def scratch_folder(paths):
    """Where the worker's writable folder goes: /tmp, unless what it must see lies there (a
    virtual environment made in /tmp, which a tmpfs on /tmp would hide); then /scratch."""
    for folder in ("/tmp", "/scratch", "/backprop-kit-scratch"):
        if not any(is_under(path, [folder]) or is_under(folder, [path]) for _, path, _ in paths):
            return folder
    raise ConfinementError("no free folder for the worker's own files")


class Template:
    """The root every worker of a zygote starts from, built once by `prepare`."""

    def __init__(self, root, scratch, as_root, pid_namespace):
        self.root = root
        self.scratch = scratch
        """The worker's one writable folder (its cwd, HOME and TMPDIR): scratch_folder."""
        self.as_root = as_root
        """True when the zygote is root: it gives each worker its PID namespace itself."""
        self.pid_namespace = pid_namespace
        """The zygote's own PID namespace (a descriptor), to return to after each fork."""


def prepare(paths, hide=(), folder=None):
    """In the zygote, once: its own mount namespace and an empty network namespace (no interface up:
    no network, no service of the machine's loopback; a worker makes one of its own in `enter` only
    where Landlock cannot keep its abstract sockets apart), a user namespace to own them if it is
    not root, and the workers' root, built in a new folder: the allowed `paths` bound read-only, the
    kit's entries in `hide` covered where they lie inside those, the devices, and mount points for
    /proc and the scratch folder. Returns a Template; raises ConfinementError."""
    import tempfile

    libc = ctypes.CDLL(None, use_errno=True)
    as_root = os.geteuid() == 0
    if as_root:
        check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    else:
        uid, gid = os.geteuid(), os.getegid()
        check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET), "unshare")
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                           ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
    mount(libc, None, "/", None, MS_REC | MS_PRIVATE, None)
    root = folder or tempfile.mkdtemp(prefix="backprop-kit-root-")
    scratch = scratch_folder(paths)
    _build_root(libc, root, paths, hide, scratch)
    pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY) if as_root else None
    return Template(root, scratch, as_root, pid_namespace)


def discard(template):
    """Take the workers' root away (the zygote is ending)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.umount2(os.fsencode(template.root), MNT_DETACH)
    try:
        os.rmdir(template.root)
    except OSError:
        pass


def pid_namespace_for_next_fork(template):
    """As root, just before the zygote forks a worker: the child is born PID 1 of a new PID
    namespace. (Without root, `enter` forks once more instead.)"""
    if template.as_root:
        libc = ctypes.CDLL(None, use_errno=True)
        check(libc.unshare(CLONE_NEWPID), "unshare a PID namespace")


def own_pid_namespace_again(template):
    """As root, just after that fork: the zygote's next child is born in its own namespace
    again, so that the next worker can have a new one (unshare refuses while it is not)."""
    if template.as_root:
        libc = ctypes.CDLL(None, use_errno=True)
        check(libc.setns(template.pid_namespace, CLONE_NEWPID),
               "return to the zygote's PID namespace")


def enter(template, scratch_bytes=64 * 2**20, user=None):
    """In the worker: private mount and IPC namespaces, and a network namespace of its own where
    Landlock cannot scope abstract Unix sockets (`scopes_available`; where it can,
    `scope_to_itself` keeps them apart instead, for a thousandth of the cost); its own writable
    folder
    (scratch_folder) and /proc on a copy of the template, which becomes '/'. Returns in the
    process that will run the submission, PID 1 of its own namespace. Without root that takes
    one more fork: the parent waits and ends as its child did (same signal or exit status),
    so the zygote and the grader see the worker's fate as before. Raises ConfinementError
    before any fork."""
    libc = ctypes.CDLL(None, use_errno=True)
    flags = CLONE_NEWNS | CLONE_NEWIPC | (0 if scopes_available() else CLONE_NEWNET)
    check(libc.unshare(flags if template.as_root else flags | CLONE_NEWPID), "unshare")
    owner = f",uid={user[0]},gid={user[1]}" if user else ""
    mount(libc, "tmpfs", template.root + template.scratch, "tmpfs", MS_NOSUID | MS_NODEV,
           f"size={int(scratch_bytes)},nr_inodes=16384,mode=700{owner}")
    if not template.as_root:
        child = os.fork()
        if child != 0:
            _wait_and_end_alike(child)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    _enter_root(libc, template.root, template.scratch)


def _wait_and_end_alike(child):
    """The parent of the worker's PID 1 (without root): wait, then end as it did."""
    try:
        os.closerange(0, 65536)  # the child holds the channel: its end is the worker's end
        while True:
            try:
                _, status = os.waitpid(child, 0)
                break
            except InterruptedError:
                continue
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
        os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status)
                 else CONFINEMENT_FAILED)
    finally:
        os._exit(CONFINEMENT_FAILED)


def check(result, what):
    """Raise ConfinementError, with errno's words, when a libc call returned non-zero."""
    if result != 0:
        number = ctypes.get_errno()
        raise ConfinementError(f"{what}: {os.strerror(number)}")


def mount(libc, source, target, fstype, flags, options):
    """mount(2) with text arguments (None where the call takes NULL); raises ConfinementError."""
    encode = lambda text: None if text is None else os.fsencode(text)  # noqa: E731
    check(libc.mount(encode(source), encode(target), encode(fstype), flags, encode(options)),
           f"mount {target}")


def _build_root(libc, root, paths, hide, scratch):
    """A small tmpfs on `root` holding the allowed paths (read-only binds), the devices and
    mount points for /proc and /tmp, then made read-only."""
    mount(libc, "tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=4096,mode=755")
    for kind, path, source in paths:
        target = root + path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if kind == "link":
            if not os.path.lexists(target):
                os.symlink(source, target)
            continue
        if kind == "dir":
            os.makedirs(target, exist_ok=True)
        else:
            open(target, "a").close()
        _bind_read_only(libc, source, target)
    for path in hide:  # the kit, where it lies inside something the worker may see
        target = root + os.path.abspath(path)
        if os.path.isdir(target) and not os.path.islink(target):
            mount(libc, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=4k,mode=000")
        elif os.path.isfile(target) and not os.path.islink(target):
            mount(libc, "/dev/null", target, None, MS_BIND, None)
    os.makedirs(root + "/dev", exist_ok=True)
    for name in _DEVICES:  # read-only binds: usable, but no chmod of the machine's devices
        open(f"{root}/dev/{name}", "a").close()
        _bind_read_only(libc, f"/dev/{name}", f"{root}/dev/{name}")
    for name, target in _DEVICE_LINKS.items():
        os.symlink(target, f"{root}/dev/{name}")
    os.makedirs(root + "/proc", exist_ok=True)
    os.makedirs(root + scratch, exist_ok=True)
    mount(libc, None, root, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None)


def _bind_read_only(libc, source, target):
    mount(libc, source, target, None, MS_BIND, None)
    locked = os.statvfs(source).f_flag & LOCKED_FLAGS
    mount(libc, None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | locked, None)


def _enter_root(libc, root, scratch):
    """In the process that runs the submission, PID 1 of its namespace: its own /proc, then
    `root` becomes '/' and the old root is detached, so nothing outside can be reached. The
    /proc is read-only: uid 0 may write most of /proc/sys (the machine's kernel settings)
    without any capability."""
    mount(libc, "proc", root + "/proc", "proc",
           MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    os.chdir(root)
    number = _PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise ConfinementError(f"pivot_root is not known on {platform.machine()}")
    check(libc.syscall(number, b".", b"."), "pivot_root")
    check(libc.umount2(b".", MNT_DETACH), "umount the old root")
    os.chdir(scratch)


_LANDLOCK_CREATE_RULESET, _LANDLOCK_RESTRICT_SELF = 444, 446
"""Landlock's system call numbers, the same on every architecture (they are newer than the
split between them)."""
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2
WITHOUT_LANDLOCK = "BACKPROP_KIT_WITHOUT_LANDLOCK"
_SCOPES_AVAILABLE = []


def scopes_available() -> bool:
    """True when this kernel's Landlock can scope abstract Unix sockets and signals (its ABI 6,
    Linux 6.12). Asked of the kernel once. WITHOUT_LANDLOCK=1 in the environment says no, so
    that the tests and bench/isolation_cost.py can try the network namespace instead."""
    if not _SCOPES_AVAILABLE and os.environ.get(WITHOUT_LANDLOCK) == "1":
        _SCOPES_AVAILABLE.append(False)
    if not _SCOPES_AVAILABLE:
        libc = ctypes.CDLL(None, use_errno=True)
        version = libc.syscall(_LANDLOCK_CREATE_RULESET, None, 0, 1)  # ..._RULESET_VERSION
        _SCOPES_AVAILABLE.append(version >= 6)
    return _SCOPES_AVAILABLE[0]


def scope_to_itself():
    """A Landlock domain of the worker's own: it (and all it starts) may connect to no abstract
    Unix socket and signal no process made outside it, so an abstract socket a worker binds is
    seen by no other worker, graded at the same moment or later. Needs no_new_privs
    (drop_privileges sets it); a step that fails raises ConfinementError."""

    class Attributes(ctypes.Structure):
        _fields_ = [("handled_access_fs", ctypes.c_uint64),
                    ("handled_access_net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]

    libc = ctypes.CDLL(None, use_errno=True)
    attributes = Attributes(0, 0, SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL)
    ruleset = libc.syscall(_LANDLOCK_CREATE_RULESET, ctypes.byref(attributes),
                           ctypes.sizeof(attributes), 0)
    if ruleset < 0:
        raise ConfinementError(f"landlock: {os.strerror(ctypes.get_errno())}")
    try:
        check(libc.syscall(_LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock_restrict_self")
    finally:
        os.close(ruleset)


_SECCOMP = {"x86_64": (0xC000003E, (248, 249, 250)), "aarch64": (0xC00000B7, (217, 218, 219)),
            "arm64": (0xC00000B7, (217, 218, 219))}
"""Per machine: the audit architecture, and add_key, request_key, keyctl's numbers."""


def deny_keyrings():
    """A seccomp filter that refuses the kernel keyring calls (add_key, request_key, keyctl)
    and any system call of another architecture (32-bit or x32 calls could get round it).
    Keyrings belong to a user, in no namespace: one worker could leave a key that a later
    worker of the same user reads. Needs no_new_privs (drop_privileges sets it)."""
    arch, calls = _SECCOMP.get(platform.machine(), (None, None))
    if arch is None:
        raise ConfinementError(f"no seccomp filter for {platform.machine()}")

    class Instruction(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                    ("k", ctypes.c_uint32)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Instruction))]

    load, equal, at_least, give = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    code = [(load, 0, 0, 4), (equal, 1, 0, arch), (give, 0, 0, deny), (load, 0, 0, 0),
            (at_least, 4, 0, 0x40000000), (equal, 3, 0, calls[0]), (equal, 2, 0, calls[1]),
            (equal, 1, 0, calls[2]), (give, 0, 0, allow), (give, 0, 0, deny)]
    instructions = (Instruction * len(code))(*[Instruction(*line) for line in code])
    program = Program(len(code), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    check(libc.prctl(22, 2, ctypes.byref(program), 0, 0), "seccomp")  # PR_SET_SECCOMP, FILTER
