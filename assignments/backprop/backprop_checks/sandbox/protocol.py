"""Read what the worker sends back, trusting none of it.

The worker runs student code, so anything it says may be a lie. Here its frames are read with a
deadline and a size limit, arrays are loaded with pickling off, and every value is rebuilt from
plain data: exact numpy arrays made by np.load, Python numbers, strings, lists, tuples and dicts,
or an `Opaque` naming a type that did not cross the boundary.
"""

import os
import selectors
import time
from dataclasses import dataclass, field

import numpy as np

from backprop_checks.sandbox.worker import read_frame, write_frame

__all__ = ["CallOutcome", "Opaque", "ProtocolError", "DeadlineReader", "decode_value", "read_frame", "write_frame"]

MAX_FRAME_BYTES = 64 * 2**20
_NUMPY_SCALAR_TYPES = {"float64": np.float64, "float32": np.float32, "float16": np.float16,
                       "int64": np.int64, "int32": np.int32, "int16": np.int16, "int8": np.int8,
                       "uint8": np.uint8, "bool": np.bool_}


@dataclass
class CallOutcome:
    """What one call of a student function did: 'returned', 'raised', 'timeout' or 'crashed'."""

    status: str
    value: object = None
    args_after: list = None
    """The arguments as they were after the call, to see whether the call changed them."""
    error: dict = field(default_factory=dict)
    seconds: float = 0.0


class ProtocolError(Exception):
    """The worker sent something that is not a well-formed answer."""


@dataclass(frozen=True)
class Opaque:
    """A value the submission returned that is not plain data; only its description came back."""

    type_name: str
    detail: str = ""
    dtype: str = ""
    shape: tuple = ()
    too_large: bool = False


class DeadlineReader:
    """A file-like reader over a pipe that raises TimeoutError once its deadline has passed."""

    def __init__(self, fd: int):
        self.fd = fd
        os.set_blocking(fd, False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(fd, selectors.EVENT_READ)
        self.deadline = float("inf")

    def read(self, size: int) -> bytes:
        while True:
            try:
                return os.read(self.fd, min(size, 1 << 20))
            except BlockingIOError:
                pass
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self.selector.select(min(remaining, 3600))

    def read_frame(self, seconds: float):
        """One frame, or TimeoutError after `seconds`, or EOFError if the worker is gone."""
        self.deadline = time.monotonic() + seconds
        try:
            return read_frame(self, MAX_FRAME_BYTES)
        except (TimeoutError, EOFError):
            raise
        except Exception as error:  # malformed JSON, a bad .npy header, a bad struct
            raise ProtocolError(str(error)) from None

    def close(self):
        self.selector.close()


def decode_value(encoded, arrays, depth=0):
    """Rebuild a returned value from the worker's description of it."""
    if depth > 8 or not isinstance(encoded, dict):
        raise ProtocolError("a value nested too deep, or not described")
    tag = encoded.get("t")
    if tag == "none":
        return None
    if tag in ("bool", "int", "float", "str"):
        value = encoded.get("v")
        wanted = {"bool": bool, "int": (int, float), "float": (float, int), "str": str}[tag]
        if not isinstance(value, wanted) or (tag != "bool" and isinstance(value, bool)):
            raise ProtocolError(f"a {tag} that is not one")
        return float(value) if tag == "float" else value
    if tag == "nd":
        index = encoded.get("i")
        if not isinstance(index, int) or not 0 <= index < len(arrays):
            raise ProtocolError("an array reference out of range")
        array = arrays[index]
        if type(array) is not np.ndarray or array.dtype.hasobject:
            raise ProtocolError("an array that is not a plain numpy array")
        return array
    if tag == "npscalar":
        scalar_type = _NUMPY_SCALAR_TYPES.get(encoded.get("dtype"))
        value = encoded.get("v")
        if scalar_type is None or not isinstance(value, (int, float, bool)):
            return Opaque(f"numpy.{encoded.get('dtype')}")
        return scalar_type(value)
    if tag in ("list", "tuple"):
        items = [decode_value(item, arrays, depth + 1) for item in encoded.get("items", [])]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        result = {}
        for pair in encoded.get("items", []):
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
                raise ProtocolError("a dict entry that is not a (str, value) pair")
            result[pair[0]] = decode_value(pair[1], arrays, depth + 1)
        return result
    if tag == "opaque":
        shape = encoded.get("shape") or ()
        return Opaque(str(encoded.get("type", "?"))[:100], str(encoded.get("detail", ""))[:100],
                      str(encoded.get("dtype", ""))[:30],
                      tuple(int(n) for n in shape if isinstance(n, int))[:8],
                      bool(encoded.get("too_large", False)))
    raise ProtocolError(f"an unknown kind of value {tag!r}")
