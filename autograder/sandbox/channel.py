"""The grader's end of a worker's socket: frames out, frames in, each read with a deadline.

A frame (sandbox/worker.py, which writes and reads them on its side) is a JSON header and the
raw bytes of plain-number arrays. What a frame says is decoded, trusting none of it, by
judge/decoding.py; here a frame is only taken whole, within its size limit and its deadline.
"""

import selectors
import socket
import time

from autograder.judge.decoding import ProtocolError
from autograder.sandbox.worker import FRAME_MAGIC, FRAME_PREFIX, frame_bytes, parse_frame

MAX_FRAME_BYTES = 64 * 2**20


class Channel:
    """One worker's socket, seen from the grader.

    Frames to send are queued and written as the socket takes them, while replies are read, so
    that many calls can be sent at once without either side blocking on a full buffer.
    """

    def __init__(self, sock: socket.socket):
        sock.setblocking(False)
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
        gone, ProtocolError if what it sent is not a frame."""
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
        if header_size + payload_size > MAX_FRAME_BYTES:
            raise ProtocolError(f"a frame of {header_size + payload_size} bytes is too large")
        end = prefix + header_size + payload_size
        if len(self.inbox) < end:
            return None
        header_bytes = bytes(self.inbox[prefix:prefix + header_size])
        payload = self.inbox[prefix + header_size:end]
        del self.inbox[:end]
        try:
            return parse_frame(header_bytes, payload)
        except Exception as error:  # malformed JSON, a bad dtype or shape
            raise ProtocolError(str(error)) from None
