"""The learned suggester's models: one linear classifier per tag, trained incrementally.

Each tag has a :class:`TagModel`: scikit-learn's ``SGDClassifier`` (logistic loss)
over hashed features (:mod:`annotations.suggest.features`, the patterns' hits among
them: the model learns when to trust a pattern), updated with ``partial_fit`` on the
examples it has not seen, a tag's rarer side weighted up. One store sentence in
:data:`HOLD_OUT_EVERY` (chosen by the hash of its text, so always the same one) is never
trained on: it is held out to check, on each update, how the tag is best proposed (its
*gate*, :mod:`annotations.suggest.gating`): by the patterns alone, by the patterns or the
model, or by the model alone, and above which probability.
scikit-learn is imported here only, and this module only where a model is trained or
used (never on the start path, never on a key).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.suggest.decisions import sentence_key
from annotations.suggest.features import sentence_features
from annotations.suggest.gating import MODEL, Gate, choose
from annotations.suggest.patterns import PatternSet

#: One sentence in this many (by its text's hash) is held out for the gate.
HOLD_OUT_EVERY = 4
#: Trained examples a tag needs, with at least this many of each side, before it can be used.
MIN_EXAMPLES = 8
#: Held-out sentences with the tag a gate needs before it can open.
MIN_HELD_POSITIVES = 3
#: The most a tag's positive examples are weighted up when they are the rarer side.
MAX_CLASS_WEIGHT = 4.0
#: The regularisation strength.
ALPHA = 1e-4
#: Passes over each new batch of examples (a batch is one article's or a few sentences).
PASSES = 8
#: Hashed feature space.
N_FEATURES = 1 << 18


@dataclass(frozen=True)
class Example:
    """A tagged sentence of the store: its text and its tags (none: looked at, untagged)."""

    text: str
    tags: frozenset[str]

    @property
    def key(self) -> str:
        """The sentence's key (its text's hash) with its tags: a changed tag is a new example."""
        return sentence_key(self.text) + ":" + ",".join(sorted(self.tags))

    @property
    def held_out(self) -> bool:
        """Whether the sentence is kept for the gate (never trained on)."""
        return int(sentence_key(self.text), 16) % HOLD_OUT_EVERY == 0


def _identity(features: list[str]) -> list[str]:
    return features


def vectorizer() -> Any:
    """The hashing vectorizer over feature lists (no vocabulary: nothing to fit)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=_identity, n_features=N_FEATURES, alternate_sign=False, norm="l2")


@dataclass
class TagModel:
    """One tag's classifier and what it was trained on."""

    tag: str
    classifier: Any = None
    positives: int = 0
    negatives: int = 0
    gate: Gate = field(default_factory=Gate)

    @property
    def enough(self) -> bool:
        """Whether it has seen enough examples of both sides to be checked."""
        return self.positives >= MIN_EXAMPLES and self.negatives >= MIN_EXAMPLES

    def fit(self, rows: Any, labels: Sequence[int]) -> None:
        """One incremental update on ``rows`` (a sparse matrix) and their 0/1 labels."""
        from sklearn.linear_model import SGDClassifier

        if self.classifier is None:
            self.classifier = SGDClassifier(loss="log_loss", alpha=ALPHA, random_state=0)
        self.positives += sum(labels)
        self.negatives += len(labels) - sum(labels)
        weights = [self.positive_weight if label else 1.0 for label in labels]
        order = list(range(len(labels)))
        shuffle = random.Random(len(labels) + self.positives)
        for _ in range(PASSES):
            shuffle.shuffle(order)
            self.classifier.partial_fit(rows[order], [labels[i] for i in order], classes=[0, 1], sample_weight=[weights[i] for i in order])

    @property
    def positive_weight(self) -> float:
        """How much a sentence with the tag counts when the tag is the rarer side (the
        ratio of all examples so far, at most :data:`MAX_CLASS_WEIGHT`)."""
        return min(MAX_CLASS_WEIGHT, max(1.0, self.negatives / max(self.positives, 1)))

    def probabilities(self, rows: Any) -> list[float]:
        """The probability of the tag for each row (0.0 before any training)."""
        if self.classifier is None:
            return [0.0] * rows.shape[0]
        return [float(p) for p in self.classifier.predict_proba(rows)[:, 1]]


@dataclass
class LearnedModels:
    """Every tag's model, the examples already trained on, and the held-out sentences."""

    tags: tuple[str, ...]
    models: dict[str, TagModel] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    held: dict[str, Example] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for tag in self.tags:
            self.models.setdefault(tag, TagModel(tag))

    def used_tags(self) -> frozenset[str]:
        """Tags whose model passed its gate: the learned suggester proposes these."""
        return frozenset(tag for tag, model in self.models.items() if model.gate.open)

    def owned_tags(self) -> frozenset[str]:
        """Tags the model decides alone (the patterns' suggestions for them left out)."""
        return frozenset(tag for tag, model in self.models.items() if model.gate.mode == MODEL)

    def update(self, examples: Iterable[Example], patterns: PatternSet) -> int:
        """Train on the examples not seen yet (held-out ones only kept), then check every
        tag's gate; returns how many examples were new."""
        new = [e for e in examples if e.key not in self.seen]
        self.seen.update(e.key for e in new)
        training = []
        for example in new:
            if example.held_out:
                self.held[sentence_key(example.text)] = example
            else:
                training.append(example)
        if training:
            rows = self.rows([e.text for e in training], patterns)
            for tag, model in self.models.items():
                model.fit(rows, [int(tag in e.tags) for e in training])
        if new:
            self.check_gates(patterns)
        return len(new)

    def rows(self, texts: Sequence[str], patterns: PatternSet) -> Any:
        """The sentences' hashed features."""
        return vectorizer().transform([sentence_features(text, patterns) for text in texts])

    def check_gates(self, patterns: PatternSet) -> None:
        """Choose, per tag, how it is proposed (:func:`~annotations.suggest.gating.choose`)
        from the model's and the patterns' answers on the held-out sentences."""
        held = list(self.held.values())
        rows = self.rows([e.text for e in held], patterns) if held else None
        for tag, model in self.models.items():
            gold = [tag in e.tags for e in held]
            pattern_said = [_pattern_hit(patterns, tag, e.text) for e in held]
            probabilities = model.probabilities(rows) if rows is not None else []
            ready = model.enough and sum(gold) >= MIN_HELD_POSITIVES
            model.gate = choose(probabilities, pattern_said, gold, ready=ready)

    def strongest(self, tag: str, text: str, patterns: PatternSet, count: int = 3) -> list[str]:
        """The features of ``text`` that pushed most towards ``tag`` (weight times value)."""
        from sklearn.utils import murmurhash3_32

        model = self.models[tag]
        if model.classifier is None:
            return []
        weights = model.classifier.coef_[0]
        row = self.rows([text], patterns)
        scored = {}
        for feature in set(sentence_features(text, patterns)):
            index = abs(murmurhash3_32(feature, seed=0)) % N_FEATURES  # where HashingVectorizer puts it
            scored[feature] = float(weights[index]) * float(row[0, index])
        return [f for f, w in sorted(scored.items(), key=lambda item: -item[1]) if w > 0][:count]


def _pattern_hit(patterns: PatternSet, tag: str, text: str) -> bool:
    encoded = text.encode("utf-8", "surrogatepass")
    return any(p.find(encoded) is not None for p in patterns.get(tag, ()))
