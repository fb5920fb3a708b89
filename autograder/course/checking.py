"""`catalogue check`: prove each entry of a course catalogue usable before a class meets it.

An entry is usable when its wrong implementation is written and gives the same outcome every
time it runs, on every design; when the grader can tell it apart from the reference and from
every other entry of its function (the kit's, the kit's catalogued combinations, the course's
own), on at least one call; when its hint renders with the student's numbers; when its anchor
is a heading of the notebook; and when the grader, given that very code as a student's, names
this entry. The entries run here, in the grader's process, as the kit's own wrong
implementations do: they are the instructor's code, never a student's.
"""

import copy
import re
from dataclasses import dataclass

from autograder.course.loading import CatalogueError, CourseCatalogue, installed, load_catalogue
from autograder.grading.judge_slots import fill_judge_slots
from autograder.judge.student_api import GRADED_BY_NAME

fill_judge_slots()  # the entries are judged here, in the grader's own process

CHECK_SEEDS = (20261124, 1)
"""The release's seed (the notebook's checks) and one more: an entry must hold on both."""


@dataclass
class EntryReport:
    """The verdict on one entry: its problems (none when usable) and what the grader said."""

    id: str
    function: str
    problems: list
    hint: str = ""
    """The hint the grader gave for the entry's own code, rendered."""
    designs_shown: int = 0
    designs: int = 0
    compared_with: int = 0
    """How many other entries and combinations of the function it was told apart from."""


def check_catalogue(catalogue: CourseCatalogue, notebooks=None) -> list:
    """One EntryReport per entry, in the file's order. notebooks: the notebooks whose anchors
    the hints point at (default: the source notebook and its release)."""
    from autograder.paths import RELEASE_NOTEBOOK, SOURCE_NOTEBOOK

    notebooks = [SOURCE_NOTEBOOK, RELEASE_NOTEBOOK] if notebooks is None else notebooks
    anchors = {path: notebook_anchors(path) for path in notebooks if path.exists()}
    reports = []
    with installed(catalogue):
        for entry in catalogue.entries:
            report = EntryReport(entry.mistake.id, entry.mistake.function, [])
            for path, found in anchors.items():
                if entry.mistake.anchor not in found:
                    report.problems.append(f"The anchor {entry.mistake.anchor!r} is not a "
                                           f"heading of {path.name} ({path}).")
            for seed in CHECK_SEEDS:
                for problem in _check_on(entry, seed, report):
                    if problem not in report.problems:
                        report.problems.append(problem)
                if report.problems:
                    break
            reports.append(report)
    return reports


def usable_catalogue(path, submissions=None) -> CourseCatalogue:
    """The catalogue at `path`, read and checked: what grade, batch, gradescope, release and
    nbgrader's hook use. CatalogueError, saying which entry and why, when one is not usable,
    so that a class never meets it."""
    catalogue = load_catalogue(path, submissions)
    unusable = [report for report in check_catalogue(catalogue) if report.problems]
    if unusable:
        lines = [f"{r.id}: {problem}" for r in unusable for problem in r.problems]
        raise CatalogueError("It has entries that are not usable yet:\n" + "\n".join(lines)
                             + f"\nSee python -m autograder catalogue check {path}")
    return catalogue


def notebook_anchors(path) -> set:
    """The explicit heading ids (<a id="...">) of a notebook."""
    return set(re.findall(r'<a id=\\?"([\w-]+)\\?"', path.read_text()))


def _check_on(entry, seed: int, report: EntryReport) -> list:
    from autograder.answers.cases import make_calls
    from autograder.judge.checks import check_call
    from autograder.judge.diagnosis.catalogue import mistakes_for
    from autograder.judge.diagnosis.composition import FORM_PREFIX, form_keys
    from autograder.judge.diagnosis.matching import outcome_matches
    from autograder.judge.diagnosis.rendering import OUTPUT_KINDS, catalogue_hint
    from autograder.judge.settings import Settings

    settings = Settings()
    mistake = entry.mistake
    calls = make_calls(mistake.function, seed)
    outcomes = [_run(entry.implementation, call, settings) for call in calls]
    if any(o.status == "raised" and o.error.get("type") == "NotImplementedError"
           for o in outcomes):
        return ["The wrong implementation is not written yet (it raises NotImplementedError)."]
    if any(o.status == "timeout" for o in outcomes):
        return [f"The wrong implementation runs past {settings.call_timeout_s:g} s on a call."]
    again = [_run(entry.implementation, call, settings) for call in calls]
    for call, first, second in zip(calls, outcomes, again):
        if not outcome_matches(second, _as_mutant(first), settings):
            return [f"It gives another outcome each time it runs (on {call.where}): a "
                    "student's code is compared with one outcome, so the entry cannot draw "
                    "random numbers or keep state between calls."]
    findings = [check_call(call, outcome, settings) for call, outcome in zip(calls, outcomes)]
    shown = {call.design.name for call, found in zip(calls, findings) if found}
    report.designs_shown, report.designs = len(shown), len({c.design.name for c in calls})
    if not shown:
        return ["It gives the right answer on every design: the grader cannot tell it from "
                "the reference."]
    problems = []
    others = [(m.id, f"{m.id} ({m.title})") for m in mistakes_for(mistake.function)
              if m.id != mistake.id]
    others += [(FORM_PREFIX + key, _form_name(key)) for key in form_keys(mistake.function)
               if "+" in key or "/" in key]  # the others are the kit's entries, listed above
    report.compared_with = len(others)
    for key, name in others:
        theirs = [call.mutant_outcomes.get(key) for call in calls]
        if all(t is not None and outcome_matches(o, t, settings)
               for o, t in zip(outcomes, theirs)):
            problems.append(f"It is indistinguishable from {name}: the same outcome on every "
                            "call. Catalogue a different mistake, or drop one of the two.")
    for call, found in zip(calls, findings):
        output = next((f for f in found if f.kind in OUTPUT_KINDS), None)
        try:
            catalogue_hint(mistake.id, call, output)
        except (KeyError, IndexError, ValueError, AttributeError) as error:
            problems.append(f"The hint does not render on {call.where}: {type(error).__name__} "
                            f"{error}.")
            break
    if problems:
        return problems
    result = _judge(entry, calls, outcomes, settings)
    if mistake.id not in result.mistakes:
        said = result.hints[0] if result.hints else "no hint"
        said = said if len(said) <= 300 else said[:300].rsplit(" ", 1)[0] + " …"
        named = ", ".join(m for m in result.mistakes) or "nothing"
        return [f"Given this code as a student's, the grader names {named}, not "
                f"{mistake.id}: it says \"{said}\". An earlier step of the diagnosis explains "
                "the same outcome; see docs/course-catalogues.md."]
    report.hint = next((h for h in result.hints if h.endswith(f"[{mistake.id}]")),
                       result.hints[0])
    return []


def _form_name(key: str) -> str:
    from autograder.judge.diagnosis.composition import mistake_ids

    ids = mistake_ids(key)
    if len(ids) == 1:
        return f"{ids[0]} written another way"
    return "the kit's combination of " + " and ".join(ids)


def _run(implementation, call, settings):
    """The implementation called as the notebook's checks call a student's function."""
    from autograder.judge.visible import call_here

    return call_here(implementation, call.args, settings)


def _as_mutant(outcome):
    from autograder.judge.diagnosis.matching import MutantOutcome

    if outcome.status == "raised":
        return MutantOutcome(True, error_type=outcome.error.get("type", ""),
                             message=outcome.error.get("message", ""))
    return MutantOutcome(False, value=outcome.value)


def _judge(entry, calls, outcomes, settings):
    """The grader's verdict on the entry's code taken as a student's, the other functions right."""
    from autograder.answers.reference import reference
    from autograder.judge.verdict import Components, judge
    from autograder.judge.visible import trace_here

    components = None
    if entry.mistake.function == "backward_propagation":
        components = Components(
            failed=lambda: [],
            compose=lambda call: reference.backward_propagation(*copy.deepcopy(call.args)))
    return judge(entry.mistake.function, calls, outcomes, settings,
                 settings.points[entry.mistake.function], components,
                 tracer=lambda: [trace_here(entry.implementation, call.args, settings)
                                 for call in calls],
                 parameters=list(GRADED_BY_NAME[entry.mistake.function].parameters))
