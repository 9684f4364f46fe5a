"""Several annotators' readings of one article: who read it, who tagged what.

An annotator has *read* an article when they have a record on it (see
:mod:`annotations.team.agreement`). :func:`sentence_readings` gives, for one sentence,
what the reader's who-tagged-what view shows: every reading of it, whether the readers
agree and whether it has a note (the interface draws the marker).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from annotations.store.views import RecordView


def readers(view: RecordView, exclude: Collection[str] = ()) -> list[str]:
    """The annotators with a record on the article, sorted (``exclude``: left out)."""
    return sorted({r["annotator"] for r in view.all()} - set(exclude))


def readings(view: RecordView, sentence: int) -> dict[str, list[str]]:
    """Each annotator's tags on ``sentence`` (only annotators with a record there)."""
    return {r["annotator"]: list(r["tags"]) for r in sorted(view.at(sentence), key=lambda r: r["annotator"])}


def agree(view: RecordView, sentence: int, who: Sequence[str]) -> bool:
    """Whether everyone in ``who`` gave ``sentence`` the same tags (none counts too)."""
    given = readings(view, sentence)
    return len({frozenset(given.get(name, ())) for name in who}) <= 1


class SentenceReadings(NamedTuple):
    """Who tagged one sentence what, whether they agree, and whether it has a note."""

    tags: dict[str, list[str]]
    """Each annotator's tags, in the order asked for (only annotators who tagged it, and
    the final layer when it settled the sentence with no tag: an empty list)."""
    agree: bool | None
    """Whether the readers compared gave it the same tags (None: fewer than two compared)."""
    noted: bool
    """Whether anyone wrote a note on it."""
    noters: tuple[str, ...] = ()
    """Who wrote a note on it, in the order asked for."""


def sentence_readings(view: RecordView, sentence: int, who: Sequence[str], *, final: str = "") -> SentenceReadings:
    """The readings of ``sentence`` by the annotators in ``who``; ``final``: the final
    layer, among the tags but no party to the agreement (it settles only disputes)."""
    given = readings(view, sentence)
    compared = [name for name in who if name != final]
    agreed = len({frozenset(given.get(name, ())) for name in compared}) <= 1 if len(compared) > 1 else None
    return SentenceReadings(
        {name: given[name] for name in who if given.get(name) or (name == final and name in given)},  # final: none settles too
        agreed,
        any(r["note"] for r in view.at(sentence)),
        tuple(name for name in who if any(r["note"] and r["annotator"] == name for r in view.at(sentence))),
    )
