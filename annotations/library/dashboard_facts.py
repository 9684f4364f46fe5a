"""The dashboard's facts for the library's articles (see :mod:`annotations.library.dashboard`).

For each readable article of the library: its publication date, read from its file's
front matter (the cheap parse a scan does, no sentence splitting); its records and its
reading position, from the store file the library index found for it (the store of
record, read-only; copies of one article sharing a store file are one article). A
position counts only where a reader saved it (the meta's ``position_at``, written when a
reader leaves the article): a store file made by a tag command or an import has no
position (one made before had ``position`` 1 without it: nobody read it). Made in
a background worker: :func:`library_facts` stops when ``cancelled`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from annotations.errors import NewsmarkError
from annotations.formats.loader import read_body
from annotations.library.dashboard import ArticleFacts, publication_day
from annotations.library.listing import LibraryItem
from annotations.store.article_file import ArticleFile


def library_facts(items: Sequence[LibraryItem], cancelled: Callable[[], bool] = lambda: False) -> Iterator[ArticleFacts]:
    """One :class:`ArticleFacts` per readable article of ``items``, in their order."""
    seen: set[str] = set()
    for item in items:
        if cancelled():
            return
        if not item.readable:
            continue
        state = item.store
        file = state.file if state is not None and state.error is None else None
        if file is not None:
            if file in seen:
                continue
            seen.add(file)
        records, position = _stored(Path(file)) if file is not None else ((), None)
        yield ArticleFacts(item.path, file_day(item.path), records, position)


def file_day(path: str) -> str | None:
    """The publication day in the article file's front matter (None: none, or unreadable)."""
    try:
        return publication_day(read_body(path).meta)
    except NewsmarkError:
        return None


def _stored(file: Path) -> tuple[tuple[dict[str, Any], ...], int | None]:
    """The records on sentences (orphans left out) of one store file and the position a
    reader saved in it, read-only; none if it cannot be read."""
    try:
        stored = ArticleFile.open(file, read_only=True, bulk=True)
    except NewsmarkError:
        return (), None
    try:
        meta = stored.meta
        position = meta.get("position")
        saved = type(position) is int and position >= 1 and meta.get("position_at") is not None
        return tuple(dict(record) for record in stored.records() if not record.get("orphan")), position if saved else None
    finally:
        stored.close()
