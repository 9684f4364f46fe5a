"""Agreement between annotators on spans (words inside a sentence), per tag.

Beside the sentence-level figures of :mod:`annotations.team.agreement` (which count
whole-sentence records only), ``newsmark agree`` compares the span records: for each
pair of annotators who both read an article (a record on it), over those articles,

- **exact-match F1**: a span of one matches a span of the other on the very same words
  (same sentence, same offsets): ``2 · matched / (spans of one + spans of the other)``;
- **token-overlap F1**: the words (``\\w+`` runs of the sentence) each one's spans cover,
  compared: ``2 · shared / (words of one + words of the other)``, so "300,000 shells"
  against "about 300,000 shells" counts for most of its words.

F1 is symmetric (neither annotator is the reference), as span annotation tools report
agreement. With three or more annotators the figure is the mean over the pairs with a
defined figure, each pair listed. Only anchored span records count (orphans have no
place to compare), and the final layer is no annotator. A figure is None when neither
annotator of a pair tagged words with the tag.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.store.records import Record
from annotations.team.agreement import RatedArticle, readers_of

_WORD = re.compile(r"\w+")

_Span = tuple[str, int, int, int]
"""(article path, sentence, start, end)."""
_Token = tuple[str, int, int]
"""(article path, sentence, word start)."""


@dataclass
class SpanPair:
    """Two annotators' spans of one tag on the articles both read."""

    first: str
    second: str
    spans: tuple[int, int]
    """How many spans each tagged there."""
    exact_f1: float | None
    token_f1: float | None


@dataclass
class SpanAgreement:
    """The span-level figures of one tag."""

    tag: str
    annotators: list[str]
    spans: int
    """Span records with the tag (anchored, every annotator but the final layer)."""
    exact_f1: float | None
    token_f1: float | None
    pairs: list[SpanPair] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The tag's entry under ``spans`` of ``agree --json``."""
        return {
            "spans": self.spans,
            "exact_f1": self.exact_f1,
            "token_f1": self.token_f1,
            "annotators": list(self.annotators),
            "pairs": [
                {"annotators": [p.first, p.second], "spans": list(p.spans), "exact_f1": p.exact_f1, "token_f1": p.token_f1}
                for p in self.pairs
            ],
        }


def _words_covered(path: str, record: Record) -> set[_Token]:
    """The words of the record's sentence its span touches."""
    span = record["span"]
    return {
        (path, record["sentence"], m.start()) for m in _WORD.finditer(record["text"]) if m.start() < span["end"] and m.end() > span["start"]
    }


class _Tally:
    """What two annotators tagged, summed over the articles both read."""

    def __init__(self) -> None:
        self.spans: list[set[_Span]] = [set(), set()]
        self.words: list[set[_Token]] = [set(), set()]

    def figures(self, first: str, second: str) -> SpanPair:
        (a, b), (ta, tb) = self.spans, self.words
        exact = 2 * len(a & b) / (len(a) + len(b)) if a or b else None
        token = 2 * len(ta & tb) / (len(ta) + len(tb)) if ta or tb else None
        return SpanPair(first, second, (len(a), len(b)), exact, token)


def _mean(values: Sequence[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def span_agreement(articles: Sequence[RatedArticle], tag: str, exclude: Collection[str] = ()) -> SpanAgreement:
    """The span-level figures of ``tag`` over ``articles`` (``exclude``: the final layer)."""
    tallies: dict[tuple[str, str], _Tally] = {}
    everyone: set[str] = set()
    count = 0
    for article in articles:
        readers = readers_of(article, exclude)
        everyone.update(readers)
        spans: dict[str, set[_Span]] = {name: set() for name in readers}
        words: dict[str, set[_Token]] = {name: set() for name in readers}
        for record in article.records:
            span = record.get("span")
            if span is None or record.get("orphan") or tag not in record["tags"] or record["annotator"] not in spans:
                continue
            count += 1
            spans[record["annotator"]].add((article.path, record["sentence"], span["start"], span["end"]))
            words[record["annotator"]] |= _words_covered(article.path, record)
        for first, second in itertools.combinations(readers, 2):
            tally = tallies.setdefault((first, second), _Tally())
            for side, name in enumerate((first, second)):
                tally.spans[side] |= spans[name]
                tally.words[side] |= words[name]
    pairs = [tally.figures(first, second) for (first, second), tally in sorted(tallies.items())]
    return SpanAgreement(
        tag=tag,
        annotators=sorted(everyone),
        spans=count,
        exact_f1=_mean([p.exact_f1 for p in pairs]),
        token_f1=_mean([p.token_f1 for p in pairs]),
        pairs=pairs if len(pairs) > 1 else [],
    )


def span_agreements(articles: Sequence[RatedArticle], tags: Sequence[str], exclude: Collection[str] = ()) -> dict[str, SpanAgreement]:
    """:func:`span_agreement` of each tag, in the order given."""
    return {tag: span_agreement(articles, tag, exclude) for tag in tags}
