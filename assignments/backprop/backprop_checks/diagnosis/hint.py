"""A hint: the text a student reads, with the mistake it names and where the notebook explains it.

A hint has up to three rungs (the hint ladder, docs/architecture.md "The hint ladder"): `text`,
what every student reads (where, what the numbers show, which concept; no corrected code);
`more`, what kind of change is needed, for a student who asks (grade --more,
check(..., more=True)); `fix`, the corrected line, for instructors.
"""

from dataclasses import dataclass

LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Hint:
    """One hint. `mistake` is a catalogue id (B19), a signature (S-transposed), a repair's id
    (R-floor-division) or ''."""

    text: str
    mistake: str = ""
    anchor: str = ""
    more: str = ""
    """Rung 2: what kind of change is needed ('' when the hint has no more to say)."""
    fix: str = ""
    """Rung 3: the corrected line, verified by running it ('' when none is known)."""

    def render(self, level: int = 1) -> str:
        """The text up to rung `level`, the pointer to the notebook, and the id for instructors."""
        from .catalogue import SECTIONS, pointer

        parts = [self.text]
        if level >= 2 and self.more:
            parts.append(self.more)
        if level >= 3 and self.fix:
            parts.append(self.fix)
        if self.anchor in SECTIONS:
            parts.append(pointer(self.anchor))
        if self.mistake:
            parts.append(f"[{self.mistake}]")
        return " ".join(parts)
