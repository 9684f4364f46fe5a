"""The learned suggester's models: one linear classifier per tag, trained incrementally.

Each tag has a :class:`TagModel`: scikit-learn's ``SGDClassifier`` (logistic loss)
over hashed features (:mod:`annotations.suggest.features`, the patterns' hits among
them: the model learns when to trust a pattern), updated with ``partial_fit`` on the
examples it has not seen, a tag's rarer side weighted up. Every example is trained on;
beside the model, :data:`FOLDS` fold models each leave out the articles of one fold
(chosen by a hash of the article, so always the same), which gives every stored
sentence a probability from a model that never saw its article. On those out-of-fold
probabilities each update checks how the tag is best proposed (its *gate*,
:mod:`annotations.suggest.gating`). scikit-learn is imported here only, and this
module only where a model is trained or used (never on the start path, never on a key).
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

#: Fold models (each leaves out one fold of articles) that give the out-of-fold probabilities.
FOLDS = 4
#: Trained examples a tag needs, with at least this many of each side, before it can be used.
MIN_EXAMPLES = 8
#: Stored sentences with the tag, judged out of fold, a gate needs before it can open.
MIN_HELD_POSITIVES = 8
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
    """A tagged sentence of the store: its text, its tags (none: looked at, untagged) and
    the article it is in (``group``: any string naming it; empty: the sentence alone)."""

    text: str
    tags: frozenset[str]
    group: str = ""

    @property
    def key(self) -> str:
        """The sentence's key (its text's hash) with its tags: a changed tag is a new example."""
        return sentence_key(self.text) + ":" + ",".join(sorted(self.tags))

    @property
    def fold(self) -> int:
        """The fold whose model never trains on it (by its article, or its text alone)."""
        return int(sentence_key(self.group or self.text), 16) % FOLDS


def _identity(features: list[str]) -> list[str]:
    return features


def vectorizer() -> Any:
    """The hashing vectorizer over feature lists (no vocabulary: nothing to fit)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=_identity, n_features=N_FEATURES, alternate_sign=False, norm="l2")


def _classifier() -> Any:
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(loss="log_loss", alpha=ALPHA, random_state=0)


@dataclass
class TagModel:
    """One tag's classifier, its fold models, and what it was trained on."""

    tag: str
    classifier: Any = None
    folds: list[Any] = field(default_factory=list)
    positives: int = 0
    negatives: int = 0
    gate: Gate = field(default_factory=Gate)

    @property
    def enough(self) -> bool:
        """Whether it has seen enough examples of both sides to be checked."""
        return self.positives >= MIN_EXAMPLES and self.negatives >= MIN_EXAMPLES

    def fit(self, rows: Any, labels: Sequence[int], folds: Sequence[int] = ()) -> None:
        """One incremental update on ``rows`` (a sparse matrix) and their 0/1 labels; each
        fold model is updated on the rows of the other folds (``folds``: each row's)."""
        self.positives += sum(labels)
        self.negatives += len(labels) - sum(labels)
        weight = self.positive_weight
        self.classifier = _partial_fit(self.classifier, rows, labels, weight, range(len(labels)))
        if not folds:
            return
        self.folds += [None] * (FOLDS - len(self.folds))
        for fold in range(FOLDS):
            others = [i for i, f in enumerate(folds) if f != fold]
            if others:
                self.folds[fold] = _partial_fit(self.folds[fold], rows, labels, weight, others)

    @property
    def positive_weight(self) -> float:
        """How much a sentence with the tag counts when the tag is the rarer side (the
        ratio of all examples so far, at most :data:`MAX_CLASS_WEIGHT`)."""
        return min(MAX_CLASS_WEIGHT, max(1.0, self.negatives / max(self.positives, 1)))

    def probabilities(self, rows: Any) -> list[float]:
        """The probability of the tag for each row (0.0 before any training)."""
        return _probabilities(self.classifier, rows)

    def out_of_fold(self, rows: Any, folds: Sequence[int]) -> list[float]:
        """Each row's probability from the fold model that never trained on its fold."""
        found = [0.0] * len(folds)
        for fold in range(min(FOLDS, len(self.folds))):
            index = [i for i, f in enumerate(folds) if f == fold]
            if index:
                for i, p in zip(index, _probabilities(self.folds[fold], rows[index]), strict=True):
                    found[i] = p
        return found


def _partial_fit(classifier: Any, rows: Any, labels: Sequence[int], weight: float, index: Sequence[int]) -> Any:
    """``classifier`` (a new one if None) updated on the ``index`` rows: :data:`PASSES`
    shuffled passes in one ``partial_fit`` call (each call costs time in proportion to
    the hashed feature space, whatever the rows)."""
    classifier = classifier if classifier is not None else _classifier()
    shuffle = random.Random(len(index) + sum(labels))
    order: list[int] = []
    for _ in range(PASSES):
        one_pass = list(index)
        shuffle.shuffle(one_pass)
        order += one_pass
    chosen = [labels[i] for i in order]
    classifier.partial_fit(rows[order], chosen, classes=[0, 1], sample_weight=[weight if label else 1.0 for label in chosen])
    return classifier


def _probabilities(classifier: Any, rows: Any) -> list[float]:
    if classifier is None:
        return [0.0] * rows.shape[0]
    return [float(p) for p in classifier.predict_proba(rows)[:, 1]]


@dataclass
class LearnedModels:
    """Every tag's model, the examples already trained on, and the latest example of
    each stored sentence (judged out of fold by the gates)."""

    tags: tuple[str, ...]
    models: dict[str, TagModel] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    examples: dict[str, Example] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for tag in self.tags:
            self.models.setdefault(tag, TagModel(tag))

    def used_tags(self) -> frozenset[str]:
        """Tags whose model passed its gate: the learned suggester proposes these."""
        return frozenset(tag for tag, model in self.models.items() if model.gate.open)

    def owned_tags(self) -> frozenset[str]:
        """Tags the model decides alone (the patterns' suggestions for them left out)."""
        return frozenset(tag for tag, model in self.models.items() if model.gate.mode == MODEL)

    def outdated(self, examples: Iterable[Example], article: str | None = None) -> bool:
        """Whether an example trained on is no longer among ``examples`` (its sentence's tags
        changed, or it is no example any more): ``examples`` are the whole store's, or
        (``article``: their group) that article's alone. Training cannot take an example
        back, so outdated models are trained again from scratch."""
        keys = {e.key for e in examples}
        if article is None:
            return not self.seen <= keys
        return any(e.key not in keys for e in self.examples.values() if e.group == article)

    def update(self, examples: Iterable[Example], patterns: PatternSet) -> int:
        """Train on the examples not seen yet, then check every tag's gate; returns how
        many examples were new."""
        new = [e for e in examples if e.key not in self.seen]
        if not new:
            return 0
        self.seen.update(e.key for e in new)
        self.examples.update((sentence_key(e.text), e) for e in new)
        rows = self.rows([e.text for e in new], patterns)
        folds = [e.fold for e in new]
        for tag, model in self.models.items():
            model.fit(rows, [int(tag in e.tags) for e in new], folds)
        self.check_gates(patterns)
        return len(new)

    def rows(self, texts: Sequence[str], patterns: PatternSet) -> Any:
        """The sentences' hashed features."""
        return vectorizer().transform([sentence_features(text, patterns) for text in texts])

    def check_gates(self, patterns: PatternSet) -> None:
        """Choose, per tag, how it is proposed (:func:`~annotations.suggest.gating.choose`)
        from the fold models' and the patterns' answers on every stored sentence."""
        stored = list(self.examples.values())
        rows = self.rows([e.text for e in stored], patterns)
        folds = [e.fold for e in stored]
        for tag, model in self.models.items():
            gold = [tag in e.tags for e in stored]
            pattern_said = [_pattern_hit(patterns, tag, e.text) for e in stored]
            ready = model.enough and sum(gold) >= MIN_HELD_POSITIVES
            model.gate = choose(model.out_of_fold(rows, folds), pattern_said, gold, ready=ready)

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
