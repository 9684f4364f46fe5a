"""Agreement between annotators, per tag, sentence by sentence (``newsmark agree``).

**Items** are the sentences of the articles. An annotator with at least one record on
an article (anchored or orphaned, tags or only a note) has read it: each of its
sentences is a *yes* for a tag if their record on it holds the tag, else a *no*. An
annotator with no record on an article did not read it: their ratings of its
sentences are *missing*. The final (adjudicated) layer is no annotator here.

Per tag: Cohen's kappa for two annotators (on the sentences both rated), a pairwise
table of Cohen's kappa and Fleiss' kappa (on the sentences every annotator rated) for
three or more, Krippendorff's alpha (nominal, missing ratings allowed; computed by the
``krippendorff`` package, imported only here), the number of items (sentences rated by
at least two annotators: the ones alpha counts) and the sentences where they disagree.
A figure that is undefined (everybody gave every sentence the same value) is None.
Tags on words inside a sentence (span records) are not a sentence's tags here: they
are compared by :mod:`annotations.team.span_agreement`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.corpus import stored_articles
from annotations.store.folder import Store
from annotations.store.records import Record


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' values on the same items (None if chance agreement is 1)."""
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    total = len(first)
    if not total:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    categories = set(first) | set(second)
    expected = sum((list(first).count(c) / total) * (list(second).count(c) / total) for c in categories)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa from a table of items × categories: how many raters put each item in
    each category (every item rated by the same number of raters, at least two)."""
    if not counts:
        return None
    raters = sum(counts[0])
    if raters < 2 or any(sum(row) != raters for row in counts):
        raise ValueError("Fleiss' kappa needs the same number (2 or more) of ratings on every item")
    items = len(counts)
    per_item = [(sum(n * n for n in row) - raters) / (raters * (raters - 1)) for row in counts]
    observed = sum(per_item) / items
    shares = [sum(row[j] for row in counts) / (items * raters) for j in range(len(counts[0]))]
    expected = sum(p * p for p in shares)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(ratings: Sequence[Sequence[int | None]]) -> float | None:
    """Krippendorff's alpha (nominal) of raters × items, None for a missing rating (None
    when fewer than two values occur among the items that count, as alpha is undefined)."""
    pairable = [[row[i] for row in ratings if row[i] is not None] for i in range(len(ratings[0]) if ratings else 0)]
    values = {v for column in pairable if len(column) >= 2 for v in column}
    if len(values) < 2:
        return None
    import krippendorff  # numpy and krippendorff: only when agreement is asked for
    import numpy

    data = numpy.array([[numpy.nan if v is None else float(v) for v in row] for row in ratings], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@dataclass(frozen=True)
class RatedArticle:
    """One article as agreement sees it: its sentences and every annotator's records."""

    path: str
    title: str
    sentences: int
    records: list[Record]
    """Anchored records (on a sentence of the current text) and orphans alike."""


@dataclass(frozen=True)
class Disagreement:
    """A sentence on which the annotators who read the article disagree about a tag."""

    path: str
    sentence: int
    annotators: dict[str, bool]

    def as_json(self) -> dict[str, Any]:
        """``{"path", "sentence", "annotators": {name: tagged}}``."""
        return {"path": self.path, "sentence": self.sentence, "annotators": dict(self.annotators)}


@dataclass
class TagAgreement:
    """The figures of one tag."""

    tag: str
    annotators: list[str]
    items: int
    kappa: float | None
    kappa_kind: str
    """``cohen`` (two annotators) or ``fleiss`` (three or more), or ``""`` (fewer than two)."""
    alpha: float | None
    pairwise: list[tuple[str, str, float | None, int]] = field(default_factory=list)
    """For three or more annotators: (first, second, Cohen's kappa, items both rated)."""
    disagreements: list[Disagreement] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The tag's entry of ``agree --json``."""
        result: dict[str, Any] = {
            "kappa": self.kappa,
            "kappa_kind": self.kappa_kind,
            "alpha": self.alpha,
            "items": self.items,
            "annotators": list(self.annotators),
        }
        if self.pairwise:
            result["pairwise"] = [{"annotators": [a, b], "kappa": k, "items": n} for a, b, k, n in self.pairwise]
        result["disagreements"] = [d.as_json() for d in self.disagreements]
        return result


def readers_of(article: RatedArticle, exclude: Collection[str]) -> list[str]:
    """The annotators who read an article (have a record on it), sorted."""
    return sorted({r["annotator"] for r in article.records} - set(exclude))


def rating_table(
    articles: Iterable[RatedArticle], tag: str, exclude: Collection[str]
) -> tuple[list[str], list[tuple[str, int, dict[str, bool]]]]:
    """Every annotator, and per sentence (path, number) the ratings of those who read it."""
    rows: list[tuple[str, int, dict[str, bool]]] = []
    everyone: set[str] = set()
    for article in articles:
        readers = readers_of(article, exclude)
        everyone.update(readers)
        tagged = {(r["annotator"], r["sentence"]) for r in article.records if not r.get("orphan") and "span" not in r and tag in r["tags"]}
        for sentence in range(1, article.sentences + 1):
            rows.append((article.path, sentence, {name: (name, sentence) in tagged for name in readers}))
    return sorted(everyone), rows


def tag_agreement(articles: Sequence[RatedArticle], tag: str, exclude: Collection[str] = ()) -> TagAgreement:
    """The agreement figures of ``tag`` over ``articles`` (``exclude``: the final layer)."""
    annotators, rows = rating_table(articles, tag, exclude)
    pairable = [row for row in rows if len(row[2]) >= 2]
    ratings = [[None if name not in row[2] else int(row[2][name]) for row in pairable] for name in annotators]
    result = TagAgreement(
        tag=tag,
        annotators=annotators,
        items=len(pairable),
        kappa=None,
        kappa_kind="",
        alpha=krippendorff_alpha(ratings) if pairable else None,
        disagreements=[Disagreement(path, sentence, given) for path, sentence, given in pairable if len(set(given.values())) > 1],
    )
    if len(annotators) == 2:
        result.kappa, _ = _pair(pairable, *annotators)
        result.kappa_kind = "cohen"
    elif len(annotators) > 2:
        result.pairwise = [(a, b, *_pair(pairable, a, b)) for a, b in itertools.combinations(annotators, 2)]
        complete = [row[2] for row in pairable if len(row[2]) == len(annotators)]
        counts = [[sum(not v for v in given.values()), sum(given.values())] for given in complete]
        result.kappa = fleiss_kappa(counts)
        result.kappa_kind = "fleiss"
    return result


def _pair(rows: Sequence[tuple[str, int, dict[str, bool]]], first: str, second: str) -> tuple[float | None, int]:
    """Cohen's kappa of two annotators on the sentences both rated, and how many those are."""
    both = [given for _, _, given in rows if first in given and second in given]
    return cohen_kappa([g[first] for g in both], [g[second] for g in both]), len(both)


def rated_store(store: Store, schema: TagSchema, cache: SentenceCache | None = None) -> list[RatedArticle]:
    """Every stored article as agreement sees it: read from its path when it is there
    (its sentence count); else its records as stored, up to the last sentence they name."""
    rated = []
    for stored in stored_articles(store, cache=cache, schema=schema, read_text=True):
        records = stored.view.all()
        if stored.article is not None:
            article = stored.article
            rated.append(RatedArticle(article.path, article.title, len(article.sentences), records))
        else:  # not on this machine (imported), or changed: its records are all there is
            last = max((r["sentence"] for r in records if not r.get("orphan")), default=0)
            rated.append(RatedArticle(stored.path, stored.title, last, records))
    return rated


def agreement(articles: Sequence[RatedArticle], tags: Sequence[str], exclude: Collection[str] = ()) -> dict[str, TagAgreement]:
    """:func:`tag_agreement` of each tag, in the order given."""
    return {tag: tag_agreement(articles, tag, exclude) for tag in tags}


def agreement_json(
    articles: Sequence[RatedArticle],
    figures: dict[str, TagAgreement],
    exclude: Collection[str] = (),
    spans: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """``{"articles": [{"path", "title", "sentences", "annotators"}], "tags": {tag: {...}}}``
    (``exclude``: annotators left out, as for the figures), and ``"spans": {tag: {...}}``
    when ``spans`` (each tag's span-level figures as JSON) are given."""
    document: dict[str, Any] = {
        "articles": [{"path": a.path, "title": a.title, "sentences": a.sentences, "annotators": readers_of(a, exclude)} for a in articles],
        "tags": {tag: figure.as_json() for tag, figure in figures.items()},
    }
    if spans is not None:
        document["spans"] = spans
    return document
