"""The record of one failed exercise that every step of the diagnosis reads.

A leaf: the pipeline, the renderers and the traced steps all take a Diagnosis, and none of them
needs another to define it.
"""

from dataclasses import dataclass, field


@dataclass
class Diagnosis:
    """Everything diagnose needs to know about one exercise."""

    exercise: str
    calls: list
    outcomes: list
    findings: list
    """One list of Findings per call."""
    settings: object
    failed_components: list = field(default_factory=list)
    """backward_propagation only: the student's own component functions that failed."""
    mutating_components: list = field(default_factory=list)
    """backward_propagation only: the failed components that change an argument in place."""
    reproduced_by_components: bool = False
    """backward_propagation only: its output equals what the student's components give."""
    parameters: list = None
    """The names of the student's function's parameters, in order, or None if unknown."""
    tracer: object = None
    """() -> one decoding.Trace (or None) per call: the function run again, every expression
    recorded. Asked for only when a step needs it, since it costs a second exchange."""
    repairer: object = None
    """() -> a repair.search.Search: the fewest edits that make the function pass, asked for
    once the chain has spoken (repaired.py); None where no search can run."""
    _traces: list = None
    _search: object = None

    def fetched_search(self):
        """The repair search's outcome if it ran, else None (never starts it)."""
        return self._search

    repair_error: str = ""
    """The traceback of a failure of the repair search itself (a bug of ours), for the
    instructor: the hints then stand as the chain gave them."""

    def repair_search(self):
        """The repair search's outcome (run once, on first use), or None."""
        if self._search is None and self.repairer is not None and not self.repair_error:
            import traceback

            try:
                self._search = self.repairer()
            except Exception:  # a bug of ours: the chain's hints stand without a repair
                self.repair_error = traceback.format_exc()
        return self._search

    def traces(self) -> list:
        """The traces of this exercise's calls (None for each where none could be made)."""
        if self._traces is None:
            self._traces = list(self.tracer()) if self.tracer else [None] * len(self.calls)
        return self._traces

    def fetched_traces(self):
        """The traces if a step has asked for them already, else None: for what may read
        them but is not worth a second exchange with the worker (classroom/wrong_lines.py)."""
        return self._traces
