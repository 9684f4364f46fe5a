"""Links between records: a claim ``attributed-to`` the source it comes from (usually
in the same article), a claim that ``corroborates`` or ``contradicts`` another (in any
article of the store).

A link is stored once, on the record it starts from (``links: [{as, to: {path,
content, sentence[, span]}}]``: the other end named by its article's path and
content hash, its sentence and, for words, their span), and shown from both ends: the
record's own links are its ``links``; the links that lead to it are found by
:func:`incoming_links`, over every article of the store. A link starts at a checkable
record of the annotator (a claim); linking and unlinking are undoable steps like any
other change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import NamedTuple

from annotations.errors import StoreError
from annotations.model import Article, storable_path
from annotations.store.article_file import ArticleFile
from annotations.store.article_state import ArticleState, Change
from annotations.store.folder import ARTICLES_DIR, Store, article_key
from annotations.store.identity import content_hash, read_alias
from annotations.store.records import LINK_KINDS, Link, LinkEnd, Record
from annotations.store.spans import Words, span_of, words_of
from annotations.store.verdicts import SOURCE_TAG, Target, Verdicts, own_record, where


class LinkView(NamedTuple):
    """One link as seen from one of its ends: its kind, whether it leads out of the
    record or into it, whose it is, and the record at its other end."""

    kind: str
    outgoing: bool
    annotator: str
    other: LinkEnd
    """The other end (for an incoming link: the record it starts from)."""


def end_of(article: Article, target: Target, content: str | None = None) -> LinkEnd:
    """The link end naming ``target`` in ``article`` (its content hash computed unless given)."""
    number = target if isinstance(target, int) else target.sentence
    end: LinkEnd = {
        "path": storable_path(article.path),
        "content": (content if content is not None else content_hash(article)) or "",
        "sentence": number,
    }
    if isinstance(target, Words):
        end["span"] = span_of(article.sentence(number).text, target.start, target.end)
    return end


def end_of_record(record: Record, content: str) -> LinkEnd:
    """The link end naming ``record`` (in an article whose content hash is ``content``)."""
    end: LinkEnd = {"path": record["article"]["path"], "content": content, "sentence": record["sentence"]}
    if "span" in record:
        end["span"] = record["span"]
    return end


def _words(end: LinkEnd) -> tuple[int, int] | None:
    span = end.get("span")
    return (span["start"], span["end"]) if span is not None else None


def same_end(one: LinkEnd, other: LinkEnd) -> bool:
    """Whether two ends name the same record: the same article (by content, or by path
    where either lacks one), sentence and words."""
    same_article = one["content"] == other["content"] if one["content"] and other["content"] else one["path"] == other["path"]
    return same_article and one["sentence"] == other["sentence"] and _words(one) == _words(other)


def links_into(records: Iterable[Record], end: LinkEnd, content: str, moves: object = None) -> list[LinkView]:
    """The links of ``records`` (of an article whose content hash is ``content``) that
    lead to ``end`` (``moves``: those of ``end``'s article, to follow a link made on an
    older text of it to where its sentence is now: see :mod:`~annotations.store.link_moves`)."""
    return [
        LinkView(link["as"], False, record["annotator"], end_of_record(record, content))
        for record in records
        for link in record.get("links", ())
        if same_end(_followed(link["to"], end["content"], moves), end)
    ]


def _followed(to: LinkEnd, content: str, moves: object) -> LinkEnd:
    """``to`` where it is now in the article whose text is ``content`` (itself when it
    names another article, or its place is gone)."""
    if not moves or not to["content"] or to["content"] == content:
        return to
    from annotations.store.link_moves import current_end

    return current_end(to, content, moves) or to


def incoming_links(store: Store, end: LinkEnd, *, skip: str | None = None, moves: object = None) -> list[LinkView]:
    """Every link in ``store`` that leads to ``end``, from any article (``skip``: the
    store file of an article the caller reads itself, open and fresher; ``moves``: those
    of ``end``'s article, see :func:`links_into`)."""
    found: list[LinkView] = []
    for file in store.stored_files():
        if skip is not None and str(file.path) == skip:
            continue
        content = str(file.meta.get("content") or "")
        found.extend(links_into(file.records(), end, content, moves))
    return found


def records_at_end(store: Store, end: LinkEnd) -> list[Record] | None:
    """The stored records of the article ``end`` is in (every annotator's, found by
    content, then path), or None when the store holds no such article."""
    for file in store.stored_files():
        if _holds(file.meta, end):
            return file.records()
    return None


StoredRecords = Callable[[LinkEnd], list[Record] | None]
"""How a link's other end's stored records are read (None: its article is not in the store)."""


def _holds(meta: dict[str, object], end: LinkEnd) -> bool:
    """Whether a store file's ``meta`` is the article ``end`` is in (by content, else path)."""
    content = str(meta.get("content") or "")
    return (content == end["content"]) if (content and end["content"]) else (meta.get("path") == end["path"])


def records_by_alias(store: Store, end: LinkEnd) -> list[Record] | None:
    """The stored records of the article ``end`` is in, read from the one file its
    content's alias or its path names (no scan of the store), else as
    :func:`records_at_end` finds them."""
    keys = [read_alias(store.root, "c", end["content"]) if end["content"] else None, article_key(end["path"])]
    keys.append(read_alias(store.root, "p", article_key(end["path"])))
    for key in dict.fromkeys(k for k in keys if k):
        stored = store.root / ARTICLES_DIR / f"{key}.json"
        if not stored.is_file():
            continue
        file = ArticleFile.open(stored, read_only=True, bulk=True)
        try:
            if _holds(file.meta, end):
                return file.records()
        finally:
            file.close()
    return records_at_end(store, end)


def check_other_end(records: Iterable[Record], end: LinkEnd, kind: str, checkable: Iterable[str]) -> None:
    """Refuse a ``kind`` link to ``end`` unless a record there has what such a link leads
    to: a ``source`` tag for ``attributed-to``, a checkable tag (a claim) otherwise."""
    wanted = {SOURCE_TAG} if kind == "attributed-to" else set(checkable)
    there = (r for r in records if not r.get("orphan") and r["sentence"] == end["sentence"] and _record_words(r) == _words(end))
    if not any(set(r["tags"]) & wanted for r in there):
        what = "source" if kind == "attributed-to" else " or ".join(sorted(wanted))
        article = "an" if kind[0] in "aeiou" else "a"
        leads = "source" if kind == "attributed-to" else "claim"
        raise StoreError(None, f"{_shown(end)} is not tagged {what}: {article} {kind} link leads to a {leads}")


def _record_words(record: Record) -> tuple[int, int] | None:
    span = record.get("span")
    return (span["start"], span["end"]) if span is not None else None


def _shown(end: LinkEnd) -> str:
    """A link end as an error names it: ``NAME#N``, with the words for a span."""
    span = end.get("span")
    words = f' ("{span["quote"]}")' if span is not None else ""
    return f"{PurePath(end['path']).name}#{end['sentence']}{words}"


class Links:
    """One annotator's links from the records of one open article, and the links into them."""

    def __init__(self, state: ArticleState, verdicts: Verdicts) -> None:
        self.state = state
        self.verdicts = verdicts

    def end(self, target: Target) -> LinkEnd:
        """The link end naming ``target`` in this article."""
        return end_of(self.state.article, target, self.state.content or "")

    def links(self, target: Target) -> list[LinkView]:
        """Every link of ``target``: those its records start (every annotator's), then
        those that lead to it from any article of the store."""
        number = target if isinstance(target, int) else target.sentence
        words = None if isinstance(target, int) else target
        here = [r for r in self.state.view.at(number) + self.state.view.spans_at(number) if words_of(r) == words]
        out = [LinkView(link["as"], True, r["annotator"], link["to"]) for r in here for link in r.get("links", ())]
        return out + self.incoming(target)

    def incoming(self, target: Target) -> list[LinkView]:
        """The links that lead to ``target``, from this article and every other in the store."""
        end, moves = self.end(target), self.state.moves()
        own = links_into(self.state.view.all(), end, self.state.content or "", moves)
        return own + incoming_links(self.state.store, end, skip=str(self.state.file.path), moves=moves)

    def link(self, target: Target, other: LinkEnd, kind: str, *, stored: StoredRecords | None = None) -> Change:
        """Link the claim on ``target`` to ``other`` as ``kind`` (see :data:`LINK_KINDS`);
        a link already there changes nothing. ``stored`` reads the other article's records
        (default: :func:`records_at_end`, a read of the store's files; a caller that read
        them off the UI thread passes them)."""
        record = self._start(target, kind)
        if same_end(other, self.end(target)):
            raise StoreError(self.state.article.path, f"{where(self.state, target)} cannot be linked to itself")
        self._check_other(other, kind, stored or (lambda end: records_at_end(self.state.store, end)))
        link: Link = {"as": kind, "to": other}
        if any(existing["as"] == kind and same_end(existing["to"], other) for existing in record.get("links", ())):
            return Change("link", ())
        label = f"link {where(self.state, target)} {kind} {_named(other, self.end(target))}"
        return self.verdicts.change_one(label, target, lambda changed: changed.__setitem__("links", [*changed.get("links", []), link]))

    def unlink(self, target: Target, other: LinkEnd, kind: str) -> Change:
        """Remove the ``kind`` link from the claim on ``target`` to ``other``; one clear error if there is none."""
        record = self._start(target, kind)
        kept = [link for link in record.get("links", ()) if not (link["as"] == kind and same_end(link["to"], other))]
        if len(kept) == len(record.get("links", ())):
            raise StoreError(
                self.state.article.path, f"{where(self.state, target)} has no {kind} link to {_named(other, self.end(target))}"
            )

        def mutate(changed: Record) -> None:
            if kept:
                changed["links"] = kept
            else:
                changed.pop("links", None)

        return self.verdicts.change_one(f"unlink {where(self.state, target)} {kind} {_named(other, self.end(target))}", target, mutate)

    def _check_other(self, other: LinkEnd, kind: str, stored: StoredRecords) -> None:
        """Refuse a link to a record that is not in the store or not what ``kind`` leads to."""
        here = self.end(1)
        same = (other["content"] and other["content"] == here["content"]) or other["path"] == here["path"]
        records = self.state.view.all() if same else stored(other)
        if records is None:
            raise StoreError(other["path"], "no annotations of this article are in the store: open it and tag the sentence first")
        check_other_end(records, other, kind, self.state.schema.checkable)

    def _start(self, target: Target, kind: str) -> Record:
        """This annotator's checkable record on ``target``, where a ``kind`` link may start."""
        if kind not in LINK_KINDS:
            raise StoreError(None, f"unknown link kind {kind!r} (known: {', '.join(LINK_KINDS)})")
        own_record(self.state, target)
        return self.verdicts.claim_record(target, "only a claim links to another record")


def _named(end: LinkEnd, here: LinkEnd) -> str:
    """How a label names a link's other end: ``sentence N`` in the same article, else
    ``NAME#N`` (the article file's name)."""
    if (end["content"] and end["content"] == here["content"]) or end["path"] == here["path"]:
        return f"sentence {end['sentence']}"
    return f"{PurePath(end['path']).name}#{end['sentence']}"
