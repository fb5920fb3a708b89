"""Grade one submission: run its functions in the sandbox, check them, diagnose what fails.

`SubmissionGrader` is what the pytest suite drives, one exercise per test. It starts the worker
as soon as it is made (so the worker imports numpy while the grader imports pytest), grades each
exercise once, on demand, and keeps the results for the report.
"""

import difflib
from dataclasses import asdict
from pathlib import Path

from autograder.answers import cases
from autograder.grading.judge_slots import fill_judge_slots
from autograder.grading.notebook import read_notebook_cells
from autograder.grading.provided import (SUPPLIED_FUNCTION, helpers_to_supply, provided_cell,
                                         supplied_note)
from autograder.grading.submission import (SubmissionError, check_syntax, flood_message,
                                           import_failure_message, load_source)
from autograder.judge.decoding import Opaque
from autograder.judge.results import ExerciseResult, SubmissionResult
from autograder.judge.settings import Settings
from autograder.judge.student_api import GRAD_KEYS, GRADED_NAMES, PROVIDED_NAMES
from autograder.judge.verdict import COMPONENTS, Components, judge, numerical_gradient
from autograder.sandbox import Sandbox, plotting_for

fill_judge_slots()


class SubmissionGrader:
    """Grades one submission; the sandbox lives from construction until `finish`."""

    def __init__(self, path, seed: int, settings: Settings):
        self.path = Path(path)
        self.seed = seed
        self.settings = settings
        self.results = {}
        self.error = None
        self.sandbox = None
        self.names = {}
        self.parameter_names = {}
        """Function name -> its parameters' names, as the submission wrote them."""
        self.grader_errors = []
        """Tracebacks of the grader's own failures, for instructors only."""
        self._cell_notes_taken = False
        self._outcomes = {}
        """Exercise name -> its outcomes on its calls, fetched for all exercises at once."""
        self.notes = []
        """Things worth knowing that did not stop grading (notebook cells that raised...)."""
        self.source = ""
        self.cells = []
        """The submission's own cells, [(name, source)], as the worker runs them."""
        self.supplied = []
        """Provided helpers the submission reads but does not define (provided.py)."""
        try:
            if self.path.suffix.lower() == ".ipynb":
                notebook = read_notebook_cells(self.path, self.path.read_bytes())
                cells, stop_on_error = notebook.cells, False
                self.notes.extend(notebook.skipped)
            else:
                self.source = load_source(self.path)
                check_syntax(self.source, self.path.name)
                cells, stop_on_error = [("<submission>", self.source)], True
        except SubmissionError as error:
            self.error = str(error)
            return
        self.cells = cells
        self.supplied = helpers_to_supply(cells)
        if self.supplied:  # after the submission's own cells, so that its definitions win
            cells = cells + [provided_cell(self.supplied)]
        preload, plot_stand_in = plotting_for(source for _, source in cells)
        self.sandbox = Sandbox(cells, settings, stop_on_error, preload, plot_stand_in)
        self.sandbox.start()
        prepare(seed, settings)  # while the worker starts

    def wait_ready(self) -> bool:
        """True when the submission imported; otherwise `error` says why."""
        if self.error is not None:
            return False
        outcome = self.sandbox.wait_ready()
        if outcome.status != "ready":
            self.error = import_failure_message(outcome, self.path.name, self.source,
                                                self.settings)
            return False
        self.names = outcome.names
        self.parameter_names = outcome.parameter_names
        if not self._cell_notes_taken:
            self._cell_notes_taken = True
            if outcome.cell_errors:  # a notebook's cells that raised: notes on them
                from autograder.grading.cell_notes import cell_error_notes

                self.notes.extend(cell_error_notes(self.cells, outcome.cell_errors))
            note = supplied_note(self.cells, outcome.cell_errors, self._supplied_names(),
                                 self.path.suffix.lower() == ".ipynb")
            if note:
                self.notes.append(note)
        return True

    def grade_exercise(self, name: str) -> ExerciseResult:
        """The verdict on one graded function (graded once; later calls reuse it)."""
        if name not in self.results:
            self.results[name] = self._grade(name)
        return self.results[name]

    def close(self) -> str:
        """Stop the worker (and whatever it started); return what the submission printed."""
        if self.sandbox is not None:
            self._output = self.sandbox.close()
        return getattr(self, "_output", "")

    def finish(self) -> SubmissionResult:
        """Grade whatever is left, stop the worker, and assemble the report."""
        try:
            if self.error is None and self.wait_ready():
                for name in GRADED_NAMES:
                    self.grade_exercise(name)
        finally:
            output = self.close()
        if self.sandbox is not None and self.sandbox.flooded and self.error is None:
            # a submission that broke the grader's limits on purpose keeps no point of it
            self.error = flood_message(self.path.name, self.sandbox.stopped_for)
        if self.sandbox is not None:
            self.notes.extend(retry_note(what, signal) for what, signal in self.sandbox.retried)
        settings = asdict(self.settings)
        if self.error is not None:
            exercises = [ExerciseResult(name, False, 0, self.settings.points[name])
                         for name in GRADED_NAMES]
        else:
            exercises = [self.results[name] for name in GRADED_NAMES]
        return SubmissionResult(str(self.path), self.seed, exercises, self.error, output,
                                settings, self.grader_errors, self.notes)

    def _supplied_names(self) -> list:
        """The helpers the "<provided>" cell did define: those still undefined after the
        submission ran (asked of the worker, since only the run can tell)."""
        if not self.supplied:
            return []
        outcome = self.sandbox.call(SUPPLIED_FUNCTION, ())
        if outcome.status != "returned" or not isinstance(outcome.value, list):
            return []
        return [name for name in self.supplied if name in outcome.value]

    # One exercise.

    def _grade(self, name: str) -> ExerciseResult:
        points = self.settings.points[name]
        missing = self._missing_message(name)
        if missing:
            return ExerciseResult(name, False, 0, points, [missing], ["S-missing"])
        calls = cases.make_calls(name, self.seed)
        if not self._outcomes:
            self._fetch_outcomes()
        outcomes = self._outcomes[name]
        components = None
        if name == "backward_propagation":
            components = Components(
                failed=lambda: [n for n in COMPONENTS if not self.grade_exercise(n).passed],
                compose=self._compose,
                mutating=lambda: [n for n in COMPONENTS
                                  if "U1" in self.grade_exercise(n).mistakes])
        result = judge(name, calls, outcomes, self.settings, points, components,
                       self.grader_errors, tracer=lambda: self._trace(name, calls),
                       parameters=self.parameter_names.get(name), with_lines=True,
                       repairer=lambda: self._search_repair(name, calls, outcomes))
        if not result.passed:
            from autograder.classroom.mistake_groups import function_code, outcome_group

            result.group = outcome_group(name, outcomes)
            result.code = function_code(self.cells, name)
        return result

    def _fetch_outcomes(self) -> None:
        """Call every graded function that exists on all its inputs, in one exchange."""
        names = [name for name in GRADED_NAMES if not self._missing_message(name)]
        requests = [(name, call.args) for name in names
                    for call in cases.make_calls(name, self.seed)]
        outcomes = iter(self.sandbox.call_many(requests))
        for name in names:
            self._outcomes[name] = [next(outcomes) for _ in cases.make_calls(name, self.seed)]

    def _trace(self, name: str, calls) -> list:
        """`name` run again on each call's inputs with every expression recorded (diagnosis)."""
        return self.sandbox.trace_many([(name, call.args) for call in calls],
                                       self.settings.trace_slowdown)

    def _search_repair(self, name: str, calls, outcomes):
        """The fewest edits to the student's own `name` that make it pass (judge/repair/), each
        candidate run by the worker on the graded calls' inputs, within the search's budget."""
        from autograder.judge.repair.search import search_repair

        budget = min(self.settings.repair_budget_s, max(self.sandbox.remaining_s() - 2, 0))

        def runner(requests, deadline):
            return self.sandbox.try_many([(name, calls[index].args, sources)
                                          for sources, index in requests], deadline)

        return search_repair(name, calls, outcomes, self.cells, runner, self.settings, budget)

    def _missing_message(self, name: str):
        """Why `name` cannot be called, with a 'did you mean', or None when it can."""
        kind = self.names.get(name)
        if kind in ("function", "callable"):
            return None
        filename = self.path.name
        if kind is not None:
            return (f"{name} is defined in {filename}, but as a {kind}, not a function. The "
                    "grader calls it with the arguments given in the assignment.")
        # A function that already has a graded or provided name is not a misspelling.
        candidates = [n for n, k in self.names.items() if k in ("function", "callable")
                      and n not in GRADED_NAMES and n not in PROVIDED_NAMES]
        close = [n for n in candidates if n.lower() == name.lower()]
        close += difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        close += [n for n in candidates if len(n) >= 5 and name.startswith(n)]
        guess = f" Did you mean {close[0]}?" if close else ""
        return (f"{name} is not defined in {filename}.{guess} The grader looks for the exact "
                "names given in the assignment.")

    def _compose(self, call):
        """The gradients the student's own four components give on `call`'s inputs, or None.

        Whatever a component returns is passed on as it is (a list, None, a wrongly shaped
        array), as the student's backward_propagation would pass it.
        """
        parameters, cache, X, Y = call.args
        steps = {}

        def run(name, *args):
            outcome = self.sandbox.call(name, args)
            if outcome.status != "returned" or isinstance(outcome.value, Opaque):
                raise LookupError(name)
            return outcome.value

        try:
            dZ2 = run("compute_dZ2", cache["A2"], Y)
            steps["dW2"] = run("compute_dW", dZ2, cache["A1"])
            steps["db2"] = run("compute_db", dZ2)
            dZ1 = run("compute_dZ1", dZ2, parameters["W2"], cache["Z1"], cache["A1"])
            steps["dW1"] = run("compute_dW", dZ1, X)
            steps["db1"] = run("compute_db", dZ1)
        except LookupError:
            return None
        return {key: steps[key] for key in GRAD_KEYS}


def retry_note(what: str, signal: str) -> str:
    """The report's note for a run that a signal ended, and that was run once more."""
    during = "while your code was being loaded" if what == "import" else f"in {what}"
    return (f"The process running your code was ended by {signal} {during}. That can come "
            "from outside your code, so it was run once more in a fresh process, and that "
            "second run is the one graded.")


def prepare(seed: int, settings: Settings) -> None:
    """Make what grading needs that no submission changes: every call's inputs and right
    outputs, and the numerical gradients backward_propagation is checked against. Kept for
    every submission graded at `seed`, so a class makes them once (batch does, before its
    first student), and one submission while its worker starts."""
    for name in GRADED_NAMES:
        cases.make_calls(name, seed)
    for call in cases.make_calls("backward_propagation", seed):
        numerical_gradient(call, settings)


def grade_path(path, seed: int, settings: Settings = None) -> SubmissionResult:
    """Grade one submission without pytest in the loop (the library entry point)."""
    grader = SubmissionGrader(path, seed, settings or Settings())
    return grader.finish()


__all__ = ["SubmissionGrader", "grade_path", "prepare", "COMPONENTS"]
