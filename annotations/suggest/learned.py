"""The learned suggester: a tag proposed by the store's own model, for the tags where
the model (beside the patterns, or alone) beats the patterns on the store's held-out
sentences (:mod:`annotations.suggest.gating`).

The models are trained off the keys (:mod:`annotations.suggest.training`, by
``newsmark suggest`` or, for the reader, in the learning process of
:mod:`annotations.suggest.learn_service`) and put on :data:`SHELF` of that process; the
suggester reads whatever is on the shelf when it suggests. With nothing there, or no
tag past its gate, it proposes nothing and the patterns decide every tag. The reader's
own process never trains: it asks the learning process instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from annotations.model import Sentence
from annotations.suggest.learner import LearnedModels
from annotations.suggest.model import Suggestion
from annotations.suggest.patterns import PatternSet


class ModelShelf:
    """The latest trained models of this process, shared between the thread that trains
    them and the one that suggests (a lock guards the swap; the models are never changed
    once shelved: an update trains a copy read from the cache)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._models: LearnedModels | None = None
        self._patterns: PatternSet | None = None

    def put(self, models: LearnedModels | None, patterns: PatternSet | None = None) -> None:
        """Shelve ``models`` (None takes them off), trained with ``patterns`` as features."""
        with self._lock:
            self._models, self._patterns = models, patterns

    def get(self) -> tuple[LearnedModels | None, PatternSet | None]:
        """The shelved models and the patterns they were trained with."""
        with self._lock:
            return self._models, self._patterns


SHELF = ModelShelf()


class LearnedSuggester:
    """Proposes, for each tag past its gate, the sentences the model gives the tag (above
    the tag's threshold); the reason names the strongest features. Where the model alone
    decides a tag, the patterns' suggestions for it are left out (:meth:`owned_tags`);
    where it decides beside them, both propose."""

    name = "learned"

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns

    def owned_tags(self) -> frozenset[str]:
        """The tags the model decides alone (past their gate)."""
        models, _ = SHELF.get()
        return frozenset() if models is None else models.owned_tags()

    def suggest(self, sentences: Iterable[Sentence], muted: frozenset[str] = frozenset()) -> list[Suggestion]:
        """Suggestions for ``sentences`` on the tags past their gate (a tag's learned
        suggestions muted by the analyst's rejections, ``learned/TAG``, are left out)."""
        models, trained_with = SHELF.get()
        if models is None or trained_with is None:
            return []
        tags = [t for t in models.used_tags() if f"learned/{t}" not in muted]
        sentence_list = list(sentences)
        if not tags or not sentence_list:
            return []
        rows = models.rows([s.text for s in sentence_list], trained_with)
        found: list[Suggestion] = []
        for tag in tags:
            model = models.models[tag]
            for sentence, p in zip(sentence_list, model.probabilities(rows), strict=True):
                if p >= model.gate.threshold:
                    strongest = ", ".join(models.strongest(tag, sentence.text, trained_with))
                    reason = f"learned: p={p:.2f} ({strongest})"
                    found.append(
                        Suggestion(sentence.number, tag, reason, (f"learned/{tag}",), certainty=_certainty(p, model.gate.threshold))
                    )
        return found


def _certainty(probability: float, threshold: float) -> float:
    """How far the probability is from the tag's threshold, 0 (on it) to 1 (at 0 or 1)."""
    span = 1.0 - threshold if probability >= threshold else threshold
    return min(1.0, abs(probability - threshold) / span)
