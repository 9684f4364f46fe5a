"""A picture of the corpus: the figures the library's dashboard and the HTML brief draw.

Made from one :class:`ArticleFacts` per article (what the store holds for it, its
publication date, where its reader left off: see :mod:`annotations.library.dashboard_facts`
for the library's articles; the brief makes them from its export entries):

- **tags per article over publication date**: per day (per month once there are more
  than :data:`MAX_DAYS` days) the tags given to that period's articles (as ``stats``
  counts them: :func:`article_tags`), divided by its
  articles; articles without a readable date (front matter ``date``, else ``published``)
  are one group apart, :attr:`Dashboard.undated`;
- **claims by status**: each record tagged ``claim`` by its ``status`` (``unverified``
  when it has none), in the order of the verdict scale given, other statuses after it;
- **the most-cited sources**: each record tagged ``source`` grouped by the source it
  names (see :mod:`annotations.library.source_names`: a pronoun counts under
  :data:`PRONOUN`, a sentence naming nobody under :data:`UNNAMED`);
- **each annotator's progress**: articles opened, sentences read, sentences tagged
  (see :class:`Progress`).

Plain Python: the interface draws these numbers, the core never holds a picture.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotations.library.source_names import count_sources, source_name

#: More distinct publication days than this: the figure counts by month.
MAX_DAYS = 31
#: How many sources the most-cited list keeps.
TOP_SOURCES = 10
#: A claim's status when its record has none (until a verdict is given).
UNVERIFIED = "unverified"
#: The front matter fields a publication date is read from, first found wins.
DATE_FIELDS = ("date", "published", "published_at", "pubdate")


@dataclass(frozen=True)
class ArticleFacts:
    """What the dashboard needs of one article."""

    path: str
    date: str | None
    """Its publication day (``YYYY-MM-DD``), None when it has no readable date."""
    records: tuple[Mapping[str, Any], ...] = ()
    """Its records on sentences (orphans left out)."""
    position: int | None = None
    """The sentence its reader was on when last left (None: never opened)."""


@dataclass(frozen=True)
class DateGroup:
    """The articles published in one period (or without a date) and the tags they carry."""

    period: str
    articles: int
    tags: int

    @property
    def per_article(self) -> float:
        """Tags per article, unrounded (the figures print it with :func:`rate`)."""
        return self.tags / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class Progress:
    """One annotator's progress over the articles pictured.

    ``articles``: the articles they opened in the reader: those the store keeps a
    reading position for, which only the reader's leaving saves (tagging from the
    command line or an import opens nothing); ``read``: the sentences up to where they
    left each article, added up. Both are known only for the store's own annotator: the
    store keeps one reading position per article, its owner's; a colleague's are in
    their own store, so None. ``tagged``: the sentences they tagged (whole or words)."""

    annotator: str
    articles: int | None
    read: int | None
    tagged: int


@dataclass(frozen=True)
class Dashboard:
    """Every figure of the corpus (see the module's doc)."""

    articles: int
    by_date: tuple[DateGroup, ...]
    undated: DateGroup | None
    claims: tuple[tuple[str, int], ...]
    sources: tuple[tuple[str, int], ...]
    progress: tuple[Progress, ...]

    @property
    def empty(self) -> bool:
        """Whether there is nothing to picture: no tag given, no article opened."""
        return not self.progress and not any(g.tags for g in self.date_groups())

    def date_groups(self) -> tuple[DateGroup, ...]:
        """The dated periods, then the undated group if any."""
        return self.by_date + ((self.undated,) if self.undated else ())


def publication_day(meta: Mapping[str, Any] | None) -> str | None:
    """The publication day of an article's front matter (``YYYY-MM-DD``), or None: ISO
    8601 (a date or a time) or an e-mail style date (``Tue, 15 Nov 2026 08:12:31 GMT``)."""
    for name in DATE_FIELDS:
        value = (meta or {}).get(name)
        if isinstance(value, str) and value.strip():
            return _day(value.strip())
    return None


def _day(text: str) -> str | None:
    try:
        return _dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def build_dashboard(
    facts: Iterable[ArticleFacts], *, reader: str = "", scale: Sequence[str] = (UNVERIFIED,), top: int = TOP_SOURCES
) -> Dashboard:
    """The figures of ``facts``' articles; ``reader`` is the store's own annotator (the
    reading positions are theirs), ``scale`` the verdict statuses in their order."""
    articles = list(facts)
    claims: Counter[str] = Counter()
    cited: list[str] = []
    for article in articles:
        for record in article.records:
            tags = record.get("tags") or ()
            if "claim" in tags:
                claims[str(record.get("status") or UNVERIFIED)] += 1
            if "source" in tags:
                cited.append(source_name(record))
    # every status of the scale (a zero says something), then any the scale does not know
    order = list(scale) + sorted(set(claims) - set(scale)) if claims else []
    sources = count_sources(cited)
    by_date, undated = _date_groups(articles)
    return Dashboard(
        articles=len(articles),
        by_date=by_date,
        undated=undated,
        claims=tuple((status, claims[status]) for status in order),
        sources=tuple(sorted(sources.items(), key=lambda pair: (-pair[1], pair[0].casefold()))[:top]),
        progress=_progress(articles, reader),
    )


def _date_groups(articles: Sequence[ArticleFacts]) -> tuple[tuple[DateGroup, ...], DateGroup | None]:
    """Articles and tags per publication day (per month past :data:`MAX_DAYS` days), and the undated ones."""
    days = {a.date for a in articles if a.date}
    cut = 7 if len(days) > MAX_DAYS else 10
    counts: dict[str | None, list[int]] = {}
    for article in articles:
        period = article.date[:cut] if article.date else None
        totals = counts.setdefault(period, [0, 0])
        totals[0] += 1
        totals[1] += len(article_tags(article.records))
    dated = tuple(DateGroup(period, n, tags) for period, (n, tags) in sorted((p, c) for p, c in counts.items() if p is not None))
    none = counts.get(None)
    return dated, (DateGroup("no date", none[0], none[1]) if none else None)


def article_tags(records: Sequence[Mapping[str, Any]]) -> set[tuple[int, str]]:
    """An article's tags as ``stats`` counts them: each tag of a sentence once, whoever gave
    it (the final layer too) and whether on the sentence or its words; orphans apart."""
    return {(r["sentence"], tag) for r in records if not r.get("orphan") and "sentence" in r for tag in r.get("tags") or ()}


def _progress(articles: Sequence[ArticleFacts], reader: str) -> tuple[Progress, ...]:
    """Each annotator's articles opened, sentences read and sentences tagged, by name:
    whoever has a record, and ``reader`` once they opened an article."""
    people: set[str] = set()
    tagged: dict[str, set[tuple[str, int]]] = {}
    for article in articles:
        for record in article.records:
            name = str(record.get("annotator", ""))
            people.add(name)
            if record.get("tags"):
                tagged.setdefault(name, set()).add((article.path, int(record.get("sentence", 0))))
    positioned = [a for a in articles if a.position is not None] if reader else []
    if positioned:
        people.add(reader)
    opened = len({a.path for a in positioned})
    read = sum(a.position or 0 for a in positioned)
    return tuple(
        Progress(name, opened if name == reader else None, read if name == reader else None, len(tagged.get(name, ())))
        for name in sorted(people)
    )


#: What the dashboard and the brief say when there is nothing to picture.
EMPTY = "Nothing to picture yet: no article here has been tagged or opened."
#: The figures' titles, in the order :func:`captions` describes them.
TITLES = ("Tags per article by publication date", "Claims by status", "Most-cited sources", "Each annotator's progress")
#: The series of the progress figure.
PROGRESS_SERIES = ("articles opened", "sentences read", "sentences tagged")


def captions(dashboard: Dashboard) -> tuple[str, str, str, str]:
    """Each figure's exact numbers in one line, in :data:`TITLES` order."""
    dates = " · ".join(f"{g.period}: {g.articles} art., {g.tags} tags ({rate(g.per_article)}/article)" for g in dashboard.by_date)
    if dashboard.undated:
        undated = dashboard.undated
        dates += f"{' · ' if dates else ''}without a date (apart): {undated.articles} art., {undated.tags} tags ({rate(undated.per_article)}/article)"
    claims = " · ".join(f"{status} {count}" for status, count in dashboard.claims) or "no claim tagged"
    sources = " · ".join(f"{name} {count}" for name, count in dashboard.sources) or "no source tagged"
    progress = " · ".join(
        f"{p.annotator}: {_known(p.articles)} opened, {_known(p.read)} read, {p.tagged} tagged" for p in dashboard.progress
    )
    return dates or "no article", claims, sources, progress or "nobody has opened or tagged an article"


def rate(value: float) -> str:
    """``value`` as the figures print a rate: to one decimal from 1 up (``3``, ``2.5``), to
    two significant figures below (``0.036``: 18 tags over 501 articles is not ``0``)."""
    if value <= 0:
        return "0"
    digits = 1 if value >= 1 else 1 - math.floor(math.log10(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def visible_bars(values: Sequence[float], cells: int) -> list[float]:
    """``values`` as bars ``cells`` high at most: a value above zero but under one cell
    (``max / cells``) raised to one cell, so that no count above zero draws as no bar
    (the exact numbers are in the caption)."""
    top = max(values, default=0.0)
    least = top / cells if cells > 0 else 0.0
    return [max(value, least) if value > 0 else value for value in values]


def _known(count: int | None) -> str:
    return "—" if count is None else str(count)


def progress_series(dashboard: Dashboard) -> tuple[list[str], list[list[int]], list[str]]:
    """The progress figure's annotators, its three series (an unknown count as 0: the
    caption says ``—``) and their names (:data:`PROGRESS_SERIES`)."""
    people = dashboard.progress
    series = [[p.articles or 0 for p in people], [p.read or 0 for p in people], [p.tagged for p in people]]
    return [p.annotator for p in people], series, list(PROGRESS_SERIES)
