"""Precision and recall from counts: what the suggestions' and the elsewhere matcher's
evaluations both measure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """The share of what was proposed that was right (1.0 when nothing was)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """The share of what was labelled that was found (1.0 when nothing was)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
