"""What a suggester proposes: a tag for a sentence, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A tag proposed for a sentence; ``patterns`` are every pattern that proposed it
    (their decisions are recorded when the analyst accepts or rejects it; the learned
    suggester's is ``learned/TAG``); ``certainty`` from 0 (a coin toss) to 1 (sure)."""

    sentence: int
    tag: str
    reason: str
    patterns: tuple[str, ...]
    certainty: float = 1.0

    @property
    def suggester(self) -> str:
        """Which suggester proposed it: ``learned`` or ``patterns``."""
        return "learned" if self.patterns and self.patterns[0].startswith("learned/") else "patterns"

    def as_json(self) -> dict[str, object]:
        """``{"sentence", "tag", "reason", "patterns"}``, as ``newsmark suggest --json`` prints it."""
        return {"sentence": self.sentence, "tag": self.tag, "reason": self.reason, "patterns": list(self.patterns)}
