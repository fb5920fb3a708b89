"""What a `.py` student checks their work with: `assignments/check.py`, and the notebook's text
as `assignments/derivations.md`, which the hints point at.

The student gets the assignments folder, not the kit: `python -m autograder` is the
instructor's. check.py runs the notebook's own checks (the bundle, backprop/backprop_checks/,
stored fixtures and the judge, no answer) on the student's two_layer_net.py, in the student's
own process, as the notebook runs them in the student's kernel: the same verdicts, the same
hints and the same ladder (--more). derivations.md is the notebook's markdown cells, whose
headings carry the anchors a hint names.
"""

from pathlib import Path

import nbformat

from autograder.judge.student_api import GRADED_NAMES
from autograder.paths import RELEASE_NOTEBOOK, STUDENT_MODULE_PATH

LOCAL_CHECK_PATH = STUDENT_MODULE_PATH.parent / "check.py"
DERIVATIONS_PATH = STUDENT_MODULE_PATH.parent / "derivations.md"

LOCAL_CHECK = '''"""Check your two_layer_net.py with the autograder's own checks and hints, here, offline.

    python check.py                    # two_layer_net.py, beside this file
    python check.py my_copy.py         # another file
    python check.py --more             # each hint's next rung: what kind of change is needed

Your functions run in this process on the notebook's fixed inputs (backprop/backprop_checks/,
which holds the inputs and what is known about them, never the right functions). Your grade
comes from the autograder, on other inputs: code that only fits these answers passes here and
fails there. Hints point at sections of derivations.md (the notebook's text; the notebook
itself is backprop/backprop.ipynb). Exit status: 0 when every function passes, 1 when one does
not, 2 when the file cannot be loaded.
"""

import argparse
import contextlib
import importlib.util
import io
import signal
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "backprop"))

from backprop_checks import check  # noqa: E402

GRADED = {graded!r}
LOAD_LIMIT_S = 30
"""A file that takes longer than this to load has a loop outside its functions."""


def main() -> int:
    parser = argparse.ArgumentParser(prog="python check.py", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(HERE / "two_layer_net.py"),
                        help="your file (default: two_layer_net.py beside check.py)")
    parser.add_argument("--more", action="store_true",
                        help="each hint's next rung: what kind of change is needed")
    args = parser.parse_args()
    path = Path(args.path).resolve()
    if not path.is_file():
        print(f"{{args.path}}: no such file")
        return 2
    module = _load(path)
    if module is None:
        return 2
    passed = 0
    for name in GRADED:
        function = getattr(module, name, None)
        if not callable(function):
            print(f"✗ {{name}} is not defined in {{path.name}}: the grader looks for this exact "
                  "name.\\n")
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            passed += bool(check(name, function, vars(module), more=args.more).passed)
        print(printed.getvalue().replace("(backprop.ipynb#", "(derivations.md#"), end="")
        if not printed.getvalue().endswith("\\n\\n"):
            print()
    print(f"{{passed}} of {{len(GRADED)}} functions pass on these inputs."
          + ("" if passed == len(GRADED) or args.more else
             " For each hint's next rung: python check.py --more"))
    return 0 if passed == len(GRADED) else 1


def _load(path: Path):
    """Your module, run once, or None with what stopped it said in one line."""
    spec = importlib.util.spec_from_file_location("two_layer_net", path)
    module = importlib.util.module_from_spec(spec)
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(LOAD_LIMIT_S)
    try:
        spec.loader.exec_module(module)
    except _TooSlow:
        print(f"{{path.name}} was still loading after {{LOAD_LIMIT_S}} s: look for a loop at "
              "the top level of the file, outside the functions.")
        return None
    except SyntaxError as error:
        print(f"{{path.name}} is not valid Python: line {{error.lineno}}: {{error.msg}}.")
        return None
    except BaseException as error:  # your file, loading: whatever it raised, said plainly
        lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
                 if Path(frame.filename).resolve() == path]
        at = f" on line {{lines[-1]}}" if lines else ""
        print(f"{{path.name}} stopped while loading, with {{type(error).__name__}}{{at}}: "
              f"{{error}}")
        return None
    finally:
        signal.alarm(0)
    return module


class _TooSlow(BaseException):
    pass


def _too_slow(signum, frame):
    raise _TooSlow


if __name__ == "__main__":
    sys.exit(main())
'''


def local_check_source() -> str:
    return LOCAL_CHECK.format(graded=tuple(GRADED_NAMES))


def derivations_source(notebook_path: Path = RELEASE_NOTEBOOK) -> str:
    """The release notebook's markdown cells, in order: the sections hints point at."""
    notebook = nbformat.read(str(notebook_path), as_version=4)
    parts = ["<!-- The text of backprop/backprop.ipynb, for the .py assignment; written by "
             "python -m autograder release. -->"]
    parts += [cell.source.strip() for cell in notebook.cells if cell.cell_type == "markdown"]
    return "\n\n".join(parts) + "\n"


def write_local_check() -> list:
    """Write check.py and derivations.md beside the student module; their paths."""
    LOCAL_CHECK_PATH.write_text(local_check_source())
    DERIVATIONS_PATH.write_text(derivations_source())
    return [LOCAL_CHECK_PATH, DERIVATIONS_PATH]
