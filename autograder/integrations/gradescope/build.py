"""Gradescope: build the autograder zip, on the instructor's machine.

Gradescope unpacks the zip into /autograder/source, runs setup.sh once, then run_autograder for
each submission (run.py, inside Gradescope's container).
"""

import zipfile
from pathlib import Path

from autograder.paths import KIT_ROOT

KIT_FILES = ("autograder", "solutions/two_layer_net.py", "requirements.txt")
"""What the container needs: the grader and the reference. No notebook, no tests, no git."""

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the image.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-pip python3-venv
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q -r /autograder/source/requirements.txt
# Gradescope's container cannot make the mount namespace that hides the kit: instead the workers
# run as nobody, to whom the kit (the reference among it) is unreadable.
chmod -R go-rwx /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission.
cd /autograder/source
/autograder/venv/bin/python -m autograder gradescope-run --root /autograder --worker-user nobody
"""
COURSE_CATALOGUE = "course_catalogue.py"
"""Where a course catalogue lies in the zip (beside autograder/, in /autograder/source)."""


def build_zip(path: Path, catalogue: Path = None) -> Path:
    """Write Gradescope's autograder zip: setup.sh, run_autograder and the kit, with the course
    catalogue (already checked) when there is one."""
    run_autograder = RUN_AUTOGRADER
    if catalogue is not None:
        run_autograder = RUN_AUTOGRADER.rstrip("\n") + \
            f" --catalogue /autograder/source/{COURSE_CATALOGUE}\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if catalogue is not None:
            archive.write(catalogue, COURSE_CATALOGUE)
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", run_autograder)):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            archive.writestr(info, text)
        for relative in KIT_FILES:
            source = KIT_ROOT / relative
            files = [source] if source.is_file() else sorted(
                p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            for file in files:
                archive.write(file, file.relative_to(KIT_ROOT).as_posix())
    return path
