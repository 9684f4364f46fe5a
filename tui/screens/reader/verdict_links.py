"""A record's links, both ways, as the reader shows and follows them: those it holds
(stored on their start only), those of this article's records that lead to it (indexed
once per change, never per key), and those from other articles of the store (found by
a worker: :func:`links_from_elsewhere`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from annotations.model import Article, storable_path
from annotations.store.folder import Store
from annotations.store.link_moves import Follower
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
    """Which article is "here": its path as stored, its content hash and where its
    records' places went at its last edits (see :mod:`annotations.store.link_moves`)."""

    def __init__(self, article: Article, content: str | None, moves: object = None) -> None:
        self.path = storable_path(article.path)
        self.content = content or ""
        self.moves = moves

    def holds(self, end: LinkEnd) -> bool:
        """Whether a link's end is in this article (by content where both have one, else by path)."""
        if end["content"] and self.content:
            return end["content"] == self.content
        return end["path"] == self.path

    def now(self, end: LinkEnd) -> LinkEnd | None:
        """``end`` as it is in this article now (followed through its edits), or None
        when it is not in this article (or its place here is gone)."""
        if self.holds(end):
            return end
        if not self.moves or not end["content"] or not self.content:
            return None
        from annotations.store.link_moves import current_end

        return current_end(end, self.content, self.moves)

    def lost(self, end: LinkEnd) -> bool:
        """Whether ``end`` names an older text of this article whose place is gone."""
        return bool(end["content"]) and end["path"] == self.path and self.now(end) is None


def incoming(records: Iterable[Record], place: ArticlePlace, *, path: str = "") -> dict[EndKey, list[LinkLine]]:
    """The links of ``records`` that lead into the article at ``place``, by where they
    end (``path``: the records' article, "" for this one)."""
    found: dict[EndKey, list[LinkLine]] = {}
    for record in records:
        for link in record.get("links", ()):
            now = place.now(link["to"])
            if now is not None:
                line = LinkLine(link["as"], False, path, record["sentence"], record["text"], record["annotator"])
                found.setdefault(to_key(now), []).append(line)
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
        self._follower: Follower | None = None

    def index(self, records: Iterable[Record]) -> None:
        """Index the links this article's records hold that lead into it, and the sources' grades."""
        records = list(records)
        self._incoming = incoming(records, self.place)
        self._grades = {(record_key(r), r["annotator"]): str(r["grade"]) for r in records if r.get("grade")}

    def found_elsewhere(self, found: Mapping[EndKey, list[LinkLine]], follower: Follower | None = None) -> None:
        """The links from other articles' records into this one (a worker found them),
        and how links into other articles follow their edits (see :mod:`annotations.store.link_moves`)."""
        self._elsewhere = dict(found)
        self._follower = follower

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
        now = self.place.now(to)
        if now is not None:
            number = now["sentence"]
            quote = span["quote"] if span else self.article.sentence(number).text if number <= len(self.article.sentences) else ""
            return LinkLine(kind, True, "", number, quote, annotator, self._grades.get((to_key(now), annotator), ""))
        if self.place.lost(to):  # a sentence of this article, gone in an edit
            return LinkLine(kind, True, "", to["sentence"], span["quote"] if span else "", annotator, lost=True)
        if self._follower is not None and self._follower.gone(to):  # a sentence of the other article, gone in an edit
            return LinkLine(kind, True, to["path"], to["sentence"], span["quote"] if span else "", annotator, lost=True)
        number = self._follower.end(to)["sentence"] if self._follower is not None else to["sentence"]
        return LinkLine(kind, True, to["path"], number, span["quote"] if span else "", annotator, end=to)
