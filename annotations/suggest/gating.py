"""A tag's gate: how the tag is best proposed, judged out of fold on the store's sentences.

Every stored sentence has the probability of a model that never trained on its article
(:mod:`annotations.suggest.learner`). On those, the patterns alone are compared with the
patterns *or* the model (the model adds what the analyst tags where no pattern fires,
the patterns' hits stay) at probability thresholds from 0.9 down to 0.3. A threshold is
kept only when what the model adds there is at least as precise as the patterns' own
hits (a tag added at a lower precision raises F1 on the store's sentences but loses it
on articles labelled by another hand), adds at least :data:`MIN_ADDED` right tags, and
beats the patterns' F1 by :data:`MARGIN`; the best F1 of those kept wins, and without
any the patterns keep the tag. The model alone (:data:`MODEL`, the patterns' hits left
out) is not chosen: it lost F1 on other hands' articles in every setting tried
(``benchmarks/bench_learning.py --cv``, README "Learned suggester").
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
#: Probability thresholds tried, the most cautious first (a tie keeps the earlier).
THRESHOLDS = (0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3)
#: Right tags the model must add (out of fold) beyond the patterns' before it is used.
MIN_ADDED = 3
#: How much better than the patterns' F1 the patterns or the model must be.
MARGIN = 0.01
#: The precision floor of the model's additions when the patterns propose nothing for the tag.
MIN_PRECISION = 0.75


@dataclass
class Gate:
    """The last check of a tag out of fold: the chosen way, its threshold and F1, the
    patterns' F1, and the sentences with the tag it was judged on."""

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


def precision_floor(pattern_hits: Sequence[bool], gold: Sequence[bool]) -> float:
    """The precision the model's additions must reach: the patterns' on these sentences."""
    said = sum(pattern_hits)
    right = sum(h and g for h, g in zip(pattern_hits, gold, strict=True))
    return right / said if said else MIN_PRECISION


def choose(probabilities: Sequence[float], pattern_hits: Sequence[bool], gold: Sequence[bool], *, ready: bool) -> Gate:
    """The gate of one tag from the stored sentences' out-of-fold probabilities, pattern
    hits and gold; the model is considered only when ``ready`` (enough examples)."""
    patterns_f1 = f1(pattern_hits, gold)
    best = Gate(patterns_f1, patterns_f1, sum(gold))
    if not ready:
        return best
    floor = precision_floor(pattern_hits, gold)
    for threshold in THRESHOLDS:
        added = [p >= threshold and not hit for p, hit in zip(probabilities, pattern_hits, strict=True)]
        right = sum(a and g for a, g in zip(added, gold, strict=True))
        score = f1([a or hit for a, hit in zip(added, pattern_hits, strict=True)], gold)
        if right >= MIN_ADDED and right >= floor * sum(added) and score >= patterns_f1 + MARGIN and score > best.learned_f1:
            best = Gate(score, patterns_f1, sum(gold), EITHER, threshold)
    return best
