"""Does the class report show the mistakes no catalogue knows, and name a course's own?

The RESULTS folders here are made up: report dicts shaped like batch's (see test_discovery.py
for ones the grader writes), so that each test says exactly which students share what.
"""

import json
import shutil
import subprocess

import pytest

from autograder.classroom.class_data import summarise, uncatalogued_groups
from autograder.judge.student_api import GRADED_NAMES


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


def write_results(folder, reports, record=None):
    """RESULTS as batch leaves it: one <student>.json per report, and batch.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in reports:
        text = {key: value for key, value in entry.items() if key != "student"}
        (folder / f"{entry['student']}.json").write_text(json.dumps(text))
    if record is not None:
        (folder / "batch.json").write_text(json.dumps(record))
    return folder


COURSE = {"seed": 5, "course_catalogue": {
    "path": "/course/mistakes.toml", "sha256": "0" * 64,
    "titles": {"ML101-3": "log of the labels <Y> instead of A2"}}}


def test_a_course_catalogues_titles_name_its_mistakes_in_the_report_and_the_summary(tmp_path):
    import io

    from autograder.classroom.class_data import course_titles, load_reports
    from autograder.reporters.class_report import write_report
    from autograder.reporters.class_summary import render_class_summary

    results = write_results(tmp_path / "results", [
        report(name, exercise("compute_cost", ["ML101-3"], "g1")) for name in ("ann", "bea")]
        + [report("cal", exercise("compute_db", ["B19"], "g3"))], COURSE)
    page = write_report(results).read_text()
    assert ("<tr><td>ML101-3: log of the labels &lt;Y&gt; instead of A2</td><td>2</td></tr>"
            in page), "the course's title, escaped, where the kit's would be"
    assert "<tr><td>B19: db summed without keepdims</td><td>1</td></tr>" in page
    printed = io.StringIO()
    reports = load_reports(results)
    render_class_summary(summarise(reports, course_titles(results)), reports, results,
                         file=printed)
    assert "2  ML101-3: log of the labels <Y> instead of A2" in printed.getvalue()


def test_a_missing_or_odd_batch_record_leaves_course_ids_untitled(tmp_path):
    from autograder.classroom.class_data import course_titles
    from autograder.classroom.titles import mistake_title

    assert course_titles(tmp_path) == {}
    (tmp_path / "batch.json").write_text(json.dumps({"course_catalogue": ["not", "a", "dict"]}))
    assert course_titles(tmp_path) == {}
    (tmp_path / "batch.json").write_text("{not json")
    assert course_titles(tmp_path) == {}
    assert mistake_title("ML101-3") == "ML101-3", "no title: the id alone"
    assert mistake_title("B19", {"B19": "a course may not rename the kit's"}).startswith(
        "B19: db summed")


SCALED = ("    m = Y.shape[1]\n"
          "    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))\n"
          "    cost = -np.sum(logprobs)  # </pre><script>alert('cost')</script>\n"
          "    return float(cost)")
SCALED_LINE = {"cell": "", "line": 51,
               "code": "cost = -np.sum(logprobs)  # </pre><script>alert('cost')</script>",
               "what": "computes cost"}
TRANSPOSED = "    dW = np.dot(A_prev, dZ.T) / dZ.shape[1]\n    return dW"


def a_class():
    """Three students share an untraced-before cost (one's report has no lines: older), two a
    transposed dW (no lines: a signature needs no trace), one alone has a doubled db, two have
    a catalogued mistake and two a course catalogue's."""
    cost = exercise("compute_cost", ["S-unrecognised"], "c0ffee0001", SCALED, [SCALED_LINE])
    old_cost = exercise("compute_cost", ["S-unrecognised"], "c0ffee0001", SCALED)
    return [report("<ana>", old_cost), report("ben", cost), report("cleo", dict(cost)),
            report("dev", exercise("compute_dW", ["S-transposed"], "d00d000002", TRANSPOSED)),
            report("eli", exercise("compute_dW", ["S-transposed"], "d00d000002", TRANSPOSED)),
            report("fay", exercise("compute_db", ["S-factor"], "dbdbdb0003", "    return 2 * db",
                                   [{"cell": "cell 9", "line": 4, "code": "return 2 * db",
                                     "what": "computes db1"}])),
            report("gus", exercise("compute_db", ["B19"], "b19b19b19b")),
            report("hal", exercise("compute_db", ["B19"], "b19b19b19b")),
            report("ivy", exercise("compute_dZ2", ["ML101-3"], "e1e1e1e1e1")),
            report("jo", exercise("compute_dZ2", ["ML101-3"], "e1e1e1e1e1"))]


def section_of(page):
    return page.split("Mistakes the catalogue does not know yet", 1)[1]


def test_the_report_lists_shared_uncatalogued_mistakes_largest_first(tmp_path):
    from autograder.reporters.class_report import write_report

    page = write_report(write_results(tmp_path / "results", a_class(), COURSE)).read_text()
    section = section_of(page)
    cards = section.split("<article class=group>")[1:]
    assert len(cards) == 2, "the two mistakes two or more students share"
    cost, transposed = cards
    assert "3 students</span>, <code>compute_cost</code>: wrong values, no known pattern" in cost
    assert "(group c0ffee0001)" in cost
    assert "Students: &lt;ana&gt;, ben, cleo" in cost
    assert "2 students</span>, <code>compute_dW</code>: result transposed" in transposed
    assert "Students: dev, eli" in transposed


def test_a_traced_line_comes_first_and_the_whole_function_below(tmp_path):
    from autograder.reporters.class_report import write_report

    page = write_report(write_results(tmp_path / "results", a_class())).read_text()
    cost, transposed = section_of(page).split("<article class=group>")[1:]
    assert "e.g. ben's code goes wrong here" in cost, "ana's older report has no lines"
    line = cost.index("<td>line 51</td><td><code>cost = -np.sum(logprobs)")
    assert line < cost.index("<details><summary>ben's whole compute_cost</summary>"
                             "<pre class=code>m = Y.shape[1]")
    assert "e.g. dev's compute_dW" in transposed, "no lines: the function itself"
    assert "<pre class=code>dW = np.dot(A_prev, dZ.T) / dZ.shape[1]\nreturn dW</pre>" in transposed


def test_student_code_cannot_add_markup_to_the_report(tmp_path):
    from autograder.reporters.class_report import write_report

    page = write_report(write_results(tmp_path / "results", a_class())).read_text()
    assert "<script>" not in page and "</pre><script>" not in page
    assert "# &lt;/pre&gt;&lt;script&gt;alert(&#x27;cost&#x27;)&lt;/script&gt;" in page
    assert "<ana>" not in page


def test_a_mistake_one_student_made_is_counted_and_a_catalogued_one_left_out(tmp_path):
    from autograder.reporters.class_report import write_report

    page = write_report(write_results(tmp_path / "results", a_class(), COURSE)).read_text()
    section = section_of(page)
    singles = section.split("<details><summary>Besides these, ", 1)[1]
    assert singles.startswith("1 uncatalogued mistake(s) made by one student each")
    assert section.index("<article class=group>") < section.index("Besides these")
    assert "<td>fay</td><td>cell 9, line 4: <code>return 2 * db</code></td>" in singles
    for catalogued in ("gus", "hal", "ivy", "jo", "b19b19b19b", "e1e1e1e1e1"):
        assert catalogued not in section


def test_with_no_uncatalogued_mistake_the_section_says_so(tmp_path):
    from autograder.reporters.class_report import write_report

    reports = [report("gus", exercise("compute_db", ["B19"], "b19b19b19b"))]
    page = write_report(write_results(tmp_path / "results", reports)).read_text()
    assert "None: every failed function names a catalogued mistake." in section_of(page)


def test_the_terminal_summary_shows_the_line_before_the_code(tmp_path):
    import io

    from autograder.reporters.class_summary import render_class_summary

    reports = a_class()
    printed = io.StringIO()
    render_class_summary(summarise(reports), reports, tmp_path, file=printed)
    shared = printed.getvalue().split("the catalogue does not know", 1)[1].split("\n\n", 1)[0]
    assert ("e.g. ben, line 51: cost = -np.sum(logprobs) # </pre><script>alert('cost')"
            "</script> (computes cost)") in " ".join(shared.split()), "wrapped, never cut"
    assert "m = Y.shape[1]" not in shared.split("compute_dW")[0], "the line, not the code"
    assert "e.g. dev's code:\n      dW = np.dot(A_prev, dZ.T)" in shared
    assert "fay" not in shared


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_a_browser_reads_the_section_as_the_report_wrote_it(tmp_path):
    """What headless Chromium parses: the two cards, the code as text, and no script element
    (the assertions above are on the HTML text; this checks a real parser agrees)."""
    from autograder.reporters.class_report import write_report

    page = write_report(write_results(tmp_path / "results", a_class()))
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=90, check=True).stdout
    section = section_of(dom)
    assert section.count('<article class="group">') == 2
    assert "<script" not in dom
    assert "&lt;/pre&gt;&lt;script&gt;alert('cost')&lt;/script&gt;" in section
