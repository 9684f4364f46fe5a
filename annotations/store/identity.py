"""Which store file holds an article: identity by content first, then by path.

An article is the same article wherever it lives: its store file is found by the hash
of its normalized text (Unicode NFC of ``Article.text``: re-encoding, a BOM or CRLF
line ends change nothing), then by the hash of its file's bytes (what an export names
as ``sha256``), then by its path (an article edited in place, whose hashes changed).
So a file moved, renamed or copied, or a colleague's export of the same article at
another path, finds its annotations; the file then remembers the path it was opened
at (export and stats name it). Two files with identical text share one store file.

Small alias files in ``aliases/`` point from a hash or a path to a store file's key
(the name of ``articles/<key>.json``). An alias is only a hint: it is followed only if
the file it names still holds that hash (or that path's annotations), so a stale one
(the article was edited since) is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from annotations.errors import StoreError
from annotations.model import Article, storable_path
from annotations.store.article_file import ArticleFile
from annotations.store.folder import ALIASES_DIR, ARTICLES_DIR, Store, article_key
from annotations.store.storage import atomic_write_bytes

_KEY = re.compile(r"^[0-9a-f]{24}$")


def content_hash(article: Article) -> str:
    """SHA-256 of the article's normalized text (NFC, UTF-8): its identity by content."""
    text = article.text
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def alias_file(root: Path, kind: str, value: str) -> Path:
    """The alias file of a store at ``root`` pointing from ``value`` to a store file's key:
    ``kind`` is ``c`` (a content hash), ``b`` (a bytes hash) or ``p`` (a path's key)."""
    digest = value if kind == "p" else value[:24]
    return root / ALIASES_DIR / f"{kind}-{digest}"


def read_alias(root: Path, kind: str, value: str) -> str | None:
    """The store file key an alias of the store at ``root`` names, if it exists and is sound
    (only a hint: the caller checks that file still holds what the alias stands for)."""
    try:
        key = alias_file(root, kind, value).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return key if _KEY.match(key) else None


def _alias_path(store: Store, kind: str, value: str) -> Path:
    return alias_file(store.root, kind, value)


def _read_alias(store: Store, kind: str, value: str) -> str | None:
    return read_alias(store.root, kind, value)


def _stored(store: Store, key: str) -> ArticleFile | None:
    """The store file ``key`` if it exists on disk (already opened or not)."""
    if not (store.root / ARTICLES_DIR / f"{key}.json").is_file():
        return None
    article_file = store.file_for_key(key)
    return article_file if article_file.exists else None


def _by_hash(store: Store, kind: str, field: str, value: str) -> ArticleFile | None:
    key = _read_alias(store, kind, value)
    found = _stored(store, key) if key else None
    return found if found is not None and found.meta.get(field) == value else None


def _by_path(store: Store, path: str) -> ArticleFile | None:
    own = article_key(path)
    found = _stored(store, own)
    if found is not None:
        return found
    key = _read_alias(store, "p", own)
    return _stored(store, key) if key else None


def find_article_file(
    store: Store, path: str, *, content: str | None = None, sha256: str | None = None, write: bool = False
) -> ArticleFile:
    """The store file of an article: by ``content`` (normalized-text hash), then by
    ``sha256`` (file bytes), then by ``path``; if none is stored, the new file for ``path``.
    With ``write``, the file is locked for this process (see :meth:`Store.file_for_key`)."""
    found: ArticleFile | None = None
    for kind, field, value in (("c", "content", content), ("b", "sha256", sha256)):
        if value and found is None:
            found = _by_hash(store, kind, field, value)
    if found is None:
        found = _by_path(store, path)
    key = found.path.stem if found is not None else article_key(path)
    return store.file_for_key(key, write=write, path=path) if write or found is None else found


def article_file_for(store: Store, article: Article, *, write: bool = False) -> ArticleFile:
    """The store file of an opened ``article`` (by content only once it is complete: the
    first part of a big article has no full text to hash); ``write`` locks it."""
    content = content_hash(article) if article.complete else None
    return find_article_file(store, storable_path(article.path), content=content, sha256=article.sha256, write=write)


def remember(store: Store, article_file: ArticleFile, *, path: str, content: str | None, sha256: str | None) -> None:
    """Point the aliases of ``content``, ``sha256`` and ``path`` at ``article_file`` (each
    written only when it says something else): a later open, at this path or holding this
    text at any path, finds the file. Does nothing for a read-only store or a file not on
    disk yet."""
    if store.read_only or not article_file.exists:
        return
    key = article_file.path.stem
    wanted = [("c", content), ("b", sha256)]
    if article_key(path) != key:
        wanted.append(("p", article_key(path)))
    for kind, value in wanted:
        if value and _read_alias(store, kind, value) != key:
            store.check_writer()
            alias = _alias_path(store, kind, value)
            try:
                os.makedirs(alias.parent, exist_ok=True)
                atomic_write_bytes(alias, key.encode("ascii"))
            except OSError as error:
                raise StoreError(alias, f"cannot write: {error.strerror or error}") from None
