"""Link ends that follow their sentence when its article changes.

A link end names its article by content hash and its place by sentence number (and
words); an edit of that article renumbers its sentences. When the store re-anchors the
records of a changed text it learns where each annotated place went: every sentence (and
words) a record was on, old place → new place. That map is kept in the article's store
file (``moves``: each earlier content hash, the content it became and where its places
went; the newest :data:`MOVES_KEPT` edits), and:

- the links of the article's own records into it (a claim ``attributed-to`` its source in
  the same article) are re-pointed at once (:func:`relinked`);
- a link from another article is followed through the map when it is read
  (:func:`current_end`): it leads to its sentence as it is now, or to nothing when that
  sentence is gone — never to whatever sentence took its number.

A link only leads to a record (a claim or a source), so every place a link can end at is
a place some record was on when the text changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from annotations.store.records import Link, LinkEnd, Record, copy_record

MOVES_KEPT = 16
"""How many of an article's edits its store file remembers the moves of."""

Moves = dict[str, dict[str, Any]]
"""``{old content: {"to": newer content, "at": {old place: new place}}}`` (see :func:`place`)."""


def place(sentence: int, span: Mapping[str, Any] | None = None) -> str:
    """A place in an article as the moves name it: ``"4"``, or ``"4:10:22"`` for words."""
    return str(sentence) if span is None else f"{sentence}:{span['start']}:{span['end']}"


def places_moved(before: Iterable[Record], after: Mapping[str, Record]) -> dict[str, str]:
    """Where each place of ``before`` went: the records re-anchored (``after``, by id)
    name their new place; a record that became an orphan names none. A whole sentence
    moves where a record on it moved."""
    moved: dict[str, str] = {}
    sentences: dict[str, str] = {}
    for record in before:
        if record.get("orphan"):
            continue
        now = after.get(record["id"], record)
        if now.get("orphan"):
            continue
        moved.setdefault(place(record["sentence"], record.get("span")), place(now["sentence"], now.get("span")))
        sentences.setdefault(str(record["sentence"]), str(now["sentence"]))
    return {**sentences, **moved}


def with_moves(kept: object, old: str, new: str, moved: dict[str, str]) -> Moves:
    """The moves to keep once the text ``old`` became ``new`` (``kept``: those already
    kept, as read from the store file), the newest :data:`MOVES_KEPT`."""
    moves: Moves = {k: v for k, v in kept.items() if isinstance(v, dict)} if isinstance(kept, dict) else {}
    moves.pop(old, None)
    moves[old] = {"to": new, "at": moved}
    while len(moves) > MOVES_KEPT:
        del moves[next(iter(moves))]
    return moves


def current_end(end: LinkEnd, content: str, moves: object) -> LinkEnd | None:
    """``end`` as it is in the article whose text is now ``content``, followed through
    its ``moves``; ``end`` itself when it names this text (or no text); None when its
    place is gone or its text is not one the moves know."""
    if not end["content"] or not content or end["content"] == content:
        return end
    if not isinstance(moves, dict):
        return None
    at, version, seen = place(end["sentence"], end.get("span")), end["content"], set()
    while version != content:
        step = moves.get(version)
        if version in seen or not isinstance(step, dict) or not isinstance(step.get("at"), dict):
            return None
        seen.add(version)
        went = step["at"].get(at)
        if not isinstance(went, str):
            return None
        at, version = went, str(step.get("to", ""))
    return _at(end, at, content)


def _at(end: LinkEnd, at: str, content: str) -> LinkEnd:
    """``end`` moved to the place ``at`` of the text ``content``."""
    parts = [int(part) for part in at.split(":")]
    moved: LinkEnd = {"path": end["path"], "content": content, "sentence": parts[0]}
    span = end.get("span")
    if span is not None and len(parts) == 3:
        moved["span"] = {**span, "start": parts[1], "end": parts[2]}
    elif span is not None:
        moved["span"] = span
    return moved


def relinked(records: Iterable[Record], content: str, moves: object) -> dict[str, Record]:
    """The records whose links lead into this article (text ``content`` now) from an
    older text of it, re-pointed to where their places went (by id). A link whose place
    is gone is left as it was: it names an older text, so it is shown as lost, never
    as the sentence that took its number."""
    changed: dict[str, Record] = {}
    for record in records:
        links = record.get("links")
        if not links:
            continue
        updated: list[Link] = []
        for link in links:
            end = link["to"]
            now = current_end(end, content, moves) if end["content"] in _versions(moves) else None
            updated.append({"as": link["as"], "to": now} if now is not None and now != end else link)
        if updated != links:
            copy = copy_record(record)
            copy["links"] = updated
            changed[record["id"]] = copy
    return changed


def _versions(moves: object) -> set[str]:
    return set(moves) if isinstance(moves, dict) else set()


class Follower:
    """Follows link ends through the edits of every article of a store read whole (by
    the moves each article's store file keeps)."""

    def __init__(self, articles: Iterable[tuple[str, object]]) -> None:
        """``articles``: each article's current content hash and its moves."""
        self._now: dict[str, tuple[str, dict[str, Any]]] = {}
        for content, moves in articles:
            if content and isinstance(moves, dict):
                for old in moves:
                    self._now[old] = (content, moves)

    def record(self, record: Record) -> Record:
        """``record`` with its links leading where their ends are now (itself when none moved)."""
        links = record.get("links")
        if not links or not self._now:
            return record
        updated: list[Link] = [{"as": link["as"], "to": self.end(link["to"])} for link in links]
        if updated == links:
            return record
        copy = copy_record(record)
        copy["links"] = updated
        return copy

    def gone(self, end: LinkEnd) -> bool:
        """Whether ``end`` names a text of an article edited since, where its place is gone."""
        found = self._now.get(end["content"])
        return found is not None and current_end(end, found[0], found[1]) is None

    def end(self, end: LinkEnd) -> LinkEnd:
        """``end`` where it is now (itself when its article was not edited, or its place is gone)."""
        found = self._now.get(end["content"])
        if found is None:
            return end
        return current_end(end, found[0], found[1]) or end
