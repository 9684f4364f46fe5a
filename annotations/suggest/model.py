"""What a suggester proposes: a tag for a sentence, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A tag proposed for a sentence; ``patterns`` are every pattern that proposed it
    (their decisions are recorded when the analyst accepts or rejects it)."""

    sentence: int
    tag: str
    reason: str
    patterns: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """``{"sentence", "tag", "reason", "patterns"}``, as ``newsmark suggest --json`` prints it."""
        return {"sentence": self.sentence, "tag": self.tag, "reason": self.reason, "patterns": list(self.patterns)}
