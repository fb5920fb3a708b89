"""Can an nbgrader kernel leave something behind for a later kernel, read the grading user's
files, or get its launcher redirected? (issue 17)

A red team found, on main, that one student's kernel could zero a classmate's grade and copy
classmates' notebooks into a colluder's feedback (an IPython startup file in the grading
user's home, which every later kernel ran), print the report key that signs batch's reports,
and, where the user's Jupyter folder comes before the environment's, escape the jail and set
its own score (a kernelspec whose env held LD_PRELOAD, loaded by the launcher before it
unshared anything).

Here the real `nbgrader generate_assignment`, `autograde` (one run per student, in order) and
`export` grade: mallory, whose first cell plants all of that, by absolute path and in its own
home, and leaves files in /tmp, /var/tmp and /dev/shm; then, in a later run, alice and bob, who
hand in the
solution, each with a secret of their own in it; then carol, who looks for what mallory left,
for classmates' notebooks and for the key. Before any of it, a kernelspec named python3 with
LD_PRELOAD in its env is already in the user's Jupyter folder, with a library whose
constructor notes where it ran. Each as root and as a normal user (nobody), with Jupyter's
user folder first and with the environment's first (JUPYTER_PREFER_ENV_PATH 0 and 1).

The bar: alice and bob get 10/10; no classmate's secret, no notebook of theirs and not the key
appears in anything carol or mallory gets back; the planted library never runs; nothing any
kernel wrote in /tmp, /var/tmp, /dev/shm or the grading user's home is there afterwards.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import nbformat
import pytest

from autograder.integrations.nbgrader.jail import WARNING
from tests.conftest import KIT_ROOT
from tests.notebooks.test_nbgrader import _as_submitted, _attack, _grades

pytestmark = pytest.mark.nbgrader
LIBRARY = r'''
#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void planted(void) {
    FILE *note = fopen("NOTE", "a");
    if (note) { fprintf(note, "ran in process %d\n", getpid()); fclose(note); }
}
'''
"""What a planted LD_PRELOAD would run, in whatever process loaded it: a note of where."""
PLANT = '''import glob, json, os, pathlib

_found = {{}}


def _try(what, action):
    try:
        action()
        _found[what] = "done"
    except Exception as error:
        _found[what] = type(error).__name__


_STARTUP = ("import glob, os, shutil\\n"
            "os.makedirs('/tmp/bpk-{token}-copies', exist_ok=True)\\n"
            "for _p in glob.glob('*.ipynb'):\\n"
            "    shutil.copy(_p, '/tmp/bpk-{token}-copies/%d.ipynb' % os.getpid())\\n"
            "os._exit(1)\\n")
_SPEC = json.dumps({{"argv": ["python3", "-m", "ipykernel_launcher", "-f", "{{connection_file}}"],
                    "display_name": "Python 3", "language": "python",
                    "env": {{"LD_PRELOAD": {library!r}}}}})
_homes = [pathlib.Path.home(), pathlib.Path({home!r})]
for _home in _homes:
    for _ipython in (_home / ".ipython", pathlib.Path(os.environ.get("IPYTHONDIR", _home))):
        _file = _ipython / "profile_default" / "startup" / "00-bpk.py"
        _try(f"startup {{_file}}", lambda f=_file: (f.parent.mkdir(parents=True, exist_ok=True),
                                                    f.write_text(_STARTUP)))
    for _data in (_home / ".local" / "share" / "jupyter",
                  pathlib.Path(os.environ.get("JUPYTER_DATA_DIR", _home))):
        _file = _data / "kernels" / "python3" / "kernel.json"
        _try(f"kernelspec {{_file}}", lambda f=_file: (f.parent.mkdir(parents=True, exist_ok=True),
                                                       f.write_text(_SPEC)))
for _folder in ("/tmp", "/var/tmp", "/dev/shm"):
    _try(f"left in {{_folder}}",
         lambda f=_folder: pathlib.Path(f, "bpk-{token}-left").write_text("mallory was here"))
_try("key", lambda: print("KEY:", open({key!r}).read()))
print("MALLORY", json.dumps(_found))


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""mallory's first exercise cell."""
LOOK = '''import glob, os

print("COPIES", sorted(glob.glob("/tmp/bpk-{token}-copies/*")))
for _copy in glob.glob("/tmp/bpk-{token}-copies/*"):
    print(open(_copy).read())
print("LEFT", [p for f in ("/tmp", "/var/tmp", "/dev/shm") for p in glob.glob(f + "/bpk-{token}*")])
try:
    print("KEY:", open({key!r}).read())
except OSError as error:
    print("KEY:", type(error).__name__)
print("ENVIRONMENT", os.environ.get("LD_PRELOAD"), os.environ.get("PYTHONSTARTUP"))


def forward_propagation(X, parameters):
    return None, {{}}
'''
"""carol's first exercise cell, graded last."""
ORDER = ("mallory", "alice", "bob", "carol")


def modes():
    users = ["root", "normal user"] if os.geteuid() == 0 else ["normal user"]
    return [(user, prefer) for user in users for prefer in ("0", "1")]


@pytest.fixture(scope="module", params=modes(), ids=lambda mode: f"{mode[0]}, prefer env {mode[1]}")
def graded(request, tmp_path_factory, kit_as_normal_user):
    user, prefer = request.param
    kit = None if user == "root" else kit_as_normal_user
    account = {} if kit is None else {"user": kit.user.pw_uid, "group": kit.user.pw_gid,
                                      "extra_groups": []}
    python = Path(sys.executable) if kit is None else kit.python
    token = uuid.uuid4().hex[:12]
    base = Path(tempfile.mkdtemp(prefix="backprop-kit-apart-"))
    base.chmod(0o755)
    try:
        course, home, notes = base / "course", base / "home", base / "notes"
        for name in ("autograder", "solutions", "assignments"):
            shutil.copytree(KIT_ROOT / name, course / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc",
                                                          "backprop_checks"))
        shutil.copy(KIT_ROOT / "nbgrader_config.py", course)
        notes.mkdir()
        notes.chmod(0o777)  # where the planted library notes where it ran, if it ever does
        library = base / "planted.so"
        source = base / "planted.c"
        source.write_text(LIBRARY.replace("NOTE", str(notes / "library-ran")))
        compiled = subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(library), str(source)],
                                  capture_output=True, text=True)
        assert compiled.returncode == 0, f"gcc is needed to build the planted library: {compiled}"
        library.chmod(0o755)
        key = home / ".cache" / "backprop-kit" / "report-key"
        key.parent.mkdir(parents=True)
        key.write_text(uuid.uuid4().hex * 2)
        planted_spec = home / ".local" / "share" / "jupyter" / "kernels" / "python3"
        planted_spec.mkdir(parents=True)
        (planted_spec / "kernel.json").write_text(json.dumps({
            "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3", "language": "python",
            "env": {"LD_PRELOAD": str(library), "PYTHONSTARTUP": str(notes / "startup.py")}}))
        (notes / "startup.py").write_text(f"open({str(notes / 'startup-ran')!r}, 'a').close()\n")
        if kit is not None:
            for path in (course, home):
                for each in [path, *path.rglob("*")]:
                    os.chown(each, kit.user.pw_uid, kit.user.pw_gid, follow_symlinks=False)
        environment = {"PATH": f"{python.parent}:/usr/local/bin:/usr/bin:/bin",
                       "LANG": "C.UTF-8", "HOME": str(home), "JUPYTER_PREFER_ENV_PATH": prefer}

        def nbgrader(*args):
            completed = subprocess.run([str(python), "-m", "nbgrader", *args, "--log-level=WARN"],
                                       cwd=course, capture_output=True, text=True, timeout=600,
                                       env=environment, **account)
            assert completed.returncode == 0, completed.stdout + completed.stderr
            return completed.stdout + completed.stderr

        log = nbgrader("generate_assignment", "backprop", "--force")
        solution = nbformat.read(str(course / "solutions" / "backprop" / "backprop.ipynb"), 4)
        release = nbformat.read(str(course / "assignments" / "backprop" / "backprop.ipynb"), 4)
        secrets = {student: f"BPK-SECRET-{token}-{student}" for student in ("alice", "bob")}
        fields = {"token": token, "home": str(home), "key": str(key), "library": str(library)}
        notebooks = {"mallory": _attack(release, PLANT, **fields),
                     "carol": _attack(release, LOOK, **fields)}
        for student, secret in secrets.items():
            notebooks[student] = _as_submitted(solution)
            notebooks[student].cells.append(nbformat.v4.new_code_cell(f"SECRET = {secret!r}"))
        # mallory first, in a run of its own; then the others, in one run, in ORDER (nbgrader
        # grades students by name), each kernel started after mallory's ended
        for first, students in ((True, ORDER[:1]), (False, ORDER[1:])):
            for student in students:
                folder = course / "submitted" / student / "backprop"
                folder.mkdir(parents=True)
                nbformat.write(notebooks[student], str(folder / "backprop.ipynb"))
            if kit is not None:
                for each in [course / "submitted", *(course / "submitted").rglob("*")]:
                    os.chown(each, kit.user.pw_uid, kit.user.pw_gid)
            log += nbgrader("autograde", "backprop", *(["--student", "mallory"] if first else []))
        log += nbgrader("generate_feedback", "backprop", "--force")
        log += nbgrader("export")
        left = [str(path) for folder in ("/tmp", "/var/tmp", "/dev/shm")
                for path in Path(folder).glob(f"bpk-{token}*")]
        yield {"course": course, "home": home, "notes": notes, "log": log, "left": left,
               "secrets": secrets, "key": key.read_text(), "token": token,
               "feedback": {student: (course / "feedback" / student / "backprop" /
                                      "backprop.html").read_text() for student in ORDER},
               "graded": {student: _outputs(course / "autograded" / student / "backprop" /
                                            "backprop.ipynb") for student in ORDER}}
    finally:
        for folder in ("/tmp", "/var/tmp", "/dev/shm"):
            for path in Path(folder).glob("bpk-*"):
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
        shutil.rmtree(base, ignore_errors=True)


def _outputs(path: Path) -> str:
    """Every output of a graded notebook, as text: what its kernel printed."""
    notebook = nbformat.read(str(path), 4)
    return "\n".join(json.dumps(output) if output.get("output_type") != "stream"
                     else output.get("text", "") for cell in notebook.cells
                     if cell.cell_type == "code" for output in cell.get("outputs", []))


def test_classmates_keep_full_marks_beside_the_planter(graded):
    grades = _grades(graded["course"])
    assert grades["alice"] == grades["bob"] == 10, grades
    assert WARNING.split("(")[0] not in graded["log"], "every kernel was jailed"


def test_nothing_of_a_classmate_and_not_the_key_reaches_the_others(graded):
    for student in ("mallory", "carol"):
        for text in (graded["feedback"][student], graded["graded"][student]):
            for secret in graded["secrets"].values():
                assert secret not in text, (student, secret)
            assert graded["key"] not in text, student
    assert "COPIES []" in graded["graded"]["carol"]
    assert "LEFT []" in graded["graded"]["carol"]
    assert "ENVIRONMENT None None" in graded["graded"]["carol"]


def test_the_planted_kernelspec_never_runs(graded):
    assert not (graded["notes"] / "library-ran").exists()
    assert not (graded["notes"] / "startup-ran").exists()


def test_nothing_a_kernel_wrote_outside_its_folder_is_left(graded):
    assert graded["left"] == []
    home = graded["home"]
    assert not list(home.rglob("00-bpk.py")), "an IPython startup file in the real home"
    specs = sorted(str(path.relative_to(home)) for path in home.rglob("kernel.json"))
    assert specs == [".local/share/jupyter/kernels/python3/kernel.json"]  # the test's own
    mallory = graded["graded"]["mallory"]
    assert "MALLORY" in mallory and '"key": "FileNotFoundError"' in mallory
