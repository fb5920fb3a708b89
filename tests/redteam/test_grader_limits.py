"""Can a submission exhaust the grader, outlive its time, or reach a classmate graded beside it?

A class goes through the real `batch` (a subprocess), as root and as a normal user: honest
students, and attackers (tests/redteam/grader_limit_attacks.py) that flood the grader with
replies in three ways, fork fifteen children of hundreds of MB, make every traced run of the
diagnosis last 9.6 s while holding an abstract Unix socket, and two pairs of colluders that
look for each other's abstract sockets, one pair graded at the same moment, one later.

The bar: the grader's own memory stays under 1 GiB (its peak resident set, read from
/proc/<pid>/status while it runs); each flood is that student's failure, said as such, and
every other student is graded as if it were not there; a submission's processes together
stay within its memory group where the grader can make one (as root), and are the OOM
killer's first choice everywhere; no abstract socket reaches another worker; and a class whose
submission is built to outlive its limit is graded within that limit plus 5 s, with nothing of
it left behind.
"""

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from autograder.classroom.signing import is_signed_report
from autograder.judge.settings import DEFAULT_SETTINGS
from autograder.sandbox.channel import FLOODED
from autograder.sandbox.confinement import WITHOUT_LANDLOCK
from tests.conftest import REFERENCE, KitAs, processes_with
from tests.redteam import grader_limit_attacks as attacks
from tests.redteam.test_cross_student import _skip_without_namespaces

HONEST = ("a_ana", "d_dan", "z_zed")
GRADER_MEMORY_LIMIT = 2**30
"""The grader's peak resident set, whatever a submission sends (issue 17: under 1 GiB)."""
SLACK_S = 5.0
"""What a class with a submission built to outlive its limit may take past that limit."""
MEMORY_GROUP_MIB = DEFAULT_SETTINGS.worker_memory_mb


def modes():
    return ["root", "normal user"] if os.geteuid() == 0 else ["normal user"]


@pytest.fixture(scope="module", params=modes())
def kit(request, kit_as_grading_user, kit_as_normal_user):
    return kit_as_grading_user if request.param == "root" else kit_as_normal_user


def run_measured(kit: KitAs, *argv, home: Path, timeout=240, environment=None):
    """`python -m autograder ...` as the kit's user: (completed, the grader's own peak resident
    set in bytes, wall-clock seconds). The peak is that one process's (VmHWM), not its
    workers'."""
    environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(home),
                   **(environment or {})}
    extra = {}
    if kit.user is not None:
        extra = {"user": kit.user.pw_uid, "group": kit.user.pw_gid, "extra_groups": []}
    started = time.monotonic()
    process = subprocess.Popen([str(kit.python), "-m", "autograder", *map(str, argv)],
                               cwd=kit.kit, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environment, **extra)
    peak = 0
    while process.poll() is None:
        with contextlib.suppress(OSError, ValueError):
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) * 1024)
        if time.monotonic() - started > timeout:
            process.kill()
        time.sleep(0.01)
    out, err = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), peak, \
        time.monotonic() - started


@contextlib.contextmanager
def a_class(kit: KitAs, students: dict):
    """A folder of submissions (student -> source) the kit's user owns, with RESULTS and a
    home beside it; removed after, with whatever of it still runs."""
    parent = Path(tempfile.mkdtemp(prefix="backprop-kit-limits-"))
    parent.chmod(0o755)
    try:
        sub, out, home = kit.folder(parent), kit.folder(parent), kit.folder(parent)
        for student, source in students.items():
            path = sub / f"{student}.py"
            path.write_text(source)
            path.chmod(0o644)
            if kit.user is not None:
                os.chown(path, kit.user.pw_uid, kit.user.pw_gid)
        yield sub, out, home
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def attacker(tail: str, **fields) -> str:
    return REFERENCE.read_text() + "\n" + tail.format(**fields)


@pytest.fixture(scope="module")
def flooded_class(kit):
    """The class of floods, forks and colluders, graded once per mode."""
    _skip_without_namespaces(kit)
    mark = "bpkl" + uuid.uuid4().hex[:10]
    megabytes = 300 if kit.is_root else 100  # as a normal user no memory group caps them
    students = {name: REFERENCE.read_text() for name in HONEST}
    students.update({
        "b_binder": attacker(attacks.BIND, mark=mark),
        "c_connector": attacker(attacks.CONNECT, mark=mark),
        "f_flood_header": attacker(attacks.FLOOD_HEADER, mark=mark),
        "g_flood_arrays": attacker(attacks.FLOOD_ARRAYS, mark=mark),
        "h_flood_frames": attacker(attacks.FLOOD_FRAMES, mark=mark),
        "m_fork_memory": attacker(attacks.FORK_MEMORY, mark=mark, megabytes=megabytes),
    })
    with a_class(kit, students) as (sub, out, home):
        completed, peak, _ = run_measured(kit, "batch", sub, "--out", out, "--jobs", 2,
                                          "--seed", 5, home=home)
        reports = {path.stem: json.loads(path.read_text()) for path in out.glob("*.json")
                   if path.name != "batch.json"}
        key = bytes.fromhex((home / ".cache" / "backprop-kit" / "report-key").read_text())
        signed = {path.stem: is_signed_report(key, path.stem, path.read_text())
                  for path in out.glob("*.json") if path.name != "batch.json"}
        yield {"completed": completed, "peak": peak, "reports": reports, "signed": signed,
               "mark": mark, "survivors": processes_with(mark), "kit": kit}


def test_the_grader_stays_small_whatever_a_submission_sends(flooded_class):
    assert flooded_class["completed"].returncode == 0, flooded_class["completed"].stderr
    assert 0 < flooded_class["peak"] < GRADER_MEMORY_LIMIT, flooded_class["peak"]


def test_every_flood_is_that_students_failure_said_as_such(flooded_class):
    reports = flooded_class["reports"]
    for student in ("f_flood_header", "g_flood_arrays", "h_flood_frames"):
        report = reports[student]
        said = " ".join([report["error"] or "", *(hint for exercise in report["exercises"]
                                                   for hint in exercise["hints"])])
        assert report["score"] == 0 and FLOODED in said, (student, said[:500])


def test_everyone_else_is_graded_as_if_no_flood_were_there(flooded_class):
    reports = flooded_class["reports"]
    for student in (*HONEST, "b_binder", "c_connector", "m_fork_memory"):
        assert reports[student]["score"] == 10, (student, reports[student]["error"])
        assert reports[student]["notes"] == []
    assert all(flooded_class["signed"].values()), flooded_class["signed"]
    assert len(reports) == len(HONEST) + 6


def test_a_submissions_processes_share_one_memory_cap_and_go_first(flooded_class):
    output = flooded_class["reports"]["m_fork_memory"]["output"]
    words = output.split(f"{flooded_class['mark']} children's own memory", 1)[1].split()
    own_mib, adjustment = int(words[0]), words[-1]
    assert adjustment == "1000", "the OOM killer's first choice, before the grader"
    if flooded_class["kit"].is_root:
        assert own_mib <= MEMORY_GROUP_MIB + 64, own_mib  # fifteen of 300 MB, capped together


def test_no_abstract_socket_reaches_a_classmate(flooded_class):
    output = flooded_class["reports"]["c_connector"]["output"]
    assert f"{flooded_class['mark']} reached nothing" in output, output


def test_nothing_of_the_class_outlives_the_batch(flooded_class):
    assert flooded_class["survivors"] == []


@pytest.fixture(scope="module")
def outlived_class(kit):
    """A class with a submission built to outlive its limit, and a classmate graded while it
    holds its socket, after another classmate (--jobs 2)."""
    _skip_without_namespaces(kit)
    mark = "bpko" + uuid.uuid4().hex[:10]
    students = {"a_ana": REFERENCE.read_text(),
                "o_outliver": attacker(attacks.OUTLIVE, mark=mark),
                "p_connector": attacker(attacks.CONNECT, mark=mark)}
    with a_class(kit, students) as (sub, out, home):
        completed, _, seconds = run_measured(kit, "batch", sub, "--out", out, "--jobs", 2,
                                             "--seed", 5, home=home)
        reports = {path.stem: json.loads(path.read_text()) for path in out.glob("*.json")
                   if path.name != "batch.json"}
        yield {"completed": completed, "seconds": seconds, "reports": reports, "mark": mark,
               "survivors": processes_with(mark)}


def test_a_class_is_graded_within_the_limit_of_a_submission_built_to_outlive_it(outlived_class):
    assert outlived_class["completed"].returncode == 0, outlived_class["completed"].stderr
    assert outlived_class["seconds"] <= DEFAULT_SETTINGS.submission_timeout_s + SLACK_S, \
        outlived_class["seconds"]
    outliver = outlived_class["reports"]["o_outliver"]
    # Spending the budget on the traces costs hints, never the grade: the functions it left
    # alone still earn their points.
    passed = {exercise["name"] for exercise in outliver["exercises"] if exercise["passed"]}
    assert outliver["error"] is None and passed == {"forward_propagation", "compute_cost"}
    assert outlived_class["survivors"] == []


def test_the_socket_the_outliver_holds_reaches_no_classmate(outlived_class):
    output = outlived_class["reports"]["p_connector"]["output"]
    assert f"{outlived_class['mark']} reached nothing" in output, output


def test_without_landlock_each_worker_has_a_network_namespace_of_its_own(kit):
    """Where the kernel's Landlock cannot scope abstract sockets, each worker gets a network
    namespace of its own instead: colluders graded at the same moment still find nothing."""
    _skip_without_namespaces(kit)
    mark = "bpkn" + uuid.uuid4().hex[:10]
    students = {"b_binder": attacker(attacks.BIND, mark=mark),
                "c_connector": attacker(attacks.CONNECT, mark=mark)}
    with a_class(kit, students) as (sub, out, home):
        completed, _, _ = run_measured(kit, "batch", sub, "--out", out, "--jobs", 2, "--seed", 5,
                                       home=home, environment={WITHOUT_LANDLOCK: "1"})
        assert completed.returncode == 0, completed.stderr
        output = json.loads((out / "c_connector.json").read_text())["output"]
    assert f"{mark} reached nothing" in output, output
