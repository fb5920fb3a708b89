"""The kernel's jail (integrations/nbgrader/jail.py), checked from inside a command it runs.

The command here is a small Python script in place of ipykernel, started the way nbgrader's
kernels are (`python -I .../kernel_jail.py --course DIR ... -- COMMAND`, from the notebook's
folder), as root and as a normal user (nobody, through a user namespace). test_nbgrader.py
runs real attacks through the real `nbgrader autograde`.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from autograder.integrations.nbgrader.jail import WARNING
from tests.conftest import KIT_ROOT, processes_with

LOOK_AROUND = r'''
import ctypes, errno, json, os, sys, sysconfig

course, hidden = sys.argv[1], sys.argv[2]
PROBE = "zz-backprop-kit-jail-probe.pth"
seen = {}

def write(path):
    """"written", or the error's name (EROFS: a read-only mount)."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "a") as handle:
            handle.write("planted\n")
    except OSError as error:
        return errno.errorcode.get(error.errno, str(error.errno))
    if path.startswith(sysconfig.get_paths()["purelib"]):
        os.unlink(path)  # never leave a file in the Python the tests run from
    return "written"

seen["writes"] = {
    "gradebook": write(os.path.join(course, "gradebook.db")),
    "kit": write(os.path.join(course, "autograder", "__main__.py")),
    "other student": write(os.path.join(course, "autograded", "bob", "backprop", "backprop.ipynb")),
    "new file in the course": write(os.path.join(course, "planted.py")),
    "extra read-only path": write(os.path.join(sys.argv[3], "planted.txt")),
    "python": write(os.path.join(sysconfig.get_paths()["purelib"], PROBE)),
    "own folder": write("notes.txt"),
    "below own folder": write("plots/a.txt"),
}
def read(path):
    """The file's text, or the error's name (ENOENT: not there at all)."""
    try:
        with open(path) as handle:
            return handle.read()
    except OSError as error:
        return errno.errorcode.get(error.errno, str(error.errno))

seen["reads"] = {
    "gradebook": read(os.path.join(course, "gradebook.db")),
    "kit": read(os.path.join(course, "autograder", "__main__.py")),
    "other student": read(os.path.join(course, "autograded", "bob", "backprop", "backprop.ipynb")),
}
seen["course"] = sorted(os.listdir(course))
seen["pid"] = os.getpid()
seen["processes"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
seen["status"] = {key: status[key].strip() for key in ("CapEff", "CapPrm", "CapBnd", "NoNewPrivs")}
seen["runtime folder"] = sorted(os.listdir(hidden))
seen["connection file"] = open(os.path.join(hidden, "kernel-1.json")).read()
seen["write connection file"] = write(os.path.join(hidden, "kernel-1.json"))

libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT, MS_BIND, MNT_DETACH = 32, 4096, 2
seen["remount course writable"] = libc.mount(None, course.encode(), None, MS_REMOUNT | MS_BIND,
                                            None)
seen["unmount course"] = libc.umount2(course.encode(), MNT_DETACH)
# With a user namespace of its own it has every capability again, in that namespace: the
# mounts it got from its jail are then locked.
if libc.unshare(0x10000000 | 0x00020000) == 0:  # CLONE_NEWUSER | CLONE_NEWNS
    seen["nested namespace"] = True
    seen["nested remount"] = libc.mount(None, course.encode(), None, MS_REMOUNT | MS_BIND, None)
    seen["nested unmount"] = libc.umount2(course.encode(), MNT_DETACH)
    seen["nested write"] = write(os.path.join(course, "gradebook.db"))
print(json.dumps(seen))
sys.exit(7)
'''
"""What the kernel sees; exits with 7, which the launcher must pass on."""
ON_SIGNAL = r'''
import os, signal, subprocess, sys, time
marker = sys.argv[1]
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", marker + "/left"],
                 start_new_session=True)  # a process left behind, in a new session
if sys.argv[2] == "catch":
    signal.signal(signal.SIGINT, lambda *_: sys.exit(5))
print("ready", flush=True)
time.sleep(60)
'''
"""Leaves a process behind, says it is ready, then waits for a signal."""


class User:
    def __init__(self, python, kit, account=None):
        self.python, self.kit, self.account = python, kit, account

    def own(self, path: Path):
        if self.account is not None:
            for each in [path, *path.rglob("*")]:
                os.chown(each, self.account.pw_uid, self.account.pw_gid)


@pytest.fixture(params=["grading user", "normal user"])
def user(request):
    if request.param == "grading user":
        return User(Path(sys.executable), KIT_ROOT)
    kit = request.getfixturevalue("kit_as_normal_user")
    return User(kit.python, kit.kit, kit.user)


@pytest.fixture
def course(user):
    """A course directory as nbgrader leaves it, with a Jupyter runtime folder beside it, in a
    folder the normal user can reach (pytest's own are root's alone)."""
    tmp_path = Path(tempfile.mkdtemp(prefix="backprop-kit-jail-"))
    root = tmp_path / "course"
    for folder in ("autograder", "autograded/alice/backprop", "autograded/bob/backprop"):
        (root / folder).mkdir(parents=True)
    for name in ("gradebook.db", "autograder/__main__.py",
                 "autograded/bob/backprop/backprop.ipynb"):
        (root / name).write_text("original\n")
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    (runtime / "kernel-1.json").write_text('{"key": "mine"}')
    (runtime / "jpserver-1.json").write_text('{"token": "the server\'s"}')
    (tmp_path / "extra").mkdir()
    tmp_path.chmod(0o755)
    user.own(tmp_path)
    yield root
    shutil.rmtree(tmp_path, ignore_errors=True)


def jail_argv(user, course, *command) -> list:
    """The launcher's command line, with what nbgrader's kernel manager passes it."""
    runtime = course.parent / "runtime"
    launcher = user.kit / "autograder" / "integrations" / "nbgrader" / "jail.py"
    return [str(user.python), "-I", str(launcher),
            "--course", str(course), "--read-only", str(course.parent / "extra"),
            "--hide", str(runtime), "--connection-file", str(runtime / "kernel-1.json"),
            "--", *map(str, command)]


def jail(user, course, *command, cwd=None, prefix=()):
    """The launcher started as `user`, from the notebook's folder (or `cwd`)."""
    account = {} if user.account is None else {
        "user": user.account.pw_uid, "group": user.account.pw_gid, "extra_groups": []}
    return subprocess.Popen([*prefix, *jail_argv(user, course, *command)],
                            cwd=cwd or course / "autograded" / "alice" / "backprop",
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **account)


def look_around(user, course, **options):
    """Run LOOK_AROUND in the jail: (exit status, what it saw, the launcher's stderr)."""
    process = jail(user, course, user.python, "-c", LOOK_AROUND, course,
                   course.parent / "runtime", course.parent / "extra", **options)
    out, err = process.communicate(timeout=60)
    assert out, err
    return process.returncode, json.loads(out.splitlines()[-1]), err


def test_the_course_is_read_only_but_for_the_notebooks_folder(user, course):
    status, seen, err = look_around(user, course)
    assert seen["writes"] == {
        "gradebook": "EROFS", "kit": "EROFS", "other student": "EROFS",
        "new file in the course": "EROFS", "extra read-only path": "EROFS",
        "python": seen["writes"]["python"], "own folder": "written",
        "below own folder": "written"}, err
    # the normal user may not write the Python anyway; root may, but for its jail
    assert seen["writes"]["python"] in (("EROFS",) if user.account is None else ("EROFS", "EACCES"))
    assert (course / "gradebook.db").read_text() == "original\n"
    assert (course / "autograded" / "alice" / "backprop" / "notes.txt").read_text() == "planted\n"
    assert not (course / "planted.py").exists() and status == 7 and err == ""


def test_of_the_course_it_sees_only_the_notebooks_own_folder(user, course):
    """Not the reference, not gradebook.db (the hidden tests), not another student's work:
    anything it could read, it could print into its own cells and get back as feedback."""
    status, seen, err = look_around(user, course)
    assert seen["reads"] == {"gradebook": "ENOENT", "kit": "ENOENT", "other student": "ENOENT"}
    assert seen["course"] == ["autograded"] and status == 7, err


def test_even_root_cannot_remount_or_unmount_the_course(user, course):
    _, seen, _ = look_around(user, course)
    assert seen["remount course writable"] == -1 and seen["unmount course"] == -1
    if seen.get("nested namespace"):
        assert seen["nested remount"] == -1 and seen["nested unmount"] == -1
        assert seen["nested write"] == "EROFS"


def test_it_has_no_capabilities_and_sees_only_its_own_processes(user, course):
    _, seen, _ = look_around(user, course)
    assert seen["status"] == {"CapEff": "0000000000000000", "CapPrm": "0000000000000000",
                              "CapBnd": "0000000000000000", "NoNewPrivs": "1"}
    assert seen["pid"] == 1 and seen["processes"] == [1]


def test_of_jupyters_runtime_folder_it_sees_only_its_own_connection_file(user, course):
    _, seen, _ = look_around(user, course)
    assert seen["runtime folder"] == ["kernel-1.json"]
    assert seen["connection file"] == '{"key": "mine"}'
    assert seen["write connection file"] == "EROFS"


def test_a_working_directory_that_is_the_course_itself_stays_read_only(user, course):
    status, seen, _ = look_around(user, course, cwd=course)
    assert seen["writes"]["own folder"] == "EROFS" and status == 7


def test_files_in_the_students_folder_cannot_stand_in_for_the_launchers_modules(user, course):
    """The student's folder is the launcher's working directory: an argparse.py handed in
    there must not run in the launcher (outside the jail)."""
    folder = course / "autograded" / "alice" / "backprop"
    (folder / "argparse.py").write_text(
        f"open({str(course.parent / 'extra' / 'escaped')!r}, 'w').close()\n")
    user.own(folder)
    status, seen, _ = look_around(user, course)
    assert status == 7 and seen["writes"]["gradebook"] == "EROFS"
    assert not (course.parent / "extra" / "escaped").exists()


@pytest.mark.parametrize("how", ["SIGINT, caught", "SIGTERM, not caught"])
def test_signals_are_forwarded_and_nothing_it_started_survives_it(user, course, how):
    """jupyter_client interrupts a kernel with SIGINT and stops one with SIGTERM, sent to the
    launcher: the kernel must get them (as PID 1 it would ignore one it does not catch), the
    launcher must end as the kernel did, and the process the kernel left in a session of
    its own must be gone with it."""
    marker = f"backprop-kit-left-behind-{os.getpid()}-{how[:6]}"
    catch = how.endswith(", caught")
    process = jail(user, course, user.python, "-c", ON_SIGNAL, marker,
                   "catch" if catch else "leave")
    assert process.stdout.readline() == "ready\n"
    assert processes_with(marker + "/left"), "the process left behind was never started"
    process.send_signal(signal.SIGINT if catch else signal.SIGTERM)
    process.communicate(timeout=30)
    assert process.returncode == (5 if catch else -signal.SIGTERM)
    assert processes_with(marker + "/left") == []


NO_NAMESPACES = r'''
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
uid, gid = os.geteuid(), os.getegid()
assert libc.unshare(0x10000000) == 0  # CLONE_NEWUSER: limits of its own, which it may set
for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                   ("gid_map", f"{gid} {gid} 1")):
    with open(f"/proc/self/{name}", "w") as handle:
        handle.write(text)
for kind in ("user", "mnt", "pid"):
    with open(f"/proc/sys/user/max_{kind}_namespaces", "w") as handle:
        handle.write("0")
os.execv(sys.argv[1], sys.argv[1:])
'''
"""Runs its arguments where no new user, mount or PID namespace can be made."""
WRITE_THE_GRADEBOOK = """
import sys
with open(sys.argv[1], "a") as handle:
    handle.write("planted")
sys.exit(7)
"""


def test_without_namespaces_it_says_so_in_one_line_and_runs_the_kernel_unjailed(user, course):
    """Where no namespace can be had, the kernel must still run, and nbgrader's log must say
    in one line that it is not protected (here it could write the gradebook)."""
    process = jail(user, course, user.python, "-c", WRITE_THE_GRADEBOOK,
                   course / "gradebook.db", prefix=[str(user.python), "-c", NO_NAMESPACES])
    _, err = process.communicate(timeout=60)
    [line] = err.splitlines()
    assert line.startswith(WARNING.split("(")[0]) and "No space left on device" in line, line
    assert process.returncode == 7 and (course / "gradebook.db").read_text().endswith("planted")


def test_a_missing_kernel_command_is_one_line_and_status_127(user, course):
    process = jail(user, course, "/nonexistent/python")
    out, err = process.communicate(timeout=30)
    assert process.returncode == 127 and len(err.splitlines()) == 1 and "Traceback" not in err


def test_the_python_the_tests_run_from_holds_no_probe_left_behind():
    assert not (Path(sysconfig.get_paths()["purelib"]) / "zz-backprop-kit-jail-probe.pth").exists()


def test_nbgraders_execute_starts_its_kernels_through_the_launcher():
    """Configuring c.Execute.kernel_manager_class would do nothing (nbgrader passes its own):
    is it JailedExecute's manager that nbclient gets, and does its command start the launcher
    with the course and Jupyter's folders?"""
    from jupyter_core.paths import jupyter_config_dir, jupyter_runtime_dir
    from traitlets.config import Config

    from autograder.integrations.nbgrader.kernel import LAUNCHER, JailedExecute, JailedKernelManager

    manager_class = JailedExecute(config=Config()).kernel_manager_class
    assert manager_class is JailedKernelManager
    manager = manager_class(kernel_name="python3")
    manager.connection_file = "/run/user/kernel-1.json"
    command = manager.format_kernel_cmd()
    at = command.index("--")
    assert command[:5] == [sys.executable, "-I", str(LAUNCHER), "--course", str(KIT_ROOT)]
    assert "-m" in command[at:] and "ipykernel_launcher" in command[at:]
    pairs = set(zip(command[:at], command[1:at]))
    assert ("--read-only", jupyter_config_dir()) in pairs
    assert ("--hide", jupyter_runtime_dir()) in pairs
    assert ("--connection-file", "/run/user/kernel-1.json") in pairs


def test_links_and_fifos_are_removed_from_the_notebooks_folder_only(tmp_path):
    from autograder.integrations.nbgrader.kernel import remove_links

    course = tmp_path / "course"
    folder = course / "autograded" / "heidi" / "backprop"
    (folder / "plots").mkdir(parents=True)
    (folder / "backprop.ipynb").symlink_to(course / "gradebook.db")
    (folder / "plots" / "figure.png").symlink_to(course)
    os.mkfifo(folder / "pipe")
    (folder / "answer.txt").write_text("kept")
    (course / "link").symlink_to(folder)
    assert sorted(remove_links(folder, course)) == ["backprop.ipynb", "pipe", "plots/figure.png"]
    assert sorted(p.name for p in folder.rglob("*")) == ["answer.txt", "plots"]
    assert remove_links(course, course) == [] and (course / "link").is_symlink()


SHOW_ENVIRONMENT = "import json, os; print(json.dumps(dict(os.environ)))"


def test_the_launcher_passes_the_kernel_none_of_the_variables_a_kernel_could_have_planted(
        user, course):
    """A kernelspec's env, or a polluted environment of nbgrader's, reaches the launcher: the
    kernel it starts must get none of LD_PRELOAD, LD_LIBRARY_PATH, PYTHONPATH and the like,
    only what a kernel needs (jail.KERNEL_ENVIRONMENT)."""
    planted = {"LD_PRELOAD": "libm.so.6", "LD_LIBRARY_PATH": "/nonexistent",
               "PYTHONPATH": "/nonexistent", "PYTHONSTARTUP": "/nonexistent/startup.py",
               "BPK_PLANTED": "yes"}
    kept = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "JPY_PARENT_PID": "1", "HOME": str(course.parent / "extra")}
    account = {} if user.account is None else {
        "user": user.account.pw_uid, "group": user.account.pw_gid, "extra_groups": []}
    completed = subprocess.run(jail_argv(user, course, user.python, "-c", SHOW_ENVIRONMENT),
                               cwd=course / "autograded" / "alice" / "backprop",
                               env={**planted, **kept}, capture_output=True, text=True,
                               timeout=60, **account)
    seen = json.loads(completed.stdout.splitlines()[-1])
    assert not set(planted) & set(seen), seen
    assert {name: seen.get(name) for name in kept} == kept


def test_the_kernel_manager_builds_the_kernels_command_and_environment_itself(tmp_path):
    """Whatever kernelspec a notebook names (or a kernel planted), the kernel is the kit's own,
    and its environment is nbgrader's but for anything a kernel could have planted, with
    folders of its own."""
    from autograder.integrations.nbgrader.kernel import (KERNEL_COMMAND, JailedKernelManager,
                                                         kernel_environment)

    manager = JailedKernelManager(kernel_name="python3")
    assert manager.kernel_spec.argv == KERNEL_COMMAND and manager.kernel_spec.env == {}
    given = {"PATH": "/usr/bin", "LC_ALL": "C", "JPY_SESSION_NAME": "x", "HOME": "/root",
             "LD_PRELOAD": "/tmp/x.so", "PYTHONPATH": "/tmp", "JUPYTER_PATH": "/tmp"}
    environment = kernel_environment(given, str(tmp_path))
    assert {name: environment[name] for name in ("PATH", "LC_ALL", "JPY_SESSION_NAME")} == \
        {"PATH": "/usr/bin", "LC_ALL": "C", "JPY_SESSION_NAME": "x"}
    assert not {"LD_PRELOAD", "PYTHONPATH", "JUPYTER_PATH"} & set(environment)
    for name in ("HOME", "TMPDIR", "IPYTHONDIR", "JUPYTER_DATA_DIR", "XDG_CACHE_HOME"):
        assert environment[name].startswith(str(tmp_path) + "/"), name
