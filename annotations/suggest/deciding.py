"""Accepting and rejecting suggestions on an open article: each one undoable step that
keeps the decisions it counted, so undo and redo (in the reader or from the command
line, after a restart too) move the counts that mute a pattern back and forth. Taking an
accepted tag off again (its key, clearing the sentence, ``tag --remove``) takes its accept
back the same way (:func:`removing`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from annotations.store.article_annotations import ArticleAnnotations, Change
from annotations.suggest.decisions import (
    ACCEPTED,
    Decisions,
    DecisionStep,
    Verdict,
    read_decisions,
    record_step,
    replay_step,
    sentence_key,
)
from annotations.suggest.model import Suggestion

#: The name an undo step keeps its decisions on suggestions under (see :class:`Change`).
EFFECT = "suggestion_decisions"

Chosen = Sequence[tuple[Suggestion, str]]
"""Suggestions, each with the text of its sentence (as the decisions file keys them)."""


def decide(annotations: ArticleAnnotations, chosen: Chosen, *, accepted: bool) -> tuple[Change, Decisions]:
    """Accept ``chosen`` (tag their sentences, as the annotator) or reject them (never
    proposed there again), as one undoable step, counting each pattern once per sentence:
    the change made and the store's decisions now. If the article cannot be changed,
    nothing is counted."""
    store_root = annotations.store.root
    decisions, step = record_step(store_root, chosen, accepted=accepted)
    try:
        change = _apply(annotations, chosen, step, accepted=accepted)
    except BaseException:
        replay_step(store_root, step, undo=True)
        raise
    if not change and step:
        decisions = replay_step(store_root, step, undo=True)
    return change, decisions


def untag(annotations: ArticleAnnotations, sentences: Sequence[int], tag: str) -> tuple[Change, Decisions | None]:
    """Take ``tag`` off ``sentences`` as one undoable step, taking back the accepts of it
    counted there (see :func:`removing`)."""
    return removing(annotations, sentences, [tag], lambda effects: annotations.edits.edit(sentences, remove=[tag], effects=effects))


def clear(annotations: ArticleAnnotations, sentences: Sequence[int]) -> tuple[Change, Decisions | None]:
    """Take every tag of the annotator off ``sentences`` as one undoable step, taking back
    the accepts of them counted there (see :func:`removing`)."""
    own = {tag for number in sentences for tag in annotations.own_tags(number)}
    return removing(annotations, sentences, own, lambda effects: annotations.edits.clear(sentences, effects=effects))


def removing(
    annotations: ArticleAnnotations, sentences: Sequence[int], tags: Collection[str], change: Callable[[dict[str, Any] | None], Change]
) -> tuple[Change, Decisions | None]:
    """Make ``change`` (a step taking ``tags`` off ``sentences``, called with the effects
    the step keeps); an accept of one of ``tags`` counted on those sentences is taken back
    with it (as undoing the accept would), and counted again if the step is undone: the
    change made, and the store's decisions now (None if none changed). A tag the analyst
    removes no longer counts for the pattern that proposed it."""
    store_root = annotations.store.root
    keys = sorted({sentence_key(annotations.article.sentence(number).text) for number in sentences})
    decided = read_decisions(store_root).decided if tags else {}
    step = DecisionStep(
        [
            Verdict(name, key, ACCEPTED, None)
            for name, verdicts in sorted(decided.items())
            if pattern_tag(name) in tags
            for key in keys
            if verdicts.get(key) == ACCEPTED
        ]
    )
    if not step:
        return change(None), None
    decisions = replay_step(store_root, step, undo=False)
    try:
        made = change({EFFECT: step.to_json()})
    except BaseException:
        replay_step(store_root, step, undo=True)
        raise
    if not made:
        decisions = replay_step(store_root, step, undo=True)
    return made, decisions


def pattern_tag(name: str) -> str:
    """The tag a pattern suggests: ``TAG/ID`` for the patterns, ``learned/TAG`` for the learned suggester."""
    head, _, rest = name.partition("/")
    return rest if head == "learned" else head


def _label(chosen: Chosen, *, accepted: bool) -> str:
    """``accept suggested figure``, or ``reject suggestions`` for several tags."""
    tags = sorted({suggestion.tag for suggestion, _ in chosen})
    verb = "accept" if accepted else "reject"
    return f"{verb} suggested {tags[0]}" if len(tags) == 1 else f"{verb} suggestions"


def _apply(annotations: ArticleAnnotations, chosen: Chosen, step: DecisionStep, *, accepted: bool) -> Change:
    """The article's side of a decision: the tags added, or a step of the rejection alone."""
    effects = {EFFECT: step.to_json()} if step else None
    label = _label(chosen, accepted=accepted)
    if accepted:
        by_sentence: dict[int, list[str]] = {}
        for suggestion, _ in chosen:
            tags = by_sentence.setdefault(suggestion.sentence, [])
            if suggestion.tag not in tags:
                tags.append(suggestion.tag)
        return annotations.edits.add_each(by_sentence, label, effects=effects)
    if effects is None:  # every one was rejected already
        return Change(label, ())
    return annotations.edits.effect_step(label, sorted({s.sentence for s, _ in chosen}), effects)


def follow(store_root: Path, change: Change, *, redo: bool) -> Decisions | None:
    """After an undo (or ``redo``) of ``change``: take back (or make again) the decisions
    its step counted; the store's decisions now (None if it counted none)."""
    payload = (change.effects or {}).get(EFFECT)
    if payload is None:
        return None
    return replay_step(store_root, DecisionStep.from_json(payload), undo=not redo)
