"""Every stored article as opening it would show it: what the whole-store commands
(``export``, ``stats``, ``agree``, ``brief``) walk, one way for all of them.

An article whose file changed since the store last read it (its bytes' SHA-256 differs
from the stored one) is read and re-anchored exactly as opening it would; an unchanged
one is shown from its records as stored, without being read (hashing its bytes is all
it costs), so a walk over many articles re-anchors only those that changed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.model import Article, storable_path
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_in_file
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.identity import article_file_for, content_hash
from annotations.store.reanchoring import merge_changes, with_changes
from annotations.store.records import Record
from annotations.store.views import RecordView


@dataclass(frozen=True)
class StoredArticle:
    """One stored article: its file, its description as stored and its records as
    opening it would show them; ``article`` is its text when it was read (and is still
    the stored text), else None."""

    file: ArticleFile
    meta: dict[str, Any]
    view: RecordView
    article: Article | None

    @property
    def path(self) -> str:
        """The path the article was last opened at."""
        return str(self.meta.get("path", ""))

    @property
    def title(self) -> str:
        """The article's title as stored."""
        return str(self.meta.get("title", ""))


def _all_fit(records: list[Record], sha256: object) -> bool:
    """Whether every record is an orphan or was made on the text the file was last read as."""
    return all(r.get("orphan") or r.get("article", {}).get("sha256") == sha256 for r in records)


def _read(meta: dict[str, Any], cache: SentenceCache | None) -> Article | None:
    """The article at its stored path, if it can be read and is still the stored text."""
    try:
        article = load_article(str(meta.get("path", "")), cache=cache)
    except NewsmarkError:
        return None
    return article if article.sha256 == meta.get("sha256") else None


def _bytes_hash(meta: dict[str, Any]) -> str | None:
    """The SHA-256 of the bytes at the article's stored path now (as the loader hashes
    them), or None when there is no readable regular file there."""
    path = str(meta.get("path", ""))
    if not path:
        return None
    try:
        # never blocks on a pipe put where the article was: only a regular file is read
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            digest = hashlib.sha256()
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            return digest.hexdigest()
    except (OSError, ValueError):
        return None


def _changed(store: Store, file: ArticleFile, cache: SentenceCache | None) -> Article | None:
    """The article at the stored path when its text changed since the store last read it
    and opening it would open this very store file (not another article's), else None."""
    meta = file.meta
    now = _bytes_hash(meta)
    if now is None or now == meta.get("sha256"):
        return None
    try:
        article = load_article(str(meta.get("path", "")), cache=cache)
    except NewsmarkError:
        return None
    if not article.complete or article_file_for(store, article).path != file.path:
        return None
    return article


def _described(meta: dict[str, Any], article: Article) -> dict[str, Any]:
    """``meta`` as opening ``article`` writes it (its path, hash, title and description)."""
    described = {**meta, "path": storable_path(article.path), "sha256": article.sha256, "title": article.title, "meta": article.meta}
    content = content_hash(article)
    if content is not None:
        described["content"] = content
    return described


def _unanchored(records: list[Record], sha256: object) -> RecordView:
    """Records made on another text than the stored one, shown as orphans (their sentence
    numbers belong to a text that cannot be read)."""
    shown: list[Record] = []
    for record in records:
        if not record.get("orphan") and record.get("article", {}).get("sha256") != sha256:
            record = record.copy()
            record["orphan"] = True
        shown.append(record)
    return RecordView(shown)


def stored_article(
    store: Store, file: ArticleFile, *, cache: SentenceCache | None = None, schema: TagSchema | None = None, read_text: bool = False
) -> StoredArticle:
    """A stored article's records as opening the article would show them.

    An article whose file changed since the store last read it is read and re-anchored
    to its text now, as opening it would (see the module's docstring).
    Records stored for another text than the one the file was last read as (imported
    from a colleague's other version) are anchored by reading the article, exactly as
    opening it would; if it cannot be read as it was, they are shown as orphans rather
    than under sentence numbers of another text. ``read_text``: read the article even
    when its records need no anchoring (for its sentence count). ``schema`` orders the
    tags an article read merges on one sentence (the default schema when None); records
    merged without reading the article are ordered by the default schema.
    """
    article = _changed(store, file, cache)
    if article is not None:
        opened = open_in_file(store, article, file, annotator="", schema=schema or TagSchema())
        described = _described(file.meta, article)
        if opened.state.new_moves is not None:  # where its records went: links into it follow them
            described["moves"] = opened.state.new_moves
        return StoredArticle(file, described, opened.view, article)
    meta = file.meta
    records = file.records()
    sha256 = meta.get("sha256")
    fit = _all_fit(records, sha256)
    article = _read(meta, cache) if read_text or not fit else None
    if article is not None:
        view = open_in_file(store, article, file, annotator="", schema=schema or TagSchema()).view
    elif fit:
        view = RecordView(with_changes(records, merge_changes(records, TagSchema())))
    else:
        view = _unanchored(records, sha256)
    return StoredArticle(file, meta, view, article)


def stored_articles(
    store: Store, *, cache: SentenceCache | None = None, schema: TagSchema | None = None, read_text: bool = False
) -> Iterator[StoredArticle]:
    """Every article of ``store`` (by store file name), as :func:`stored_article` shows it."""
    for file in store.stored_files():
        yield stored_article(store, file, cache=cache, schema=schema, read_text=read_text)
