"""A record's links, both ways, as the reader shows and follows them: those it holds
(stored on their start only), those of this article's records that lead to it (indexed
once per change, never per key), and those from other articles of the store (found by
a worker: :func:`links_from_elsewhere`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from annotations.model import Article, storable_path
from annotations.store.folder import Store
from annotations.store.records import LinkEnd, Record

from ...widgets.verdict_panel import LinkLine

EndKey = tuple[int, int | None, int | None]
"""Where a link ends in an article: the sentence, and the span's start and end (None: the whole sentence)."""


def end_key(sentence: int, span: Mapping[str, object] | None) -> EndKey:
    """The key of a place in the article (see :data:`EndKey`)."""
    if span is None:
        return (sentence, None, None)
    start, end = span["start"], span["end"]
    assert isinstance(start, int) and isinstance(end, int)
    return (sentence, start, end)


def record_key(record: Record) -> EndKey:
    """Where ``record`` is."""
    return end_key(record["sentence"], record.get("span"))


def to_key(end: LinkEnd) -> EndKey:
    """Where a link's end is, in its article."""
    return end_key(end["sentence"], end.get("span"))


class ArticlePlace:
    """Which article is "here": its path as stored and its content hash."""

    def __init__(self, article: Article, content: str | None) -> None:
        self.path = storable_path(article.path)
        self.content = content or ""

    def holds(self, end: LinkEnd) -> bool:
        """Whether a link's end is in this article (by content where both have one, else by path)."""
        if end["content"] and self.content:
            return end["content"] == self.content
        return end["path"] == self.path


def incoming(records: Iterable[Record], place: ArticlePlace, *, path: str = "") -> dict[EndKey, list[LinkLine]]:
    """The links of ``records`` that lead into the article at ``place``, by where they
    end (``path``: the records' article, "" for this one)."""
    found: dict[EndKey, list[LinkLine]] = {}
    for record in records:
        for link in record.get("links", ()):
            if place.holds(link["to"]):
                line = LinkLine(link["as"], False, path, record["sentence"], record["text"], record["annotator"])
                found.setdefault(to_key(link["to"]), []).append(line)
    return found


def links_from_elsewhere(store: Store, place: ArticlePlace, skip: Path) -> dict[EndKey, list[LinkLine]]:
    """The links from every other article of ``store`` into the article at ``place``
    (a whole-store read: run it off the UI thread)."""
    found: dict[EndKey, list[LinkLine]] = {}
    for file in store.stored_files():
        try:
            if file.path == skip:
                continue
            path = str(file.meta.get("path", ""))
            for key, lines in incoming(file.records(), place, path=path).items():
                found.setdefault(key, []).extend(lines)
        finally:
            file.close()
    return found


class ArticleLinks:
    """The links of one article's records, both ways, by where they are."""

    def __init__(self, place: ArticlePlace, article: Article) -> None:
        self.place = place
        self.article = article
        self._incoming: dict[EndKey, list[LinkLine]] = {}
        self._elsewhere: dict[EndKey, list[LinkLine]] = {}
        self._grades: dict[tuple[EndKey, str], str] = {}

    def index(self, records: Iterable[Record]) -> None:
        """Index the links this article's records hold that lead into it, and the sources' grades."""
        records = list(records)
        self._incoming = incoming(records, self.place)
        self._grades = {(record_key(r), r["annotator"]): str(r["grade"]) for r in records if r.get("grade")}

    def found_elsewhere(self, found: Mapping[EndKey, list[LinkLine]]) -> None:
        """The links from other articles' records into this one (a worker found them)."""
        self._elsewhere = dict(found)

    def of(self, records: Iterable[Record], key: EndKey) -> list[LinkLine]:
        """Every link of the place ``key``: those its ``records`` hold (every annotator's), then those to it."""
        lines: list[LinkLine] = []
        for record in records:
            for link in record.get("links", ()):
                lines.append(self.outgoing(link["as"], link["to"], record["annotator"]))
        return lines + self._incoming.get(key, []) + self._elsewhere.get(key, [])

    def outgoing(self, kind: str, to: LinkEnd, annotator: str) -> LinkLine:
        """A link a record holds, as shown (the other end's words, or its sentence here)."""
        span = to.get("span")
        if self.place.holds(to):
            number = to["sentence"]
            quote = span["quote"] if span else self.article.sentence(number).text if number <= len(self.article.sentences) else ""
            return LinkLine(kind, True, "", number, quote, annotator, self._grades.get((to_key(to), annotator), ""))
        return LinkLine(kind, True, to["path"], to["sentence"], span["quote"] if span else "", annotator)
