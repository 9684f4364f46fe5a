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

import os
from pathlib import Path

from annotations.errors import StoreError
from annotations.model import Article, storable_path, text_hash
from annotations.patterns import text_pattern
from annotations.store.article_file import ArticleFile
from annotations.store.folder import ALIASES_DIR, ARTICLES_DIR, Store, article_key
from annotations.store.permissions import PRIVATE_FILE, PRIVATE_FOLDER
from annotations.store.storage import atomic_write_bytes

_KEY = r"^[0-9a-f]{24}$"
#: Names the lock of an article's content (``articles/c-<hash>.lock``): one writer per text.
CONTENT_GUARD_PREFIX = "c-"


def content_hash(article: Article) -> str | None:
    """SHA-256 of the article's normalized text (NFC, UTF-8): its identity by content
    (known for the first part of a big article too, as its whole text's; None only for
    a part built without it)."""
    if article.complete:
        return text_hash(article.text)
    return article.whole_text_hash or None


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
    return key if text_pattern(_KEY).match(key) else None


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

    With ``write``, the file is locked for this process (see :meth:`Store.file_for_key`),
    and so is the article's content first (a guard named by the hash, taken *before*
    resolving): two processes opening the same text at two paths never both write it,
    whichever store file each would resolve to, and the file and its aliases are
    created under it. In one process, the same text opened again at another path gets
    the file already open for it."""
    guard = f"{CONTENT_GUARD_PREFIX}{content[:24]}" if write and content else None
    if guard is not None:
        store.guard_content(guard, path)
    try:
        found = _resolve(store, path, content, sha256)
        key = found.path.stem if found is not None else _opened_for(store, guard, content) or article_key(path)
        if write or found is None:
            return store.file_for_key(key, write=write, path=path, guard=guard)
        return found
    except BaseException:
        if guard is not None:
            store.release_guard(guard)
        raise


def _opened_for(store: Store, guard: str | None, content: str | None) -> str | None:
    """The key of a file this process opened for writing this text (at another path) and
    has not yet written another text to, if any."""
    key = store.key_guarded_by(guard) if guard is not None else None
    if key is None:
        return None
    opened = store.file_for_key(key)
    return key if not opened.exists or opened.meta.get("content") == content else None


def _resolve(store: Store, path: str, content: str | None, sha256: str | None) -> ArticleFile | None:
    """The stored file of an article, by content, then file hash, then path (None if none is)."""
    for kind, field, value in (("c", "content", content), ("b", "sha256", sha256)):
        if value:
            found = _by_hash(store, kind, field, value)
            if found is not None:
                return found
    return _by_path(store, path)


def article_file_for(store: Store, article: Article, *, write: bool = False) -> ArticleFile:
    """The store file of an opened ``article`` (by content: the first part of a big
    article knows its whole text's hash); ``write`` locks it and its content."""
    return find_article_file(store, storable_path(article.path), content=content_hash(article), sha256=article.sha256, write=write)


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
                os.makedirs(alias.parent, mode=PRIVATE_FOLDER, exist_ok=True)
                atomic_write_bytes(alias, key.encode("ascii"), mode=PRIVATE_FILE)
            except OSError as error:
                raise StoreError(alias, f"cannot write: {error.strerror or error}") from None
