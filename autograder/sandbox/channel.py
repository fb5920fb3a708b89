"""The grader's end of a worker's socket: frames out, frames in, each read with a deadline.

A frame (sandbox/worker.py, which writes and reads them on its side) is a JSON header and the
raw bytes of plain-number arrays. What a frame says is decoded, trusting none of it, by
judge/decoding.py; here a frame is only taken whole, within its deadline and its limits: a
header small enough that decoding it costs little, a payload of no more than a right answer
could need many times over, and, over every frame of one submission, its reply budget. The
grader's memory is so bounded whatever a worker sends, and a flood is that student's failure.
"""

import selectors
import socket
import time

from autograder.judge.decoding import ProtocolError
from autograder.sandbox.worker import FRAME_MAGIC, FRAME_PREFIX, frame_bytes, parse_frame

MAX_HEADER_BYTES = 2**20
"""A frame's JSON header: a right reply's is under 8 KiB (a trace's included); every item of
it becomes a Python object in the grader, so a megabyte of tiny items is already tens of MB."""
MAX_PAYLOAD_BYTES = 16 * 2**20
"""A frame's arrays: a right reply carries under 8 KiB of them."""
FLOODED = "its replies were larger than any right answer"
"""Why a worker was stopped whose replies broke a limit (the student's failure, in words)."""


class Flooded(ProtocolError):
    """A worker sent more than a right answer could: a frame past its limits, or past what is
    left of the submission's reply budget."""


class ReplyBudget:
    """What one submission's replies may weigh in all, shared by its successive workers (a
    worker that crashed is replaced; what the first sent still counts)."""

    def __init__(self, total_bytes: int):
        self.total = total_bytes
        self.left = total_bytes

    def check(self, size: int) -> None:
        """Raise Flooded if a frame of `size` bytes would take more than is left."""
        if size > self.left:
            self.left = 0
            raise Flooded(f"{FLOODED}: more than {_mib(self.total)} in all")

    def take(self, size: int) -> None:
        self.check(size)
        self.left -= size

    @property
    def spent(self) -> bool:
        return self.left <= 0


def _mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


class Channel:
    """One worker's socket, seen from the grader.

    Frames to send are queued and written as the socket takes them, while replies are read, so
    that many calls can be sent at once without either side blocking on a full buffer.
    """

    def __init__(self, sock: socket.socket, budget: ReplyBudget = None):
        """budget: what the submission's replies may still weigh (None: no budget)."""
        sock.setblocking(False)
        self.budget = budget
        self.sock = sock
        self.outbox = bytearray()
        self.inbox = bytearray()
        self.closed_by_worker = False
        self.selector = selectors.DefaultSelector()
        self.selector.register(sock, selectors.EVENT_READ)

    def send(self, header, arrays=()) -> None:
        """Queue one frame and write what the socket takes now."""
        self.outbox += frame_bytes(header, arrays)
        self._write_some()

    def receive(self, seconds: float):
        """One frame: (header, arrays). TimeoutError after `seconds`, EOFError if the worker has
        gone, Flooded if it sent more than a right answer could, ProtocolError if what it sent
        is not a frame."""
        deadline = time.monotonic() + seconds
        while True:
            frame = self._take_frame()
            if frame is not None:
                return frame
            if self.closed_by_worker:
                raise EOFError("the worker closed its end")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            events = selectors.EVENT_READ | (selectors.EVENT_WRITE if self.outbox else 0)
            self.selector.modify(self.sock, events)
            for _, mask in self.selector.select(min(remaining, 3600)):
                if mask & selectors.EVENT_WRITE:
                    self._write_some()
                if mask & selectors.EVENT_READ:
                    self._read_some()

    def close(self) -> None:
        self.selector.close()
        self.sock.close()

    def _write_some(self) -> None:
        while self.outbox:
            try:
                sent = self.sock.send(self.outbox, socket.MSG_NOSIGNAL)
            except BlockingIOError:
                return
            except OSError:  # the worker has gone: reading will say so
                self.outbox.clear()
                return
            del self.outbox[:sent]

    def _read_some(self) -> None:
        try:
            data = self.sock.recv(1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.closed_by_worker = True
        self.inbox += data

    def _take_frame(self):
        prefix = FRAME_PREFIX.size
        if not self.inbox.startswith(FRAME_MAGIC[:len(self.inbox)]):
            raise ProtocolError("it sent something that is not a frame")
        if len(self.inbox) < prefix:
            return None
        _, header_size, payload_size = FRAME_PREFIX.unpack_from(self.inbox)
        if header_size > MAX_HEADER_BYTES or payload_size > MAX_PAYLOAD_BYTES:
            raise Flooded(f"{FLOODED}: a reply of {_mib(header_size + payload_size)}")
        if self.budget is not None:
            self.budget.check(header_size + payload_size)  # said before the frame is read
        end = prefix + header_size + payload_size
        if len(self.inbox) < end:
            return None
        if self.budget is not None:
            self.budget.take(header_size + payload_size)
        header_bytes = bytes(self.inbox[prefix:prefix + header_size])
        payload = self.inbox[prefix + header_size:end]
        del self.inbox[:end]
        try:
            return parse_frame(header_bytes, payload)
        except Exception as error:  # malformed JSON, a bad dtype or shape
            raise ProtocolError(str(error)) from None
