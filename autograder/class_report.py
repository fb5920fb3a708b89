"""The class report: which functions the class gets wrong, and which misconceptions to re-teach.

Reads the reports batch grading wrote (RESULTS/*.json) and writes RESULTS/report.html, one
self-contained page (charts embedded), and the same charts as PNG files in RESULTS/report/.
"""

import base64
import html
import io
import json
from collections import Counter
from pathlib import Path

from autograder.diagnosis.catalogue import MISTAKES_BY_ID
from autograder.student_api import GRADED_NAMES

SIGNATURE_TITLES = {
    "S-inherited": "wrong only because a component it uses is wrong",
    "S-gradient-check": "gradient check failed",
    "S-numpy-error": "numpy shape error",
    "S-missing-module": "imports a module that is not available",
    "S-recursion": "calls itself without end",
    "S-hard-coded-size": "a size written into the code",
    "S-forward-step": "a forward step computed wrongly",
    "S-raised": "stopped with an error",
    "S-timeout": "ran past the time limit",
    "S-crashed": "its process ended",
    "S-missing": "function missing or misnamed",
    "S-transposed": "result transposed",
    "S-rank-one": "rank-one array instead of a column",
    "S-wrong-axis": "summed over the wrong axis",
    "S-sum-all": "summed over everything",
    "S-not-reduced": "not summed over the examples",
    "S-factor-m": "off by a factor m",
    "S-factor": "off by a constant factor",
    "S-wrong-m": "m from the wrong axis",
    "S-sign": "wrong sign",
    "S-scaled": "off by a constant factor",  # older reports' name for S-factor
    "S-type": "wrong type returned",
    "S-not-a-float": "cost not a float",
    "S-structure": "wrong structure returned",
    "S-missing-keys": "dict keys missing",
    "S-non-finite": "NaN or inf",
    "S-shape": "wrong shape",
    "S-unrecognised": "wrong values, no known pattern",
}
"""Signatures that are not root causes of their own are left out of the mistakes chart."""
NOT_ROOT_CAUSES = ("S-inherited", "S-gradient-check")


def load_reports(results: Path) -> list:
    """Every student's report in RESULTS (gradebook.csv and batch.json are not reports)."""
    reports = []
    for path in sorted(results.glob("*.json")):
        if path.name == "batch.json":
            continue
        report = json.loads(path.read_text())
        report["student"] = path.stem
        reports.append(report)
    return reports


def course_titles(results: Path) -> dict:
    """The titles of a course catalogue's mistakes (ML101-3 -> its title), as batch recorded
    them in RESULTS/batch.json; empty when there is no record or it names no course catalogue."""
    from autograder.batch import read_record

    catalogue = read_record(results).get("course_catalogue")
    titles = catalogue.get("titles") if isinstance(catalogue, dict) else None
    if not isinstance(titles, dict):
        return {}
    return {str(key): title for key, title in titles.items() if isinstance(title, str)}


def summarise(reports: list, titles: dict = None) -> dict:
    """The numbers behind the charts; `titles`: a course catalogue's (course_titles)."""
    graded = [r for r in reports if not r.get("error")]
    pass_rates = {}
    for name in GRADED_NAMES:
        passed = sum(1 for r in graded for e in r["exercises"] if e["name"] == name and e["passed"])
        pass_rates[name] = passed / len(graded) if graded else 0.0
    mistakes = Counter()
    for report in graded:
        seen = set()
        for exercise in report["exercises"]:
            for mistake in exercise.get("mistakes", []):
                if mistake not in NOT_ROOT_CAUSES and mistake not in seen:
                    seen.add(mistake)
                    mistakes[mistake] += 1
    return {"students": len(reports), "graded": len(graded),
            "ungraded": [r["student"] for r in reports if r.get("error")],
            "scores": [r["score"] for r in graded],
            "max_score": reports[0]["max_score"] if reports else 0,
            "pass_rates": pass_rates, "mistakes": mistakes.most_common(12),
            "uncatalogued": uncatalogued_groups(graded), "titles": dict(titles or {})}


def is_signature(mistake_id: str) -> bool:
    """True for a generic pattern (S-transposed); any other id names a mistake some catalogue
    knows: the kit's (B19) or a course's (ML101-3)."""
    return mistake_id.startswith("S-")


def uncatalogued_groups(reports: list) -> list:
    """The mistakes the class shares that no catalogue names (only signatures): failed
    functions with the same group id (discovery.py), largest first, each {"function", "group",
    "signature", "students", "example": the student whose code stands for the group, "lines":
    the lines of it that went wrong (diagnosis/wrong_lines.py; [] when unknown), "code": the
    function as written}. The example is the first student whose lines are known, else whose
    code is. For the instructor only: it names students and shows their code."""
    members = {}
    for report in reports:
        for exercise in report["exercises"]:
            mistakes = exercise.get("mistakes", [])
            causes = [m for m in mistakes if m not in NOT_ROOT_CAUSES]
            if (exercise["passed"] or not exercise.get("group") or not causes
                    or not all(is_signature(m) for m in mistakes)):
                continue
            key = (exercise["name"], exercise["group"])
            members.setdefault(key, []).append((report["student"], exercise, causes[0]))
    groups = []
    for (function, group), students in members.items():
        example, exercise, _ = max(students, key=lambda member: (bool(_lines(member[1])),
                                                                 bool(member[1].get("code"))))
        groups.append({"function": function, "group": group, "signature": students[0][2],
                       "students": [student for student, _, _ in students],
                       "example": example, "lines": _lines(exercise),
                       "code": str(exercise.get("code") or "")})
    return sorted(groups, key=lambda g: (-len(g["students"]), g["function"], g["group"]))


def _lines(exercise: dict) -> list:
    """A report's lines that went wrong, those well formed (a report older than them has none)."""
    lines = exercise.get("lines")
    return [line for line in lines if isinstance(line, dict) and isinstance(line.get("line"), int)
            and isinstance(line.get("code"), str)] if isinstance(lines, list) else []


def where_written(line: dict) -> str:
    """'line 52' or 'cell 11, line 15': where a line of a report's `lines` is."""
    cell = str(line.get("cell") or "")
    return f"{cell}, line {line['line']}" if cell else f"line {line['line']}"


def mistake_title(mistake_id: str, titles: dict = None) -> str:
    """'B19: db summed without keepdims': the kit's catalogue, its signatures, then `titles`
    (a course catalogue's) for the ids the kit does not know."""
    if mistake_id in MISTAKES_BY_ID:
        return f"{mistake_id}: {MISTAKES_BY_ID[mistake_id].title}"
    title = SIGNATURE_TITLES.get(mistake_id) or (titles or {}).get(mistake_id)
    return f"{mistake_id}: {title}" if title else mistake_id


def write_report(results: Path) -> Path:
    """Write report.html and report/*.png into RESULTS; return the page's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summary = summarise(load_reports(results), course_titles(results))
    charts = {"scores": _scores_chart(plt, summary), "pass_rates": _pass_chart(plt, summary),
              "mistakes": _mistakes_chart(plt, summary)}
    folder = results / "report"
    folder.mkdir(exist_ok=True)
    for name, png in charts.items():
        (folder / f"{name}.png").write_bytes(png)
    page = results / "report.html"
    page.write_text(_page(summary, charts))
    return page


def _figure_png(plt, figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _scores_chart(plt, summary) -> bytes:
    from matplotlib.ticker import MaxNLocator

    figure, axis = plt.subplots(figsize=(7, 3.2))
    top = int(summary["max_score"]) or 1
    axis.hist(summary["scores"], bins=range(0, top + 2), align="left", rwidth=0.85,
              color="#4c72b0")
    axis.set_xticks(range(0, top + 1))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlabel(f"score (out of {top})")
    axis.set_ylabel("students")
    axis.set_title(f"Scores of the {summary['graded']} graded submissions")
    return _figure_png(plt, figure)


def _pass_chart(plt, summary) -> bytes:
    figure, axis = plt.subplots(figsize=(7, 3.2))
    names = list(summary["pass_rates"])
    rates = [100 * summary["pass_rates"][name] for name in names]
    bars = axis.barh(names[::-1], rates[::-1], color="#55a868")
    axis.bar_label(bars, fmt="%.0f%%", padding=3)
    axis.set_xlim(0, 110)
    axis.set_xlabel("students whose function passes (%)")
    axis.set_title("Pass rate per function")
    return _figure_png(plt, figure)


def _mistakes_chart(plt, summary) -> bytes:
    from matplotlib.ticker import MaxNLocator

    figure, axis = plt.subplots(figsize=(9, 0.45 * max(len(summary["mistakes"]), 2) + 1.2))
    if summary["mistakes"]:
        labels = [mistake_title(m, summary["titles"]) for m, _ in summary["mistakes"]][::-1]
        counts = [count for _, count in summary["mistakes"]][::-1]
        bars = axis.barh(labels, counts, color="#c44e52")
        axis.bar_label(bars, padding=3)
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        axis.set_xlabel("students")
    else:
        axis.text(0.5, 0.5, "No mistakes found", ha="center", va="center")
        axis.set_axis_off()
    axis.set_title("Most common mistakes across the class")
    return _figure_png(plt, figure)


def _page(summary, charts) -> str:
    from autograder.reporters.uncatalogued_html import SECTION_CSS, uncatalogued_section

    def image(name, alt):
        data = base64.b64encode(charts[name]).decode()
        return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'

    scores = summary["scores"]
    mean = sum(scores) / len(scores) if scores else 0
    rows = "".join(f"<tr><td>{html.escape(mistake_title(m, summary['titles']))}</td>"
                   f"<td>{n}</td></tr>" for m, n in summary["mistakes"])
    ungraded = ""
    if summary["ungraded"]:
        names = ", ".join(html.escape(s) for s in summary["ungraded"])
        ungraded = (f"<p class=warn>{len(summary['ungraded'])} submission(s) could not be "
                    f"graded: {names}. See gradebook.csv, column \"error\".</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>backprop-kit: class report</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 980px; margin: 2em auto; color: #222; }}
h1 {{ font-size: 1.6em; }} img {{ max-width: 100%; display: block; margin: 1em 0 2em; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 4px 10px; border-bottom: 1px solid #ddd; }}
.warn {{ color: #a33; }}
{SECTION_CSS}
</style></head><body>
<h1>Class report</h1>
<p>{summary['students']} submissions, {summary['graded']} graded; mean score
{mean:.1f} of {summary['max_score']}.</p>
{ungraded}
<h2>Score distribution</h2>{image('scores', 'Histogram of scores')}
<h2>Pass rate per function</h2>{image('pass_rates', 'Pass rate per graded function')}
<h2>Most common mistakes</h2>
<p>Each student counts once per mistake. These are the misconceptions to re-teach first.</p>
{image('mistakes', 'Most common mistakes by catalogue name')}
<table><tr><th>mistake</th><th>students</th></tr>{rows}</table>
{uncatalogued_section(summary["uncatalogued"])}
</body></html>
"""
