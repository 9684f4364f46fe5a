"""The text index's list of articles (``articles.json``): per file, its stamp when indexed,
title, section labels and sentence count.

A file's stamp is its size, modification time and status-change time (ctime). Size and
modification time alone miss a file rewritten at the same size whose time was set back
(``cp -p``, ``rsync -t``, unpacking an archive all set it); the ctime cannot be set
that way: any write, and setting the modification time itself, moves it to now. It comes
with the same ``stat`` as the others, so it costs nothing; a file whose ctime alone
moved (``chmod``, a new hard link) is only indexed again, its sentences from the cache.

A library of 10,000 articles lists 10,000 entries, read on every search: each is decoded
only when asked for (:class:`ArticleList`), and a file's stamp is compared without
decoding it (:meth:`ArticleList.stamp`): decoding them all took longer than the search.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

#: What tells whether an article file changed: its size, modification and status-change times (ns).
Stamp = tuple[int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    """The stamp of a ``stat`` result."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """One article file as indexed: its stamp then, title, section labels, sentence count."""

    stamp: Stamp
    title: str = ""
    sections: tuple[str, ...] = ()
    sentences: int = 0
    error: str | None = None


#: What an entry of the wrong shape reads as: a file indexed again, whatever its stamp.
DAMAGED = IndexedArticle((-1, -1, -1))


class ArticleList(MutableMapping[str, IndexedArticle]):
    """Indexed articles by absolute path, decoded from their stored form when first asked for."""

    def __init__(self, stored: dict[str, Any] | None = None) -> None:
        self._stored: dict[str, Any] = stored if stored is not None else {}
        self._decoded: dict[str, IndexedArticle] = {}

    def stamp(self, path: str) -> Stamp | None:
        """The stamp ``path`` was indexed at, None if it was not (or its entry is damaged)."""
        value = self._stored.get(path)
        if type(value) is list and len(value) == ENTRY_LENGTH and type(value[0]) is int and type(value[1]) is int and type(value[2]) is int:
            return value[0], value[1], value[2]
        return None

    def __getitem__(self, path: str) -> IndexedArticle:
        found = self._decoded.get(path)
        if found is None:
            found = self._decoded[path] = entry_from_json(self._stored[path])
        return found

    def __setitem__(self, path: str, entry: IndexedArticle) -> None:
        self._stored[path] = entry_to_json(entry)
        self._decoded[path] = entry

    def __delitem__(self, path: str) -> None:
        del self._stored[path]
        self._decoded.pop(path, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def __contains__(self, path: object) -> bool:
        return path in self._stored

    def to_json(self) -> dict[str, Any]:
        """The stored form of every entry (those never decoded as they were read)."""
        return self._stored


#: An entry as stored: size, mtime, ctime, title, section labels, sentence count, error.
ENTRY_LENGTH = 7


def entry_to_json(entry: IndexedArticle) -> list[Any]:
    """An article's entry as stored."""
    return [*entry.stamp, entry.title, list(entry.sections), entry.sentences, entry.error]


def entry_from_json(value: object) -> IndexedArticle:
    """An entry read back; :data:`DAMAGED` when it is not of the right shape (indexed again)."""
    if not isinstance(value, list) or len(value) != ENTRY_LENGTH:
        return DAMAGED
    size, mtime, ctime, title, sections, sentences, error = value
    if not (all(isinstance(number, int) for number in (size, mtime, ctime)) and isinstance(title, str) and isinstance(sentences, int)):
        return DAMAGED
    if not isinstance(sections, list) or not all(isinstance(label, str) for label in sections):
        return DAMAGED
    return IndexedArticle((size, mtime, ctime), title, tuple(sections), sentences, error if isinstance(error, str) else None)
