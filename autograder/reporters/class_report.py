"""The class report: which functions the class gets wrong, and which misconceptions to re-teach.

Reads the reports batch grading wrote (RESULTS/*.json) and writes RESULTS/report.html, one
self-contained page (charts embedded), and the same charts as PNG files in RESULTS/report/.
"""

import base64
import html
import io
from pathlib import Path

from autograder.classroom.class_data import course_titles, load_reports, summarise
from autograder.classroom.titles import mistake_title
from autograder.reporters.uncatalogued_html import SECTION_CSS, uncatalogued_section


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
