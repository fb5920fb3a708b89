"""Submissions that go for the grader itself: its memory, its time, the machine's memory, and
a classmate graded at the same moment (issue 17). Each is the reference with a tail of its
own, so that what it does is all that differs from an honest student; {mark} is a word the
test looks for in what the submission prints and in the processes left behind.
"""

FLOOD_HEADER = '''
import __main__, struct


def _flood(stream, header, arrays=()):
    """Every reply a frame whose JSON header is 64 MiB of tiny items (the worker's own
    framing rewritten): decoded, each item would be a Python object of the grader's."""
    items = b'{{"t":"none"}},' * 5_000_000  # 62 MiB: under the 64 MiB frames of before
    body = (b'[{{"status":"returned","value":{{"t":"list","items":[' + items
            + b'{{"t":"none"}}]}}}},[]]')
    stream.write(struct.pack("<4sIQ", b"BPK1", len(body), 0) + body)
    stream.flush()


__main__.write_frame = _flood
'''
"""Floods at its first reply: the import's."""

FLOOD_ARRAYS = '''
import __main__
import numpy as _np

__main__.MAX_ARRAY_ITEMS = 10**9  # the worker's own cap on what it sends, lifted
_BIG = [_np.full(1_000_000, 7.0) for _ in range(8)]


def _flooding(real):
    def flooding(*args):
        real(*args)
        return list(_BIG)  # 64 MB of arrays, within the protocol but for the size
    return flooding


for _name in ("forward_propagation", "compute_cost", "compute_dZ2", "compute_dZ1",
              "compute_dW", "compute_db", "backward_propagation"):
    globals()[_name] = _flooding(globals()[_name])
'''
"""Every function returns a list of 8 arrays of a million floats (1.9 GB of the grader's
memory before issue 17)."""

FLOOD_FRAMES = '''
import __main__, json, struct

_real_frame = __main__.frame_bytes


def _heavy(stream, header, arrays=()):
    """Each reply the true one, padded to just under the limits of one frame: a 900 KB
    header and 15 MiB of arrays nothing refers to."""
    true = _real_frame({{**header, "pad": "x" * 900_000}}, arrays)
    _, header_size, payload_size = struct.unpack_from("<4sIQ", true)
    metas_and_header = json.loads(true[16:16 + header_size])
    metas_and_header[1].append(["|u1", [15 * 2**20], payload_size])
    body = json.dumps(metas_and_header).encode()
    payload = true[16 + header_size:] + bytes(15 * 2**20)
    stream.write(struct.pack("<4sIQ", b"BPK1", len(body), len(payload)) + body + payload)
    stream.flush()


__main__.write_frame = _heavy
'''
"""Replies each within the limits of one frame, but all of them together far past what a
whole submission may send: its reply budget ends it."""

OUTLIVE = '''
import socket as _socket, sys as _sys, time as _time


def _traced():
    """True in the diagnosis's traced run: the tracer runs a rewritten copy of the function."""
    frame = _sys._getframe(1)
    return frame.f_code is not globals()[frame.f_code.co_name].__code__


def compute_dZ2(A2, Y):
    if _traced():
        _time.sleep(9.6)  # just under the tracer's own limit, on every trace
    return (A2 - Y) * 1.001  # a value nothing explains: every call gets traced


def compute_dZ1(dZ2, W2, Z1, A1):
    if _traced():
        _time.sleep(9.6)
    return W2.T @ dZ2 * (1 - A1 ** 2) * 1.001


def compute_dW(dZ, A_prev):
    if _traced():
        _time.sleep(9.6)
    return dZ @ A_prev.T / dZ.shape[1] * 1.001


def compute_db(dZ):
    if _traced():
        _time.sleep(9.6)
    return dZ.sum(axis=1, keepdims=True) / dZ.shape[1] * 1.001


_listener = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
_listener.bind("\\0{mark}-outliver")  # held as long as the worker lives
_listener.listen(8)
'''
"""Makes every traced run of the diagnosis last 9.6 s (230 s of one worker before issue 17),
and holds an abstract Unix socket all that time."""

FORK_MEMORY = '''
import os as _os, time as _time

_children = []
for _ in range(15):
    try:
        _pid = _os.fork()
    except OSError:  # past the processes a submission may have (RLIMIT_NPROC)
        break
    if _pid == 0:
        try:
            _block = bytearray({megabytes} * 2**20)
            for _at in range(0, len(_block), 4096):
                _block[_at] = 1
            _time.sleep(30)
        finally:
            _os._exit(0)
    _children.append(_pid)
_time.sleep(6)  # long enough for all of them to have touched their memory
_own = 0
for _pid in _children:
    try:
        with open(f"/proc/{{_pid}}/smaps_rollup") as _status:
            for _line in _status:
                if _line.startswith("Private_Dirty:"):
                    _own += int(_line.split()[1])
    except OSError:
        pass
with open("/proc/self/oom_score_adj") as _adj:
    print("{mark} children's own memory", _own // 1024, "MiB; oom_score_adj",
          _adj.read().strip())
for _pid in _children:
    try:
        _os.kill(_pid, 9)
    except OSError:
        pass
'''
"""Fifteen children of {megabytes} MB each, far past the worker's memory group (14 GiB per
submission before issue 17, with no cap on them together)."""

BIND = '''
import socket as _socket, time as _time

_listener = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
_listener.bind("\\0{mark}-colluders")
_listener.listen(8)
_time.sleep(8)  # long enough that the classmate graded beside it looks for it
'''
"""Holds an abstract Unix socket while its classmate is graded."""

CONNECT = '''
import socket as _socket, time as _time

_found = []
_until = _time.monotonic() + 6
while _time.monotonic() < _until and len(_found) < 2:
    for _name in ("{mark}-colluders", "{mark}-outliver"):
        _client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            _client.connect("\\0" + _name)
            _found.append(_name)
        except OSError:
            pass
        _client.close()
    _time.sleep(0.05)
print("{mark} reached", sorted(set(_found)) or "nothing")
'''
"""Looks, for six seconds, for the sockets of the two above."""
