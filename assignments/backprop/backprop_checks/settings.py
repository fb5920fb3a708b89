"""The grader's settings: every default defined once, each with the reason for its value.

Command-line flags override these fields; the header of every report shows the values used.
"""

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Settings:
    """What the grader checks against and the limits it runs student code under."""

    value_rtol: float = 1e-5
    """Relative tolerance when an output is compared with the reference (numpy.isclose).
    Loose enough for float32 arithmetic or another summation order, tight enough that
    every catalogued mistake (the closest is about 1e-2 off) fails."""

    value_atol: float = 1e-8
    """Absolute tolerance added to value_rtol, for entries that should be about zero."""

    grad_check_epsilon: float = 1e-5
    """Step h of the centered difference (J(θ + h) - J(θ - h)) / 2h used by the gradient check."""

    grad_check_max_rel_error: float = 1e-7
    """Largest relative error ||a - n|| / (||a|| + ||n||) between a gradient from
    backward_propagation (a) and the numerical gradient of J (n) that still passes.
    Right gradients give about 1e-10 with this epsilon; the course calls anything under 1e-7 'great'."""

    call_timeout_s: float = 2.0
    """Wall-clock time one call of a student function may take. The work is about a
    millisecond of numpy, so two seconds only stops loops that never end."""

    submission_timeout_s: float = 20.0
    """Wall-clock time for importing the submission and all its calls together."""

    trace_slowdown: float = 5.0
    """How many call time limits a failing call gets when it is run again under the tracer
    for the diagnosis (recording every expression slows it down). A traced run past that only
    goes without a trace; it is never the student's time-out."""

    repair_budget_s: float = 0.4
    """Wall-clock time the repair search may spend on one failed function, looking for the
    fewest edits to the student's own code that make it pass (judge/repair/). The median
    search takes well under this; past it the hint says what the tracer established instead.
    0 turns the search off."""

    repair_call_timeout_s: float = 0.2
    """Time one candidate's call may take: an edit that makes a loop endless is given up
    quickly, never counted against the student."""

    student_hint_level: int = 2
    """The highest rung of the hint ladder students may read: 1, where and what the numbers show
    and the concept; 2, on request (grade --more, check(..., more=True)), what kind of change is
    needed; 3, the corrected line, which instructors always see. A course may open 3."""

    memory_limit_mb: int = 1024
    """Address space of the process that runs student code, in MiB (RLIMIT_AS)."""

    worker_memory_mb: int = 2048
    """Memory of all a submission's processes together, in MiB, where the grader can make a
    memory control group (as root; see sandbox/processes.py): a submission that forks stays
    within it however many processes it has. Elsewhere only memory_limit_mb per process holds."""

    reply_limit_mb: int = 64
    """What a submission's replies to the grader may weigh in all, in MiB. Every right reply
    of a whole submission, traces included, takes under 64 KiB: past this the submission is
    stopped and its remaining calls fail, so that what a worker sends cannot exhaust the
    grader's memory (sandbox/channel.py)."""

    max_processes: int = 16
    """Processes (and threads) the submission may have at once, the worker included: a pids
    cgroup where the grader can make one, else RLIMIT_NPROC (see sandbox/processes.py)."""

    scratch_mb: int = 64
    """Size of the worker's one writable folder (/tmp, its cwd and HOME), a tmpfs of its own
    where the machine allows it (sandbox/confinement.py), so that no submission can fill the
    grader's disk. The exercise writes nothing; a plot saved by a notebook is well under it."""

    worker_user: str = ""
    """User (name or uid) the worker runs as when the grader is root, so that files only the
    grading user may read stay out of the submission's reach where no mount namespace can hide
    the kit (Gradescope's container: run_autograder uses nobody). That user must be able to
    read the Python installation. Empty: the grading user, without capabilities."""

    output_limit_chars: int = 2000
    """How much of what the submission prints is kept in the report."""

    points: dict = field(default_factory=lambda: {
        "forward_propagation": 2,
        "compute_cost": 1,
        "compute_dZ2": 1,
        "compute_dZ1": 2,
        "compute_dW": 1,
        "compute_db": 1,
        "backward_propagation": 2,
    })
    """Points per graded function; all or nothing per function."""

    def describe(self, name: str) -> str:
        """The help text of one field, for --help and the docs."""
        return field_help(name)


def _field_help() -> dict:
    """Read the attribute docstrings above so that --help can reuse them."""
    import ast
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(Settings)))
    body = tree.body[0].body
    helps = {}
    for node, following in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)):
            helps[node.target.id] = " ".join(following.value.value.split())
    return helps


_FIELD_HELP = {}


def field_help(name: str) -> str:
    """The documented meaning of a Settings field (lazily parsed from this module)."""
    if not _FIELD_HELP:
        _FIELD_HELP.update(_field_help())
    return _FIELD_HELP.get(name, "")


DEFAULT_SETTINGS = Settings()
SETTING_NAMES = tuple(f.name for f in fields(Settings))
