"""A tag's gate: how the tag is best proposed, judged on the store's held-out sentences.

Three ways are compared on the sentences the model was never trained on: the patterns
alone; the patterns *or* the model (the model adds what the analyst tags where no
pattern fires, the patterns' hits stay); the model alone (it also drops the patterns'
hits the analyst does not take; the patterns' hits are among its features). The model's
ways are tried at a few probability thresholds. The patterns keep the tag unless one of
the model's ways has a better F1; a tie keeps the simpler way (patterns, then either).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The tag is proposed by the patterns alone (the model is not used for it).
PATTERNS = "patterns"
#: The tag is proposed where the patterns or the model (above its threshold) say so.
EITHER = "either"
#: The tag is proposed where the model (above its threshold) says so, the patterns' hits left out.
MODEL = "model"
#: Probability thresholds tried, the usual one first (a tie keeps the earlier).
THRESHOLDS = (0.5, 0.4, 0.6, 0.3, 0.7)


@dataclass
class Gate:
    """The last check of a tag on the held-out sentences: the chosen way, its threshold
    and F1, and the patterns' F1."""

    learned_f1: float = 0.0
    patterns_f1: float = 0.0
    held_positives: int = 0
    mode: str = PATTERNS
    threshold: float = 0.5

    @property
    def open(self) -> bool:
        """Whether the model takes part in proposing the tag."""
        return self.mode != PATTERNS

    def as_json(self) -> dict[str, object]:
        """The figures kept in the cache."""
        return {
            "learned_f1": round(self.learned_f1, 4),
            "patterns_f1": round(self.patterns_f1, 4),
            "held_positives": self.held_positives,
            "used": self.open,
            "mode": self.mode,
            "threshold": self.threshold,
        }


def f1(predicted: Sequence[bool], gold: Sequence[bool]) -> float:
    """F1 of one tag's decisions (1.0 when neither side has any)."""
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    said, true = sum(predicted), sum(gold)
    return 1.0 if said + true == 0 else 2 * tp / (said + true)


def proposed(mode: str, threshold: float, probability: float, pattern_hit: bool) -> bool:
    """Whether a sentence gets the tag, the way ``mode`` proposes it."""
    if mode == PATTERNS:
        return pattern_hit
    return probability >= threshold or (mode == EITHER and pattern_hit)


def choose(probabilities: Sequence[float], pattern_hits: Sequence[bool], gold: Sequence[bool], *, ready: bool) -> Gate:
    """The gate of one tag from the held-out sentences' model probabilities, pattern hits
    and gold; the model's ways are considered only when ``ready`` (enough examples)."""
    patterns_f1 = f1(pattern_hits, gold)
    best = Gate(patterns_f1, patterns_f1, sum(gold))
    if not ready:
        return best
    for mode in (EITHER, MODEL):
        for threshold in THRESHOLDS:
            said = [proposed(mode, threshold, p, hit) for p, hit in zip(probabilities, pattern_hits, strict=True)]
            score = f1(said, gold)
            if score > best.learned_f1:
                best = Gate(score, patterns_f1, sum(gold), mode, threshold)
    return best
