"""What grading produced, as plain data; reporters turn it into text, JSON, ..."""

from dataclasses import asdict, dataclass, field


@dataclass
class ExerciseResult:
    """The verdict on one graded function."""

    name: str
    passed: bool
    score: float
    max_score: float
    hints: list = field(default_factory=list)
    """Rendered hint texts, most important first; empty when the function passes."""
    mistakes: list = field(default_factory=list)
    """Catalogue ids (B19) or signatures (S-transposed) the hints name, for class reports."""
    group: str = None
    """For a failed function graded on a class's inputs: the id of what it did on every call
    (classroom/mistake_groups.py), the same for every student who made the same mistake, however
    written."""
    code: str = ""
    """For a failed function: its body as the student wrote it (function_code in
    classroom/mistake_groups.py), so that the class report can show one student's code beside
    the group it stands for."""
    lines: list = field(default_factory=list)
    """For a failed function: the lines that raised or computed its wrong values, when the
    diagnosis knows them (classroom/wrong_lines.py), each {"cell", "line", "code", "what"};
    empty otherwise (and in reports older than this field), when the class report falls back
    to `code`."""
    more: list = field(default_factory=list)
    """The hints up to rung 2 of the ladder (what kind of change is needed), for a student
    who asks (grade --more, check(..., more=True)); aligned with `hints`."""
    fixes: list = field(default_factory=list)
    """The hints up to rung 3 (the corrected line, verified), for instructors; aligned with
    `hints`."""
    repair: dict = field(default_factory=dict)
    """What the repair search found: {"edits": [{"kind", "function",
    "cell", "line", "code", "before", "after", "fixed"}], "agreed", "functions": [{"function",
    "cell", "first_line", "last_line", "source"}]}; {} when it did not run."""


@dataclass
class SubmissionResult:
    """The verdict on one submission: its exercises, or an error that stopped grading."""

    submission: str
    seed: int
    exercises: list = field(default_factory=list)
    error: str = None
    """Why the submission as a whole could not be used (does not parse, fails at import...)."""
    output: str = ""
    """What the submission printed, cut to Settings.output_limit_chars."""
    settings: dict = field(default_factory=dict)
    grader_errors: list = field(default_factory=list)
    """Tracebacks of the grader's own failures: for instructors, never shown to students."""
    notes: list = field(default_factory=list)
    """What did not stop grading but is worth knowing: notebook cells that raised, ..."""

    @property
    def score(self) -> float:
        return sum(exercise.score for exercise in self.exercises)

    @property
    def max_score(self) -> float:
        from .settings import DEFAULT_SETTINGS

        points = self.settings.get("points") or DEFAULT_SETTINGS.points
        return sum(points.values())

    def to_json_dict(self) -> dict:
        """The --json report: the contract's keys first, then the extra fields."""
        return {
            "score": _number(self.score),
            "max_score": _number(self.max_score),
            "seed": self.seed,
            "error": self.error,
            "exercises": [
                {key: _number(value) if key in ("score", "max_score") else value
                 for key, value in asdict(exercise).items()}
                for exercise in self.exercises
            ],
            "submission": self.submission,
            "notes": self.notes,
            "output": self.output,
            "settings": self.settings,
            "grader_errors": self.grader_errors,
        }


def _number(value):
    """2.0 -> 2, so that the JSON reads like the points table."""
    return int(value) if float(value).is_integer() else value
