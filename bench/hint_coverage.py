"""How often does the grader name a specific mistake in real students' code, and is it right?

Takes a folder of partial implementations of the original course's assignment (each file holds
one student's `forward_propagation`, `compute_cost` and `backward_propagation`, and any helper
they use; default /work/corpus/public, kept outside the repository) and, for each file:

1. builds a whole submission for our API: solutions/two_layer_net.py with the student's three
   functions put in place of the reference's (the whole top-level def, found by name with
   `ast`). A `compute_cost(A2, Y, parameters)` of the older course is renamed
   `_student_compute_cost` and called by `def compute_cost(A2, Y)` with a `parameters` dict
   whose keys (W1, b1, W2, b2, and w1, w2 for the students who wrote their own keys in lower
   case) hold None: that course's cost looked them up and never used them. The
   student's other top-level functions are added too (their `sigmoid` replaces the provided
   one), except those named like one of our graded functions, and so are their `import numpy`
   and `import math` lines;
2. grades it with the real command, `python -m autograder grade FILE --json --seed N`;
3. finds the truth without the grader: in a separate process (student code is untrusted and
   never runs in this one), calls the student's three functions on honest inputs (caches from
   a real forward pass, non-zero biases, both classes in every row of Y) of sizes
   (n_x, n_h, n_y, m) = (3, 4, 1, 5), (3, 5, 2, 7), (4, 4, 4, 4), two seeds each, Y given as
   floats or integers (as the course's data set), and compares with the reference computed in
   another process (numpy.isclose, rtol 1e-5, atol 1e-8, shapes equal). A function is correct
   when it matches everywhere (forward_propagation: A2 and the cache's Z1, A1, Z2, A2;
   compute_cost: a Python float; backward_propagation: the four gradients) and leaves its
   inputs as they were;
4. reports, per function and overall: the functions graded, failed by the grader, truly wrong,
   false passes (passed, truly wrong), false fails (failed, truly correct), the share of failed
   functions whose hints name a specific mistake, and the correct functions that got any hint
   (must be 0). Then every failed function whose hints are not specific, grouped by kind, with
   the first 200 characters of its first hint, so an engineer sees what to teach the grader.

A failed function counts as specific when its `mistakes` list holds at least one id that is
neither in GENERIC_IDS nor in BESIDE_THE_CHAIN (catalogue ids such as B19, C3, F4, U1, and the
signatures that say what is wrong, such as S-transposed), and not all of its hints say "No
common mistake matches". Both lists are constants below, to be revised.

    python bench/hint_coverage.py [--corpus DIR] [--seed N] [--jobs N] [--limit N] [--json]
"""

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

KIT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_PATH = KIT_ROOT / "solutions" / "two_layer_net.py"
DEFAULT_CORPUS = Path("/work/corpus/public")

STUDENT_FUNCTIONS = ("forward_propagation", "compute_cost", "backward_propagation")
"""The three functions of the original assignment that we take from each student."""
OUR_GRADED = ("compute_dZ2", "compute_dZ1", "compute_dW", "compute_db")
"""Graded functions of ours that the original assignment has not: a student's helper of the
same name is left out, so the reference's stays and is graded as the reference."""
IMPORTS_KEPT = ("numpy", "math")
"""Top-level imports of the student's file carried into the submission (others are dropped:
course helper modules such as planar_utils are not there)."""

GENERIC_IDS = ("S-unrecognised", "S-raised", "S-shape", "S-scaled")
"""Ids that say something is wrong without naming the mistake. An empty list is generic too."""
BESIDE_THE_CHAIN = ("S-gradient-check", "S-inherited")
"""Reported beside the diagnosis (autograder/classroom/titles.py NOT_ROOT_CAUSES): they name no
mistake, so they make a function neither specific nor generic."""
GENERIC_TEXT = "No common mistake matches"
"""A hint containing this text is generic, whatever its id."""

TRUTH_SIZES = ((3, 4, 1, 5, "float64"), (3, 5, 2, 7, "int64"), (4, 4, 4, 4, "float64"))
"""(n_x, n_h, n_y, m, dtype of Y) of the honest inputs the truth is measured on."""
TRUTH_SEEDS_PER_SIZE = 2
RTOL, ATOL = 1e-5, 1e-8
GRADE_TIMEOUT_S = 120
RUN_TIMEOUT_S = 120
CALL_TIMEOUT_S = 10

FORWARD_KEYS = ("Z1", "A1", "Z2", "A2")
GRAD_KEYS = ("dW1", "db1", "dW2", "db2")


# 1. Building a submission.

def _span(node) -> tuple:
    """First and last line (1-based, inclusive) of a top-level def, its decorators included."""
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return first, node.end_lineno


def _top_level_defs(tree) -> dict:
    """name -> the last top-level FunctionDef of that name (the one Python would keep)."""
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def _required_positional(node) -> int:
    args = node.args
    positional = len(args.posonlyargs) + len(args.args)
    return positional - len(args.defaults)


def build_submission(student_source: str) -> tuple:
    """(source of a whole submission, notes) for one student's file; raises SyntaxError."""
    student_tree = ast.parse(student_source)
    student_lines = student_source.splitlines()
    reference_source = REFERENCE_PATH.read_text()
    reference_lines = reference_source.splitlines()
    reference_defs = _top_level_defs(ast.parse(reference_source))
    student_defs = _top_level_defs(student_tree)
    notes = []

    def student_text(node) -> str:
        first, last = _span(node)
        return "\n".join(student_lines[first - 1:last])

    replacements = {}   # reference name -> new text
    appended = []
    for name, node in student_defs.items():
        text = student_text(node)
        if name == "compute_cost" and _required_positional(node) >= 3:
            text = re.sub(r"\bdef\s+compute_cost\s*\(", "def _student_compute_cost(", text,
                          count=1)
            text += ("\n\n\ndef compute_cost(A2, Y):\n"
                     "    # the older course's cost only looked its parameters up, never used them\n"
                     "    parameters = {key: None for key in ('W1', 'b1', 'W2', 'b2',"
                     " 'w1', 'w2')}\n"
                     "    return _student_compute_cost(A2, Y, parameters)")
            notes.append("compute_cost(A2, Y, parameters) wrapped")
        if name in OUR_GRADED:
            notes.append(f"helper {name} left out (one of our graded names)")
            continue
        if name in reference_defs:
            replacements[name] = text
        else:
            appended.append(text)

    imports = []
    for node in student_tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""])
            if all(module.split(".")[0] in IMPORTS_KEPT for module in modules):
                imports.append(ast.get_source_segment(student_source, node))

    lines = list(reference_lines)
    spans = sorted(((_span(reference_defs[name]), name) for name in replacements), reverse=True)
    for (first, last), name in spans:
        lines[first - 1:last] = replacements[name].splitlines()
    missing = [name for name in STUDENT_FUNCTIONS if name not in student_defs]
    if missing:
        notes.append("not in the file: " + ", ".join(missing))
    source = "\n".join(lines)
    if imports:
        source += "\n\n\n# The student's imports.\n" + "\n".join(imports)
    if appended:
        source += "\n\n\n# The student's helpers.\n\n" + "\n\n\n".join(appended)
    return source + "\n", notes, [name for name in STUDENT_FUNCTIONS if name in student_defs]


# 2. Grading with the real command.

def grade(path: Path, seed: int) -> dict:
    command = [sys.executable, "-m", "autograder", "grade", str(path), "--json",
               "--seed", str(seed)]
    try:
        completed = subprocess.run(command, cwd=KIT_ROOT, capture_output=True, text=True,
                                   timeout=GRADE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"error": "the grader took longer than %d s" % GRADE_TIMEOUT_S, "exercises": []}
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        return {"error": "no JSON from the grader (exit %d): %s"
                % (completed.returncode, completed.stderr[-300:]), "exercises": []}


# 3. The truth, without the grader.

ORACLE = r'''
"""Honest inputs and the reference's answers, saved to an .npz (trusted code only)."""
import importlib.util, sys
import numpy as np

reference_path, out_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
sizes = eval(sys.argv[4])
per_size = int(sys.argv[5])
spec = importlib.util.spec_from_file_location("reference", reference_path)
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)


def honest(n_x, n_h, n_y, m, dtype, rng):
    while True:
        X = rng.standard_normal((n_x, m))
        sign = lambda shape: rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.2, 1.0, shape)
        p = {"W1": rng.standard_normal((n_h, n_x)) * 1.5 / np.sqrt(n_x), "b1": sign((n_h, 1)),
             "W2": rng.standard_normal((n_y, n_h)), "b2": sign((n_y, 1))}
        A2, cache = ref.forward_propagation(X, p)
        Y = (rng.random((n_y, m)) < 0.5).astype(dtype)
        Z1 = cache["Z1"]
        rows_mixed = all(0 < row.sum() < row.size for row in Y.astype(float))
        if (rows_mixed and np.abs(Z1).max() > 1.2 and np.abs(Z1).min() < 0.6
                and (Z1 > 0).any() and (Z1 < 0).any() and 0.03 < A2.min() and A2.max() < 0.97):
            return X, Y, p, cache


arrays = {}
rng = np.random.default_rng(seed)
case = 0
for n_x, n_h, n_y, m, dtype in sizes:
    for _ in range(per_size):
        X, Y, p, cache = honest(n_x, n_h, n_y, m, dtype, rng)
        arrays[f"{case}/in/X"] = X
        arrays[f"{case}/in/Y"] = Y
        for key in ("W1", "b1", "W2", "b2"):
            arrays[f"{case}/in/{key}"] = p[key]
        for key in ("Z1", "A1", "Z2", "A2"):
            arrays[f"{case}/in/cache_{key}"] = cache[key]
        A2, fcache = ref.forward_propagation(X.copy(), {k: v.copy() for k, v in p.items()})
        for key in ("Z1", "A1", "Z2", "A2"):
            arrays[f"{case}/want/forward_{key}"] = fcache[key]
        arrays[f"{case}/want/forward_out_A2"] = A2
        arrays[f"{case}/want/cost"] = np.array(ref.compute_cost(cache["A2"].copy(), Y.copy()))
        grads = ref.backward_propagation({k: v.copy() for k, v in p.items()},
                                         {k: v.copy() for k, v in cache.items()},
                                         X.copy(), Y.copy())
        for key in ("dW1", "db1", "dW2", "db2"):
            arrays[f"{case}/want/{key}"] = grads[key]
        case += 1
np.savez(out_path, **arrays)
'''

RUNNER = r'''
"""Calls one student's three functions on the saved inputs; runs in its own process."""
import contextlib, copy, importlib.util, io, json, os, signal, sys, traceback
import numpy as np

sub_path, inputs_path, out_path, call_timeout = sys.argv[1:5]
data = dict(np.load(inputs_path, allow_pickle=False))
cases = sorted({int(key.split("/")[0]) for key in data})
arrays, meta = {}, {"import_error": None, "calls": {}}


def alarm(signum, frame):
    raise TimeoutError("call took longer than %s s" % call_timeout)


signal.signal(signal.SIGALRM, alarm)
sink = io.StringIO()


def where(exc):
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == sub_path]
    return frames[-1].lineno if frames else None


def call(fn, *args):
    signal.alarm(int(float(call_timeout)))
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            return fn(*args), None
    except BaseException as exc:
        return None, {"type": type(exc).__name__, "message": str(exc)[:300], "line": where(exc)}
    finally:
        signal.alarm(0)


def as_array(value):
    try:
        return np.array(value, dtype=float)
    except BaseException:
        return None


try:
    spec = importlib.util.spec_from_file_location("submission", sub_path)
    module = importlib.util.module_from_spec(spec)
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        spec.loader.exec_module(module)
except BaseException as exc:
    meta["import_error"] = "%s: %s" % (type(exc).__name__, str(exc)[:300])
    cases = []

for case in cases:
    get = lambda key: data[f"{case}/in/{key}"].copy()
    X, Y = get("X"), get("Y")
    params = {key: get(key) for key in ("W1", "b1", "W2", "b2")}
    cache = {key: get("cache_" + key) for key in ("Z1", "A1", "Z2", "A2")}

    def unchanged(before, after):
        if isinstance(before, dict):
            return all(np.array_equal(before[k], after.get(k)) if isinstance(after, dict)
                       else False for k in before)
        return np.array_equal(before, after)

    # forward_propagation
    args = (X.copy(), copy.deepcopy(params))
    out, error = call(module.forward_propagation, *args)
    info = {"error": error, "mutated": not (unchanged(X, args[0]) and unchanged(params, args[1]))}
    if error is None:
        if isinstance(out, (tuple, list)) and len(out) == 2 and isinstance(out[1], dict):
            for key in ("Z1", "A1", "Z2", "A2"):
                value = as_array(out[1].get(key)) if key in out[1] else None
                if value is not None:
                    arrays[f"{case}/forward_{key}"] = value
            value = as_array(out[0])
            if value is not None:
                arrays[f"{case}/forward_out_A2"] = value
        else:
            info["structure"] = type(out).__name__
    meta["calls"][f"{case}/forward_propagation"] = info

    # compute_cost
    args = (cache["A2"].copy(), Y.copy())
    out, error = call(module.compute_cost, *args)
    info = {"error": error, "mutated": not (unchanged(cache["A2"], args[0])
                                             and unchanged(Y, args[1]))}
    if error is None:
        info["type"] = type(out).__name__
        info["is_float"] = isinstance(out, float)
        value = as_array(out)
        if value is not None:
            arrays[f"{case}/cost"] = value
    meta["calls"][f"{case}/compute_cost"] = info

    # backward_propagation
    args = (copy.deepcopy(params), copy.deepcopy(cache), X.copy(), Y.copy())
    out, error = call(module.backward_propagation, *args)
    info = {"error": error, "mutated": not (unchanged(params, args[0])
                                             and unchanged(cache, args[1])
                                             and unchanged(X, args[2]) and unchanged(Y, args[3]))}
    if error is None:
        if isinstance(out, dict):
            for key in ("dW1", "db1", "dW2", "db2"):
                value = as_array(out[key]) if key in out else None
                if value is not None:
                    arrays[f"{case}/{key}"] = value
        else:
            info["structure"] = type(out).__name__
    meta["calls"][f"{case}/backward_propagation"] = info

np.savez(out_path, **arrays)
with open(out_path + ".json", "w") as f:
    json.dump(meta, f)
'''


def make_truth_inputs(folder: Path, seed: int) -> Path:
    """Honest inputs and the reference's answers, computed in a subprocess."""
    oracle = folder / "oracle.py"
    oracle.write_text(ORACLE)
    out = folder / "truth_inputs.npz"
    subprocess.run([sys.executable, "-I", str(oracle), str(REFERENCE_PATH), str(out),
                    str(seed), repr(TRUTH_SIZES), str(TRUTH_SEEDS_PER_SIZE)],
                   check=True, cwd=folder, timeout=RUN_TIMEOUT_S)
    return out


def _close(actual, expected) -> str:
    """'' when equal in shape and close in value, else what differs."""
    if actual is None:
        return "missing or not numbers"
    if actual.shape != expected.shape:
        return f"shape {actual.shape} instead of {expected.shape}"
    if not np.all(np.isfinite(actual)):
        return "NaN or inf"
    if not np.all(np.isclose(actual, expected, rtol=RTOL, atol=ATOL)):
        return "wrong values"
    return ""


def truth(submission: Path, inputs: Path, workdir: Path) -> dict:
    """function -> '' (correct) or why it is wrong, with the sizes it was wrong at."""
    runner = workdir / "runner.py"
    out = workdir / (submission.stem + ".out.npz")
    try:
        subprocess.run([sys.executable, "-I", str(runner), str(submission), str(inputs),
                        str(out), str(CALL_TIMEOUT_S)], cwd=workdir, timeout=RUN_TIMEOUT_S,
                       capture_output=True)
        meta = json.loads(Path(str(out) + ".json").read_text())
        got = dict(np.load(out, allow_pickle=False))
    except (subprocess.TimeoutExpired, OSError, ValueError) as exc:
        return {name: f"could not run: {type(exc).__name__}" for name in STUDENT_FUNCTIONS}
    if meta["import_error"]:
        return {name: "import failed: " + meta["import_error"] for name in STUDENT_FUNCTIONS}
    want = dict(np.load(inputs, allow_pickle=False))
    cases = sorted({int(key.split("/")[0]) for key in want})
    verdict = {}
    for name in STUDENT_FUNCTIONS:
        reasons = []
        for case in cases:
            n_y = want[f"{case}/in/Y"].shape[0]
            at = "n_y=%d" % n_y
            info = meta["calls"][f"{case}/{name}"]
            reason = ""
            if info["error"]:
                error = info["error"]
                reason = f"raised {error['type']}: {error['message'][:80]}"
            elif info.get("structure"):
                reason = f"returned a {info['structure']}"
            elif name == "forward_propagation":
                for key in ("out_A2",) + FORWARD_KEYS:
                    why = _close(got.get(f"{case}/forward_{key}"),
                                 want[f"{case}/want/forward_{key}"])
                    if why:
                        reason = f"{key.replace('out_', '')}: {why}"
                        break
            elif name == "compute_cost":
                why = _close(got.get(f"{case}/cost"), want[f"{case}/want/cost"])
                if why:
                    reason = f"cost: {why}"
                elif not info.get("is_float"):
                    reason = f"cost is a {info.get('type')}, not a float"
            else:
                for key in GRAD_KEYS:
                    why = _close(got.get(f"{case}/{key}"), want[f"{case}/want/{key}"])
                    if why:
                        reason = f"{key}: {why}"
                        break
            if not reason and info["mutated"]:
                reason = "changed its inputs in place"
            if reason:
                reasons.append(f"{reason} ({at})")
        verdict[name] = _summarise_reasons(reasons)
    return verdict


def _summarise_reasons(reasons: list) -> str:
    """The distinct reasons, each with the sizes where it happened, most frequent first."""
    if not reasons:
        return ""
    by_reason = defaultdict(set)
    for reason in reasons:
        text, at = reason.rsplit(" (", 1)
        by_reason[text].add(at.rstrip(")"))
    return "; ".join(f"{text} ({', '.join(sorted(ats))})" for text, ats in by_reason.items())


# 4. Counting.

def is_specific(exercise: dict) -> bool:
    hints = exercise.get("hints") or []
    if hints and all(GENERIC_TEXT in hint for hint in hints):
        return False
    ids = [i for i in exercise.get("mistakes") or [] if i]
    return any(i not in GENERIC_IDS and i not in BESIDE_THE_CHAIN for i in ids)


def kind_of(record: dict) -> str:
    """A short label grouping non-specific failures that have the same cause."""
    ids = [i for i in record["mistakes"] if i and i not in BESIDE_THE_CHAIN] or ["(no id)"]
    hint = record["hints"][0] if record["hints"] else ""
    match = re.search(r"stopped with (\w+)", hint)
    what = match.group(1) if match else ""
    if record["submission_error"]:
        what = "submission error"
    if record.get("wrapper_artifact"):
        what += " (wrapper artifact: reads parameters=None)"
    truth_head = (record["truth"] or "truly correct").split(";")[0][:90]
    return f"{record['function']} | {','.join(ids)} {what} | truth: {truth_head}"


def measure_one(path: Path, seed: int, inputs: Path, workdir: Path, keep: Path = None) -> dict:
    file_id = path.stem
    source = path.read_text(errors="replace")
    try:
        built, notes, present = build_submission(source)
    except SyntaxError as exc:
        return {"id": file_id, "unparseable": f"SyntaxError line {exc.lineno}: {exc.msg}",
                "functions": []}
    target_dir = keep or workdir
    submission = target_dir / f"{file_id}.py"
    submission.write_text(built)
    report = grade(submission, seed)
    verdict = truth(submission, inputs, workdir)
    by_name = {ex.get("name"): ex for ex in report.get("exercises", [])}
    records = []
    for name in present:
        exercise = by_name.get(name, {})
        passed = bool(exercise.get("passed")) and not report.get("error")
        records.append({
            "id": file_id, "function": name, "passed": passed,
            "truth": verdict.get(name, "not measured"),
            "hints": exercise.get("hints") or ([report["error"]] if report.get("error") else []),
            "mistakes": exercise.get("mistakes") or [],
            "specific": (not passed) and is_specific(exercise),
            "submission_error": report.get("error"),
            "wrapper_artifact": _wrapper_artifact(name, notes, verdict.get(name, "")),
        })
    return {"id": file_id, "notes": notes, "functions": records}


def _wrapper_artifact(name: str, notes: list, truth_text: str) -> bool:
    """A wrapped compute_cost(A2, Y, parameters) that fails only because it reads `parameters`,
    which the wrapper sets to None: a limit of this measurement, not of the grader."""
    wrapped = any("wrapped" in note for note in notes)
    return name == "compute_cost" and wrapped and "'NoneType' object" in truth_text


def summarise(records: list) -> dict:
    rows = {}
    for name in STUDENT_FUNCTIONS + ("all",):
        mine = [r for r in records if name == "all" or r["function"] == name]
        failed = [r for r in mine if not r["passed"]]
        wrong = [r for r in mine if r["truth"]]
        rows[name] = {
            "graded": len(mine),
            "failed": len(failed),
            "truly_wrong": len(wrong),
            "false_passes": sum(1 for r in mine if r["passed"] and r["truth"]),
            "false_fails": sum(1 for r in mine if not r["passed"] and not r["truth"]),
            "failed_specific": sum(1 for r in failed if r["specific"]),
            "correct_with_hints": sum(1 for r in mine if not r["truth"] and r["hints"]),
            "wrapper_artifacts": sum(1 for r in mine if r.get("wrapper_artifact")),
        }
    return rows


def print_table(rows: dict, files: int, unparseable: list, seed: int, corpus: Path) -> None:
    print(f"Hint coverage on {files} implementations in {corpus} (seed {seed})")
    if unparseable:
        print(f"{len(unparseable)} files could not be parsed and are left out: "
              + ", ".join(unparseable))
    print()
    header = ("function", "graded", "failed", "truly wrong", "false pass", "false fail",
              "specific/failed", "correct+hint")
    print("{:<22}{:>7}{:>8}{:>13}{:>12}{:>12}{:>18}{:>14}".format(*header))
    for name, row in rows.items():
        share = (f"{row['failed_specific']}/{row['failed']} "
                 f"({100 * row['failed_specific'] / row['failed']:.0f}%)"
                 if row["failed"] else "-")
        print("{:<22}{:>7}{:>8}{:>13}{:>12}{:>12}{:>18}{:>14}".format(
            name, row["graded"], row["failed"], row["truly_wrong"], row["false_passes"],
            row["false_fails"], share, row["correct_with_hints"]))
    artifacts = rows["all"]["wrapper_artifacts"]
    if artifacts:
        print(f"\n{artifacts} of the failures are compute_cost(A2, Y, parameters) reading "
              "`parameters`, which the (A2, Y, None) wrapper leaves None: a limit of this "
              "measurement, counted above as failed, truly wrong and (S-raised) not specific.")


def print_details(records: list) -> None:
    false_passes = [r for r in records if r["passed"] and r["truth"]]
    if false_passes:
        print("\nFalse passes (the grader passed it, the truth says wrong):")
        for r in false_passes:
            print(f"  {r['id']:<28} {r['function']:<22} {r['truth'][:150]}")
    false_fails = [r for r in records if not r["passed"] and not r["truth"]]
    if false_fails:
        print("\nFalse fails (the grader failed it, the truth says correct):")
        for r in false_fails:
            hint = r["hints"][0][:200] if r["hints"] else "(no hint)"
            print(f"  {r['id']:<28} {r['function']:<22} [{','.join(r['mistakes'])}] {hint}")
    generic = [r for r in records if not r["passed"] and not r["specific"]]
    if not generic:
        return
    print(f"\nFailed functions whose hints name no specific mistake ({len(generic)}), by kind:")
    groups = defaultdict(list)
    for r in generic:
        groups[kind_of(r)].append(r)
    for kind, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"\n  {len(members):>3}  {kind}")
        for r in members:
            hint = (r["hints"][0] if r["hints"] else "(no hint)").replace("\n", " ")
            print(f"       {r['id']:<28} {r['function']}: "
                  + textwrap.shorten(hint, 200, placeholder="..."))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of partial implementations, one .py each")
    parser.add_argument("--seed", type=int, default=1, help="the grader's seed (and the truth's)")
    parser.add_argument("--jobs", type=int, default=2, help="files measured at once")
    parser.add_argument("--limit", type=int, default=None, help="measure only the first N files")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the built submissions to this folder, to grade by hand")
    args = parser.parse_args(argv)

    paths = sorted(p for p in args.corpus.glob("*.py"))
    if args.limit is not None:
        paths = paths[:args.limit]
    if not paths:
        print(f"no .py files in {args.corpus}", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hint_coverage_") as tmp:
        workdir = Path(tmp)
        inputs = make_truth_inputs(workdir, args.seed + 7919)
        (workdir / "runner.py").write_text(RUNNER)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(
                lambda p: measure_one(p, args.seed, inputs, workdir, args.keep), paths))
    records = [r for result in results for r in result["functions"]]
    unparseable = [f"{r['id']} ({r['unparseable']})" for r in results if r.get("unparseable")]
    rows = summarise(records)
    if args.json:
        json.dump({"seed": args.seed, "corpus": str(args.corpus), "files": len(paths),
                   "unparseable": unparseable, "summary": rows, "functions": records,
                   "notes": {r["id"]: r.get("notes", []) for r in results}},
                  sys.stdout, indent=1)
        print()
        return 0
    print_table(rows, len(paths), unparseable, args.seed, args.corpus)
    print_details(records)
    print(f"\nReplay: {sys.executable} bench/hint_coverage.py --corpus {args.corpus} "
          f"--seed {args.seed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
