"""Does the class report show the mistakes no catalogue knows, and name a course's own?

The RESULTS folders here are made up: report dicts shaped like batch's (see test_discovery.py
for ones the grader writes), so that each test says exactly which students share what.
"""

import json

from autograder.class_report import summarise, uncatalogued_groups
from autograder.student_api import GRADED_NAMES


def exercise(name, mistakes=(), group=None, code="", lines=None):
    """One exercise of a report: passed when it names no mistake."""
    entry = {"name": name, "passed": not mistakes, "score": 0 if mistakes else 1,
             "max_score": 1, "hints": [f"a hint [{m}]" for m in mistakes],
             "mistakes": list(mistakes), "group": group, "code": code}
    if lines is not None:
        entry["lines"] = lines
    return entry


def report(student, *failed):
    """A student's report: `failed` exercises as given, every other graded function passed."""
    names = {entry["name"] for entry in failed}
    exercises = [exercise(name) for name in GRADED_NAMES if name not in names]
    score = len(exercises)
    return {"score": score, "max_score": len(GRADED_NAMES), "seed": 5, "error": None,
            "exercises": [*failed, *exercises], "submission": f"{student}.py", "notes": [],
            "output": "", "settings": {}, "grader_errors": [], "student": student}


def test_a_course_catalogues_mistake_is_catalogued_and_a_signature_is_not():
    reports = [report("ann", exercise("compute_cost", ["ML101-3"], "g1")),
               report("bea", exercise("compute_cost", ["ML101-3"], "g1")),
               report("cal", exercise("compute_cost", ["S-unrecognised"], "g2")),
               report("dom", exercise("compute_cost", ["S-unrecognised"], "g2"))]
    groups = uncatalogued_groups(reports)
    assert [(g["group"], g["students"]) for g in groups] == [("g2", ["cal", "dom"])]
