"""Reports come only from the grader: each one is signed with a key no submission can read.

Every report batch writes carries an HMAC of its content and its student's name
("grader_signature"), written with it in one rename, so that even a run killed with -9 leaves
only whole, signed reports. A later run (a resume) trusts a report already in RESULTS only
if its HMAC matches, so a report that a submission wrote, changed, or copied from another
student, on a machine where it could reach the folder, is graded again instead of being
believed. The key is the grading user's, in its cache folder with mode 600: confined
workers cannot see that folder at all (sandbox/confinement.py), and a --worker-user cannot
read it. Where neither holds, a submission could read the key too: batch says so.
"""

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

_KEY_BYTES = 32


def key_path() -> Path:
    """Where the grading user's key is kept."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "backprop-kit" / "report-key"


def report_key() -> bytes:
    """The grading user's key, made on first use; a key for this run only if none can be
    kept (reports of an earlier run are then graded again, which is safe, only slower)."""
    path = key_path()
    for _ in range(2):
        try:
            key = bytes.fromhex(path.read_text().strip())
            if len(key) == _KEY_BYTES:
                return key
        except (OSError, ValueError):
            pass
        key = secrets.token_bytes(_KEY_BYTES)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another grader made it first: read theirs
        except OSError:
            return key
        with os.fdopen(descriptor, "w") as handle:
            handle.write(key.hex() + "\n")
        return key
    return secrets.token_bytes(_KEY_BYTES)


SIGNATURE_FIELD = "grader_signature"


def signed_report(key: bytes, student: str, report: dict) -> str:
    """The report's JSON text, with its signature as its last field."""
    text = json.dumps(report, indent=2)
    return json.dumps({**report, SIGNATURE_FIELD: signature(key, student, text)}, indent=2)


def is_signed_report(key: bytes, student: str, text: str) -> bool:
    """True when `text` is a report the grader signed for this student, unchanged since."""
    try:
        report = json.loads(text)
        recorded = report.pop(SIGNATURE_FIELD)
    except (ValueError, KeyError, AttributeError, TypeError):
        return False
    return is_genuine(key, student, json.dumps(report, indent=2), recorded)


def signature(key: bytes, student: str, text: str) -> str:
    """The HMAC of one student's report text (the name is in it: a report copied from one
    student to another does not match)."""
    message = student.encode("utf-8", "surrogateescape") + b"\0" + text.encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def is_genuine(key: bytes, student: str, text: str, recorded) -> bool:
    """True when `recorded` is the grader's signature of this student's report text."""
    return isinstance(recorded, str) and hmac.compare_digest(
        recorded, signature(key, student, text))
