"""A hint: the text a student reads, with the mistake it names and where the notebook explains it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    """One hint. `mistake` is a catalogue id (B19), a signature (S-transposed) or ''."""

    text: str
    mistake: str = ""
    anchor: str = ""

    def render(self) -> str:
        """The full text: the hint, the pointer to the notebook, and the id for instructors."""
        from .catalogue import SECTIONS, pointer

        parts = [self.text]
        if self.anchor in SECTIONS:
            parts.append(pointer(self.anchor))
        if self.mistake:
            parts.append(f"[{self.mistake}]")
        return " ".join(parts)
