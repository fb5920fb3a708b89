"""The class's numbers, read from the reports batch grading wrote (RESULTS/*.json).

What the one-screen summary (reporters/class_summary.py) and the class report
(reporters/class_report.py) show: the scores, the pass rate per function, the most common
mistakes, and the mistakes several students share that no catalogue knows.
"""

import json
from collections import Counter
from pathlib import Path

from autograder.classroom.titles import NOT_ROOT_CAUSES, is_signature
from autograder.judge.student_api import GRADED_NAMES


def load_reports(results: Path) -> list:
    """Every student's report in RESULTS (gradebook.csv and batch.json are not reports)."""
    reports = []
    for path in sorted(results.glob("*.json")):
        if path.name == "batch.json":
            continue
        report = json.loads(path.read_text())
        if not isinstance(report.get("student"), str):  # a report of before batch named it
            report["student"] = path.stem
        reports.append(report)
    return reports


def course_titles(results: Path) -> dict:
    """The titles of a course catalogue's mistakes (ML101-3 -> its title), as batch recorded
    them in RESULTS/batch.json; empty when there is no record or it names no course catalogue."""
    from autograder.classroom.batch import read_record

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


def uncatalogued_groups(reports: list) -> list:
    """The mistakes the class shares that no catalogue names (only signatures): failed
    functions with the same group id (mistake_groups.py), largest first, each {"function", "group",
    "signature", "students", "example": the student whose code stands for the group, "lines":
    the lines of it that went wrong (wrong_lines.py; [] when unknown), "code": the
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
                       "code": str(exercise.get("code") or ""),
                       "repair": repair_text(exercise)})
    return sorted(groups, key=lambda g: (-len(g["students"]), g["function"], g["group"]))


def repair_text(exercise: dict) -> str:
    """What the repair search changed in this student's function to make it pass, in words
    for the instructor ("line 3: `m - 1` becomes `m`"), or '' when it found nothing. From
    the report's rung 3 data: it shows the corrected code."""
    from autograder.judge.wording import place

    repair = exercise.get("repair")
    edits = repair.get("edits") if isinstance(repair, dict) else None
    if not isinstance(edits, list) or not edits:
        return ""
    parts = []
    for edit in edits[:3]:
        if not isinstance(edit, dict) or not isinstance(edit.get("line"), int):
            continue
        where = place(edit.get("cell"), edit["line"])
        helper = (f" of {edit.get('function')}" if edit.get("function") != exercise.get("name")
                  else "")
        parts.append(f"{where}{helper}: `{str(edit.get('before', ''))[:80]}` becomes "
                     f"`{str(edit.get('after', ''))[:80]}`")
    return "; ".join(parts)


def _lines(exercise: dict) -> list:
    """A report's lines that went wrong, those well formed (a report older than them has none)."""
    lines = exercise.get("lines")
    return [line for line in lines if isinstance(line, dict) and isinstance(line.get("line"), int)
            and isinstance(line.get("code"), str)] if isinstance(lines, list) else []
