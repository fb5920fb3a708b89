"""The class report's section on the mistakes no catalogue knows yet, as HTML.

Each group of students whose function did the same thing on every call (class_report.
uncatalogued_groups) gets a card, largest first: the function, how many students, the
signature, the group id, where one student's code goes wrong, that student's whole function,
and the students' names. A mistake only one student made is no pattern yet: those are counted,
and listed in a table that stays closed until opened, so that the shared ones come first.

Students' names, their code and anything else read from a report is text a submission could
reach: every piece is escaped (html.escape), and code is shown in <pre>, so that a comment
holding `</pre><script>` stays text.
"""

import textwrap
from html import escape

from autograder.classroom.titles import signature_title
from autograder.judge.wording import place

SECTION_CSS = """
.group { border: 1px solid #ddd; border-left: 4px solid #c44e52; border-radius: 4px;
         padding: 0.6em 1em; margin: 0 0 1.2em; }
.group h3 { font-size: 1.05em; margin: 0 0 0.5em; font-weight: normal; }
.group h3 .count { font-weight: bold; }
.group .gid, .muted { color: #777; font-size: 0.9em; }
.group .students { margin: 0.5em 0 0; }
.lines { border-collapse: collapse; margin: 0.3em 0; }
.lines td { border: none; padding: 2px 10px 2px 0; vertical-align: baseline; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
            font-size: 0.92em; }
.lines code { background: #fbeaea; padding: 1px 4px; white-space: pre-wrap; }
pre.code { background: #f6f6f6; border: 1px solid #e4e4e4; padding: 0.5em 0.8em;
           overflow-x: auto; margin: 0.3em 0; }
pre.code mark { background: #fbeaea; color: inherit; }
details summary { cursor: pointer; color: #345; }
table.singles { margin: 0.4em 0 1em; } table.singles th { text-align: left; }
"""
"""Added to the page's style sheet by class_report."""


def uncatalogued_section(groups: list) -> str:
    """The section's HTML: `groups` from class_report.uncatalogued_groups, largest first."""
    shared = [group for group in groups if len(group["students"]) > 1]
    single = [group for group in groups if len(group["students"]) == 1]
    parts = ["<h2 id=uncatalogued>Mistakes the catalogue does not know yet</h2>",
             "<p>Students whose function did the same thing on every call share a group: the "
             "same mistake, however they wrote it. No catalogue names these; the largest groups "
             "are the first worth a catalogue entry or a word in class. For the instructor only: "
             "this lists students' names and code.</p>"]
    if not groups:
        parts.append("<p>None: every failed function names a catalogued mistake.</p>")
    elif not shared:
        parts.append("<p>No student shares one with another.</p>")
    parts.extend(_card(group) for group in shared)
    if single:
        parts.append(_singles(single, after_shared=bool(shared)))
    return "\n".join(parts)


def _card(group: dict) -> str:
    function = escape(group["function"])
    example = escape(group.get("example") or group["students"][0])
    count = len(group["students"])
    heading = (f"<h3><span class=count>{count} students</span>, <code>{function}</code>: "
               f"{escape(_title(group['signature']))} "
               f"<span class=gid>(group {escape(group['group'])})</span></h3>")
    code = textwrap.dedent(group.get("code") or "")
    whole = f"<pre class=code>{_marked(code, group.get('lines') or [])}</pre>" if code else ""
    if group.get("lines"):
        shown = (f"<p>e.g. {example}'s code goes wrong here:</p>{_lines_table(group['lines'])}"
                 + (f"<details><summary>{example}'s whole {function}</summary>{whole}</details>"
                    if whole else ""))
    elif whole:
        shown = (f"<p>e.g. {example}'s {function} <span class=muted>(the grader did not trace "
                 f"which line goes wrong)</span>:</p>{whole}")
    else:
        shown = "<p class=muted>No code could be read from these submissions.</p>"
    names = ", ".join(escape(student) for student in group["students"])
    if group.get("repair"):
        shown = (f"<p>The repair search made {example}'s {function} pass with one change: "
                 f"{escape(group['repair'])}.</p>{shown}")
    return (f"<article class=group>{heading}{shown}"
            f"<p class=students>Students: {names}</p></article>")


def _marked(code: str, lines: list) -> str:
    """The function's code, escaped, with the lines that went wrong marked."""
    wrong = {line["code"].strip() for line in lines}
    return "\n".join(f"<mark>{escape(text)}</mark>" if text.strip() in wrong else escape(text)
                     for text in code.split("\n"))


def _lines_table(lines: list) -> str:
    rows = "".join(f"<tr><td>{escape(place(line.get('cell'), line['line']))}</td>"
                   f"<td><code>{escape(line['code'])}"
                   f"</code></td><td class=muted>{escape(str(line.get('what') or ''))}</td></tr>"
                   for line in lines)
    return f"<table class=lines>{rows}</table>"


def _singles(groups: list, after_shared: bool) -> str:
    """Mistakes only one student made: a count, and a closed table of them."""
    rows = "".join(
        f"<tr><td><code>{escape(g['function'])}</code></td>"
        f"<td>{escape(_title(g['signature']))}</td>"
        f"<td>{escape(g['students'][0])}</td>"
        f"<td>{_first_line(g)}</td><td class=muted>{escape(g['group'])}</td></tr>"
        for g in groups)
    others = "Besides these, " if after_shared else ""
    return (f"<details><summary>{others}{len(groups)} uncatalogued mistake(s) made by one "
            f"student each</summary><table class=singles><tr><th>function</th><th>signature</th>"
            f"<th>student</th><th>where</th><th>group</th></tr>{rows}</table></details>")


def _first_line(group: dict) -> str:
    if not group.get("lines"):
        return ""
    line = group["lines"][0]
    return f"{escape(place(line.get('cell'), line['line']))}: <code>{escape(line['code'])}</code>"


def _title(signature: str) -> str:
    return f"{signature_title(signature)} [{signature}]"
