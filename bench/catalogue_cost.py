"""What a course catalogue costs: grading with --catalogue beside grading without, side by side.

Every command given a catalogue loads it and runs `catalogue check` on it first (so that a class
never meets an unusable entry), then grades with its entries beside the kit's. This measures
`python -m autograder grade` on a submission with a course mistake, and `batch` on a class of
N .py submissions (one in four with that mistake), with and without a catalogue of one to
K entries, alternating, and prints the medians and the difference.

    python bench/catalogue_cost.py [--runs 7] [--class-size 200] [--entries 5]
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from measure import measure

KIT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE = KIT_ROOT / "solutions" / "two_layer_net.py"
RIGHT = "logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))"
SWAPPED = "logprobs = np.multiply(1 - Y, np.log(A2)) + np.multiply(Y, np.log(1 - A2))"
ENTRY = '''
@mistake("ML101-{n}", "compute_cost", title="Labels swapped, scaled by {scale}",
         hint="Your cost pairs Y with log(1 - A2) (m = {{m}}).", anchor="loss-versus-cost")
def cost_swapped_{n}(A2, Y):
    m = Y.shape[1]
    return {scale} * float(-np.sum((1 - Y) * np.log(A2) + Y * np.log(1 - A2)) / m)
'''


def write_catalogue(folder: Path, entries: int) -> Path:
    """A catalogue of `entries` distinct compute_cost mistakes (the first one is the class's)."""
    text = "import numpy as np\nfrom autograder.course import mistake\n"
    text += "".join(ENTRY.format(n=n, scale=n)
                    for n in range(1, entries + 1))
    folder.mkdir(mode=0o755)
    path = folder / "course_mistakes.py"
    path.write_text(text)
    path.chmod(0o644)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--entries", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backprop-kit-catalogue-") as directory:
        work = Path(directory)
        catalogue = write_catalogue(work / "course", args.entries)
        wrong = work / "wrong.py"
        wrong.write_text(REFERENCE.read_text().replace(RIGHT, SWAPPED))
        submissions = work / "class"
        submissions.mkdir()
        for index in range(args.class_size):
            text = REFERENCE.read_text()
            (submissions / f"s{index:04d}.py").write_text(
                text.replace(RIGHT, SWAPPED) if index % 4 == 3 else text)
        grade = [sys.executable, "-m", "autograder", "grade", wrong, "--json", "--seed", "1"]
        batch = [sys.executable, "-m", "autograder", "batch", submissions, "--out",
                 work / "results", "--force", "--seed", "1"]
        times = {key: [] for key in ("grade", "grade+catalogue", "batch", "batch+catalogue")}
        for _ in range(args.runs):
            times["grade"].append(measure(grade, KIT_ROOT).seconds)
            times["grade+catalogue"].append(
                measure(grade + ["--catalogue", catalogue], KIT_ROOT).seconds)
            times["batch"].append(measure(batch, KIT_ROOT).seconds)
            times["batch+catalogue"].append(
                measure(batch + ["--catalogue", catalogue], KIT_ROOT).seconds)
    median = {key: statistics.median(values) for key, values in times.items()}
    print(f"median of {args.runs} alternating runs; a catalogue of {args.entries} entries")
    for what, unit in (("grade", "one submission"), ("batch", f"{args.class_size} .py")):
        plain, with_catalogue = median[what], median[what + "+catalogue"]
        print(f"  {what:<6} {unit:<16} without {plain:6.3f} s   with {with_catalogue:6.3f} s   "
              f"difference {with_catalogue - plain:+.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
