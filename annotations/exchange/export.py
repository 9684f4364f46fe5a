"""Export annotations as versioned, deterministic documents (YAML or JSON).

Schema version 1::

    newsmark_export: 1
    articles:
    - title, path, sha256, content, meta   # content: only when known (see below)
      annotations: [record, ...]   # sorted by sentence, annotator, id
      orphans: [record, ...]       # only when some records lost their sentence

    record: the fields of annotations.store.records.ExportedRecord, in that order

``sha256`` is the hash of the article file's bytes, ``content`` the hash of its
normalized text (:func:`annotations.store.identity.content_hash`): import attaches by
``content`` first, so a copy of the same text with other bytes (CRLF, a BOM, another
encoding) at another path finds the records. Exports written before ``content``
existed have no such line and still import (by ``sha256``, then path).

:func:`export_annotations` is the whole pipeline, shared by ``newsmark export`` and the
reader's export key: gather the articles, filter, build the document, serialize it in a
format of :mod:`annotations.exchange.formats`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from annotations.exchange.formats import export_format
from annotations.files import write_all
from annotations.model import storable_path
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.corpus import stored_articles
from annotations.store.folder import Store
from annotations.store.records import ExportedRecord, Record, exported
from annotations.store.storage import atomic_write_bytes
from annotations.store.views import RecordView, record_order

EXPORT_VERSION = 1


class _ArticleEntryBase(TypedDict):
    title: str
    path: str
    sha256: str
    meta: dict[str, Any]
    annotations: list[ExportedRecord]


class ArticleEntry(_ArticleEntryBase, total=False):
    """One article of an export; ``content`` only when the store knows the article's
    normalized-text hash, ``orphans`` only when some records lost their sentence."""

    content: str
    orphans: list[ExportedRecord]


class ExportDocument(TypedDict):
    """A whole export: its version and its articles, sorted by path."""

    newsmark_export: int
    articles: list[ArticleEntry]


def article_entry(
    *,
    title: str,
    path: str,
    sha256: str,
    content: str | None = None,
    meta: dict[str, Any],
    records: Iterable[Record],
    orphans: Iterable[Record],
) -> ArticleEntry:
    """One article of an export, records sorted for determinism (``content`` after ``sha256``).

    ``path`` is written as text: a file name's bytes that are not UTF-8 as ``\\xNN``
    (:func:`~annotations.model.storable_path`, as the store keeps it)."""
    entry: ArticleEntry = {"title": title, "path": storable_path(path), "sha256": sha256}  # type: ignore[typeddict-item]
    if content:
        entry["content"] = content
    entry["meta"] = meta
    entry["annotations"] = [exported(r) for r in sorted(records, key=record_order)]
    orphan_list = [exported(r) for r in sorted(orphans, key=record_order)]
    if orphan_list:
        entry["orphans"] = orphan_list
    return entry


def entries_from_store(
    store: Store, tags: Collection[str], annotators: Collection[str], cache: SentenceCache | None = None, *, every: bool = False
) -> Iterator[ArticleEntry]:
    """Export entries of every stored article with a record that passes the filters
    (``every``: of every stored article, with no records too).

    Records stored for another text of the article than the one its file was last read
    as (imported from a colleague's older or newer version) are anchored to that text
    exactly as opening the article would anchor them, so the store-wide export and
    ``export FILE`` always agree; if the article cannot be read as it was, they are
    listed as orphans rather than under sentence numbers of another text.
    """
    from annotations.store.link_moves import Follower

    every_article = list(stored_articles(store, cache=cache))
    follower = Follower((str(s.meta.get("content") or ""), s.meta.get("moves")) for s in every_article)
    for stored in every_article:
        meta = stored.meta
        view = stored.view.filtered(tags, annotators)
        if not len(view) and not every:
            continue
        yield article_entry(
            title=meta.get("title", ""),
            path=meta.get("path", ""),
            sha256=meta.get("sha256", ""),
            content=meta.get("content") if isinstance(meta.get("content"), str) else None,
            meta=meta.get("meta", {}),
            records=map(follower.record, view.anchored()),
            orphans=map(follower.record, view.orphans()),
        )


def entries_for_articles(
    articles: Iterable[ArticleAnnotations], tags: Collection[str], annotators: Collection[str]
) -> Iterator[ArticleEntry]:
    """Export entries of open articles (re-anchored to their current text), even if empty;
    a link into an article edited since it was made leads where its sentence is now."""
    from annotations.store.link_follow import follower_for

    for opened in articles:
        article = opened.article
        view: RecordView = opened.view.filtered(tags, annotators)
        follower = follower_for(opened.store, view.all(), own=opened.content)
        yield article_entry(
            title=article.title,
            path=article.path,
            sha256=article.sha256,
            content=opened.content,
            meta=article.meta,
            records=map(follower.record, view.anchored()),
            orphans=map(follower.record, view.orphans()),
        )


def build_export(articles: Iterable[ArticleEntry]) -> ExportDocument:
    """The whole export document, articles sorted by path then hash."""
    return {"newsmark_export": EXPORT_VERSION, "articles": sorted(articles, key=lambda a: (a["path"], a["sha256"]))}


def dump_export(document: ExportDocument | dict[str, Any], fmt: str = "yaml") -> bytes:
    """Serialize an export document; the same document always gives the same bytes."""
    return export_format(fmt).dump(dict(document))


@dataclass(frozen=True)
class Export:
    """A finished export: its bytes, and how many annotations of how many articles it holds."""

    data: bytes
    annotations: int
    articles: int

    def summary(self, target: str | Path) -> str:
        """``exported N annotation(s) from M article(s) to TARGET``."""
        return f"exported {self.annotations} annotation(s) from {self.articles} article(s) to {target}"


def export_annotations(
    store: Store,
    articles: Sequence[ArticleAnnotations] | None = None,
    *,
    tags: Collection[str] = (),
    annotators: Collection[str] = (),
    fmt: str = "yaml",
    cache: SentenceCache | None = None,
    schema: TagSchema | None = None,
    timestamp: bool = False,
    extra: dict[str, Any] | None = None,
) -> Export:
    """Export the annotations of ``articles`` (open, re-anchored to their current text), or
    of every stored article when ``articles`` is None, filtered by tag and annotator
    (``cache``: sentence boundaries for articles that must be read to anchor records).
    With ``schema``, the document starts with a header naming newsmark and the tags (and
    with ``timestamp``, the time): see :mod:`~annotations.exchange.export_header`.
    ``extra``: fields a format needs beyond the records (a ClaimReview export's settings)."""
    if articles is None:
        entries = list(entries_from_store(store, tags, annotators, cache))
    else:
        entries = list(entries_for_articles(articles, tags, annotators))
    count = sum(len(e["annotations"]) + len(e.get("orphans", [])) for e in entries)
    document: dict[str, Any] = dict(build_export(entries))
    if schema is not None:
        from annotations.exchange.export_header import export_header, with_header

        document = with_header(document, export_header(schema, timestamp=timestamp))
    document.update(extra or {})
    return Export(dump_export(document, fmt), count, len(entries))


def default_export_path(article_path: str | Path, folder: Path, fmt: str = "yaml") -> Path:
    """Where one article's export goes in ``folder``: ``<article name>.newsmark.<format's suffix>``."""
    stem = re.sub(r"[^\w.-]+", "-", Path(article_path).stem).strip("-") or "article"
    return folder / f"{stem}.newsmark{export_format(fmt).suffixes[0]}"


def write_output(data: bytes, out: str | Path) -> None:
    """Write an export to ``out``, as ``newsmark export -o OUT`` does.

    A regular file, or a new name, is replaced atomically (a crash leaves the old file or
    the new one). A pipe or a character device (``/dev/stdout``, ``/dev/null``, a FIFO
    another program reads) is written into, never replaced. A symbolic link the user
    named is followed, as the shell's ``>`` follows it: its target is what is written or
    replaced, and the link stays. A folder, a block device or a socket raises
    ``OSError`` and is left as it is.
    """
    try:
        mode: int | None = os.stat(out).st_mode  # through a link the user named
    except FileNotFoundError:
        mode = None  # a new file (or a link to one)
    if str(out).endswith(("/", os.sep)) and (mode is None or not stat.S_ISDIR(mode)):
        raise NotADirectoryError(errno.ENOTDIR, "names a folder that does not exist; nothing was written", str(out))
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _write_into(out, data)
    elif mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(out))
    elif mode is not None and stat.S_ISBLK(mode):
        raise OSError(errno.EINVAL, "is a block device, not a file; it was left as it is", str(out))
    else:
        atomic_write_bytes(Path(os.path.realpath(out)), data)  # refuses anything but a regular file or nothing


def _write_into(out: str | Path, data: bytes) -> None:
    """Write ``data`` into an existing pipe or character device (a FIFO waits for its reader)."""
    fd = os.open(out, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OSError(errno.EAGAIN, "was replaced while being opened; nothing was written", str(out))
        write_all(fd, data)
    finally:
        os.close(fd)
