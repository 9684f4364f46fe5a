"""``newsmark suggest``'s ``--accept`` and ``--reject``: which suggestions they name (all,
one sentence's, one tag on one sentence), checked before anything is stored, then
decided: the accepts as one undoable change, the rejects as another."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from annotations.schema import TagSchema

from .common import UsageError, tag_names

if TYPE_CHECKING:
    from annotations.store.article_annotations import ArticleAnnotations
    from annotations.suggest.decisions import Decisions
    from annotations.suggest.model import Suggestion

#: What a bare ``--accept`` or ``--reject`` stands for: every suggestion listed.
ALL = "all"
_SPEC = re.compile(r"(\d+)(?::(.+))?")
ACCEPTED, REJECTED = "accepted", "rejected"

Verdicts = dict[tuple[int, str], str]
"""``accepted`` or ``rejected`` by (sentence, tag)."""


class Choice(NamedTuple):
    """One ``--accept`` or ``--reject``: on a sentence (None: every one), a tag (None: every one)."""

    accepted: bool
    sentence: int | None
    tag: str | None
    given: str
    """As typed, for errors: ``--accept 3:f``."""


def decision_choices(args: argparse.Namespace, schema: TagSchema) -> list[Choice]:
    """The ``--accept`` and ``--reject`` values, their tags checked (name or key letter); a
    value that is no ``N[:TAG]`` given before the article is the article
    (``newsmark suggest --accept article.txt``, as the bare flag was always written)."""
    choices: list[Choice] = []
    for accepted, option, values in ((True, "--accept", args.accept), (False, "--reject", args.reject)):
        for value in values or ():
            match = _SPEC.fullmatch(value.strip())
            if value == ALL:
                choices.append(Choice(accepted, None, None, option))
            elif match is None and args.file is None:
                args.file = value
                choices.append(Choice(accepted, None, None, option))
            elif match is None:
                raise UsageError(None, f"suggest: {option} {value!r}: not N or N:TAG (a sentence number, then a tag's name or key)")
            else:
                tag = _tag(match.group(2), schema, f"{option} {value}") if match.group(2) else None
                choices.append(Choice(accepted, int(match.group(1)), tag, f"{option} {value}"))
    return choices


def _tag(name: str, schema: TagSchema, given: str) -> str:
    """A choice's tag (name or key letter); one line naming the option for one not known."""
    from annotations.errors import ConfigError

    try:
        return schema.require(tag_names([name], schema))[0]
    except ConfigError as error:
        raise UsageError(None, f"suggest: {given}: {error.reason}") from None


def _picked(found: Sequence[Suggestion], choice: Choice, sentences: int) -> list[Suggestion]:
    """The suggestions ``choice`` names; a sentence the article lacks, or one without
    such a suggestion, is refused in one line."""
    number = choice.sentence
    if number is None:
        return [s for s in found if choice.tag in (None, s.tag)]
    if not 1 <= number <= sentences:
        raise UsageError(None, f"suggest: {choice.given}: no sentence {number} (the article has sentences 1-{sentences})")
    there = [s for s in found if s.sentence == number]
    picked = [s for s in there if choice.tag in (None, s.tag)]
    if not picked:
        what = f"{choice.tag} is not suggested on sentence {number}" if choice.tag else f"nothing is suggested on sentence {number}"
        listed = ", ".join(s.tag for s in there) or "nothing"
        raise UsageError(None, f"suggest: {choice.given}: {what} (suggested there: {listed})")
    return picked


def verdicts_for(found: Sequence[Suggestion], choices: Sequence[Choice], sentences: int) -> Verdicts:
    """What each choice decides, by (sentence, tag); a suggestion both accepted and rejected is refused."""
    verdicts: Verdicts = {}
    for choice in choices:
        verdict = ACCEPTED if choice.accepted else REJECTED
        for suggestion in _picked(found, choice, sentences):
            key = (suggestion.sentence, suggestion.tag)
            if verdicts.setdefault(key, verdict) != verdict:
                raise UsageError(None, f"suggest: {suggestion.tag} on sentence {suggestion.sentence} is both accepted and rejected")
    return verdicts


def decide_chosen(
    annotations: ArticleAnnotations, found: Sequence[Suggestion], choices: Sequence[Choice]
) -> tuple[list[Suggestion], Verdicts, Decisions]:
    """Decide what ``choices`` name among ``found`` (every choice checked first: nothing is
    stored if one is wrong): the suggestions decided, their verdicts, the store's decisions now."""
    from annotations.suggest.deciding import decide
    from annotations.suggest.decisions import read_decisions

    article = annotations.article
    verdicts = verdicts_for(found, choices, len(article.sentences))
    decided = [s for s in found if (s.sentence, s.tag) in verdicts]
    decisions = read_decisions(annotations.store.root)
    for verdict in (ACCEPTED, REJECTED):
        chosen = [(s, article.sentence(s.sentence).text) for s in decided if verdicts[(s.sentence, s.tag)] == verdict]
        if chosen:
            decisions = decide(annotations, chosen, accepted=verdict == ACCEPTED)[1]
    return decided, verdicts, decisions


def with_verdict(item: dict[str, object], verdicts: Verdicts) -> dict[str, object]:
    """A suggestion's JSON with ``"decision"`` when one was made on it."""
    verdict = verdicts.get((int(str(item["sentence"])), str(item["tag"])))
    return {**item, "decision": verdict} if verdict else item


def decided_summary(verdicts: Verdicts) -> str:
    """``2 accepted as your tags, 1 rejected; newsmark undo takes each back``."""
    accepted = sum(v == ACCEPTED for v in verdicts.values())
    rejected = len(verdicts) - accepted
    return f"{accepted} accepted as your tags, {rejected} rejected; newsmark undo takes each back"
