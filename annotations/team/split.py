"""Split exports: one YAML file per article and annotator, for a git repository.

``newsmark export --split DIR`` writes ``DIR/<article-slug>-<hash>/<annotator>.yaml``:
the article's folder is named by its title (readable) and the first 12 hex digits of
its content hash (stable: an existing folder with that hash is reused whatever its
slug, so a renamed or retitled article keeps its folder), and the file by the
annotator (made safe for a file name). Each file is a whole export document of one
article and one annotator, in the export schema: records sorted by sentence, fields in
their fixed order, no export time, so an unchanged store writes the same bytes and one
more tag changes a few lines of one file.

Each file says it is complete (``annotator: NAME`` and ``complete: true`` in its
header): it holds every record of that annotator on that article, so importing it
removes that annotator's records the file no longer holds (see
:func:`~annotations.exchange.importing.import_articles`).

Only the annotators asked for are written (by default you): a second analyst's export
touches none of the first analyst's files, so their branches merge without conflict.
When an annotator has no records left on an article, their file there is kept holding
none (so a colleague's import removes them too); their file in a second folder of the
same text (two branches each made one), or in the folder of an older text of the
article (edited since), is removed, and the folder once it is empty.
Other annotators' files are never touched, nor a file that is not a valid export of
that annotator's records alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.errors import NewsmarkError
from annotations.exchange.export import ArticleEntry, article_entry, build_export, dump_export
from annotations.exchange.export_header import export_header, with_header
from annotations.exchange.importing import ArticleImport, load_export_file
from annotations.files import file_kind
from annotations.schema import TagSchema
from annotations.store.storage import atomic_write_bytes

#: Hex digits of the content hash in an article folder's name.
HASH_DIGITS = 12
#: The longest slug of a title in an article folder's name.
SLUG_CHARS = 48
_FOLDER = re.compile(rf"^(?:.+-)?([0-9a-f]{{{HASH_DIGITS}}})$")
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
#: The longest annotator part of a file name (before its hash and ``.yaml``).
NAME_CHARS = 48
#: Names Windows reserves for devices, whatever their suffix.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
#: How every file a split export writes starts (only such files are ever removed).
_EXPORT_START = b"newsmark_export:"
#: The store file (its key) holding an article named by its path, text hash and bytes hash.
ArticleKey = Callable[[str, "str | None", "str | None"], str]


@dataclass
class SplitResult:
    """What a split export did, by file."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    """Other annotators' files left as they are (see :func:`split_export`'s ``authors``)."""
    warnings: list[str] = field(default_factory=list)
    """Things a person should look at (one line each), e.g. an edited copy of an article."""

    def line(self, folder: Path) -> str:
        """``split export to DIR: N written, M unchanged, K removed`` (``, J left to their annotators``)."""
        left = f", {len(self.left)} left to their annotators" if self.left else ""
        return f"split export to {folder}: {len(self.written)} written, {len(self.unchanged)} unchanged, {len(self.removed)} removed{left}"


def slug(title: str) -> str:
    """A title as a file-name slug: lowercase words joined by ``-`` (``article`` if none)."""
    words = re.sub(r"[^\w]+", "-", title.lower(), flags=re.ASCII).strip("-_")
    if len(words) > SLUG_CHARS:
        words = words[:SLUG_CHARS].rsplit("-", 1)[0] or words[:SLUG_CHARS]
    return words or "article"


def article_hash(entry: ArticleEntry) -> str:
    """The short hash naming an article's folder: of its normalized text, else its bytes."""
    return (entry.get("content") or entry["sha256"] or hashlib.sha256(entry["path"].encode()).hexdigest())[:HASH_DIGITS]


def annotator_file_name(annotator: str) -> str:
    """``<annotator>.yaml``, the name made safe for any file system: lowercase ASCII
    letters, digits, ``.``, ``-`` and ``_``, at most :data:`NAME_CHARS` of them, never
    hidden nor a Windows device name (those get a leading ``_``). A name that had to be changed (even only in case)
    gets 8 hex digits of its hash, so two annotators never share a file, not even on a
    case-insensitive file system."""
    safe = _UNSAFE.sub("-", annotator.lower()).strip("-.")[:NAME_CHARS].strip("-.") or "annotator"
    if safe.split(".")[0] in _RESERVED:
        safe = f"_{safe}"
    if safe != annotator:
        safe = f"{safe}-{hashlib.sha256(annotator.encode('utf-8')).hexdigest()[:8]}"
    return f"{safe}.yaml"


def existing_folders(folder: Path) -> dict[str, list[Path]]:
    """The article folders already in ``folder``, by their short hash, sorted (one text
    has two folders when two branches that each made one for it were merged).

    A symbolic link among them or among their files (a teammate can commit one) is
    refused with :class:`SplitFolderError` naming it, before anything is written: writing
    or removing through it would touch files outside ``folder``. So is an export file
    there that is no regular file (a pipe would be waited on).
    """
    found: dict[str, list[Path]] = {}
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            match = _FOLDER.match(child.name)
            if match and _is_folder(child):
                for inside in child.iterdir():
                    _is_folder(inside)
                found.setdefault(match.group(1), []).append(child)
    return found


class SplitFolderError(NewsmarkError):
    """A split export's folder holds something it must not write or remove through."""


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (else a regular file); raises :class:`SplitFolderError`
    for a symbolic link or a special file (a pipe would be waited on)."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        raise SplitFolderError(
            path, "is a symbolic link inside the split export's folder; nothing was written (replace it by a folder or file)"
        )
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise SplitFolderError(path, f"is not a regular file ({file_kind(mode)}); nothing was written")
    return stat.S_ISDIR(mode)


def article_folder(folder: Path, entry: ArticleEntry, existing: dict[str, list[Path]]) -> Path:
    """Where an article's files go: its first folder already there (by hash), else a new one."""
    digest = article_hash(entry)
    return existing[digest][0] if existing.get(digest) else folder / f"{slug(entry['title'])}-{digest}"


def annotator_entry(entry: ArticleEntry, annotator: str) -> ArticleEntry | None:
    """The entry with only ``annotator``'s records (None if they have none on it)."""
    annotations = [r for r in entry["annotations"] if r["annotator"] == annotator]
    orphans = [r for r in entry.get("orphans", []) if r["annotator"] == annotator]
    if not annotations and not orphans:
        return None
    own: ArticleEntry = {**entry, "annotations": annotations}
    own.pop("orphans", None)
    if orphans:
        own["orphans"] = orphans
    return own


def document_bytes(entry: ArticleEntry, schema: TagSchema, annotator: str) -> bytes:
    """One article's export of ``annotator``'s records, all of them (the header says
    so, without a time), as YAML bytes."""
    document: dict[str, Any] = with_header(dict(build_export([entry])), export_header(schema, complete_for=annotator))
    return dump_export(document, "yaml")


def emptied_bytes(article: ArticleImport, schema: TagSchema, annotator: str) -> bytes:
    """The complete file of ``annotator`` on ``article`` once they have no record left on it."""
    entry = article_entry(
        title=article.title, path=article.path, sha256=article.sha256, content=article.content, meta=article.meta, records=(), orphans=()
    )
    return document_bytes(entry, schema, annotator)


def split_export(
    entries: Iterable[ArticleEntry],
    folder: Path,
    annotators: Collection[str],
    schema: TagSchema,
    *,
    whole_store: bool,
    article_key: ArticleKey | None = None,
    authors: Callable[[ArticleEntry], Collection[str]] | None = None,
) -> SplitResult:
    """Write each annotator's records of each article to its own file under ``folder``.

    ``entries``: the articles to export, with every annotator's records (an article with
    none of ``annotators``' records too: their file there is emptied). ``whole_store``:
    ``entries`` are every stored article, so an annotator's file in any other article
    folder (an older text of an article, or one no longer stored) is stale and removed;
    otherwise only in the folders of ``entries`` (every folder of their text: the
    annotator's file in a second one is stale too) and, given ``article_key``, their file
    in another folder that names one of ``entries`` (an older text of the same article:
    the same store file). A file is rewritten only when its bytes change.

    ``authors``: whose records of an article this store makes (yours, and the final
    layer where you adjudicated it). Another annotator's file that is already there is
    theirs: this store's copy of their records may be older than it (a colleague's file
    pulled but not imported yet), so it is never rewritten, emptied or removed for them,
    only written where none is (``--all``, ``--by NAME``), and counted as left.
    """
    result = SplitResult()
    entries = list(entries)
    existing = existing_folders(folder)
    names = {annotator_file_name(a): a for a in annotators}
    wanted: dict[Path, bytes] = {}
    targets: set[Path] = set()
    scope: set[Path] = {path for paths in existing.values() for path in paths} if whole_store else set()
    older = [] if whole_store or article_key is None else [path for paths in existing.values() for path in paths]
    warnings: list[tuple[Path, str]] = []
    theirs: dict[Path, set[str]] = {}
    everywhere: set[str] = set()
    for entry in entries:
        target = article_folder(folder, entry, existing)
        own_names = set(names.values()) if authors is None else set(authors(entry)) & set(names.values())
        everywhere |= own_names
        theirs[target] = set(names.values()) - own_names
        owned = {name: own for name, annotator in names.items() if (own := annotator_entry(entry, annotator)) is not None}
        if owned and article_hash(entry) not in existing:
            warnings.extend(_same_title_warnings(target, existing))
            existing[article_hash(entry)] = [target]
        targets.add(target)
        scope.update(existing.get(article_hash(entry), ()))
        for name, own in owned.items():
            wanted[target / name] = document_bytes(own, schema, names[name])
    for path, data in sorted(wanted.items()):
        if names[path.name] in theirs.get(path.parent, set()) and _own_export(path, names[path.name]) is not None:
            (result.unchanged if _same_but_path(path.read_bytes(), data) else result.left).append(path)
            continue
        _write_if_changed(path, data, result)
    for article_dir in sorted(scope):
        mine = names if authors is None else _named(names, everywhere - theirs.get(article_dir, set()))
        _settle_stale(article_dir, mine, wanted, schema, result, target=article_dir in targets)
    if article_key is not None and older:
        keys = {article_key(entry["path"], entry.get("content"), entry["sha256"]) for entry in entries}
        for article_dir in sorted(set(older) - scope):
            _settle_older(article_dir, names if authors is None else _named(names, everywhere), keys, article_key, schema, result)
    if result.left:
        result.warnings.append(
            f"{len(result.left)} file(s) of other annotators left as they are (first {result.left[0]}): this store's copy of "
            "their records may be older than their file; import it to take it, and their own export updates it"
        )
    result.warnings.extend(line for other, line in warnings if other.is_dir())
    return result


#: The lines that name the article's path (and the checksum over it) in a split file.
_PATH_LINES = re.compile(rb"^(?:  path: |# newsmark-export-sha256: ).*$", re.MULTILINE)


def _same_but_path(held: bytes, data: bytes) -> bool:
    """Whether a file holds ``data`` but for the article's path (a colleague's machine's)."""
    return _PATH_LINES.sub(b"", held, count=2) == _PATH_LINES.sub(b"", data, count=2)


def _named(names: dict[str, str], annotators: Collection[str]) -> dict[str, str]:
    """The file names of ``names`` whose annotator is one of ``annotators``."""
    return {name: annotator for name, annotator in names.items() if annotator in annotators}


def _settle_older(
    article_dir: Path, names: dict[str, str], keys: set[str], article_key: ArticleKey, schema: TagSchema, result: SplitResult
) -> None:
    """Remove the files in ``article_dir`` (another text's folder) of the annotators
    ``names`` that name an exported article (by its store file's key in ``keys``):
    an older text of it. Other annotators' files and other articles' stay."""
    same = {name: annotator for name, annotator in names.items() if _names_article(article_dir / name, annotator, keys, article_key)}
    _settle_stale(article_dir, same, {}, schema, result, target=False)


def _names_article(path: Path, annotator: str, keys: set[str], article_key: ArticleKey) -> bool:
    """Whether ``path`` is ``annotator``'s own export naming an article whose store file is one of ``keys``."""
    own = _own_export(path, annotator)
    return own is not None and any(article_key(article.path, article.content, article.sha256) in keys for article in own)


def _settle_stale(
    article_dir: Path, names: dict[str, str], wanted: dict[Path, bytes], schema: TagSchema, result: SplitResult, *, target: bool
) -> None:
    """The files in ``article_dir`` of the annotators ``names`` that this export did not
    write: in the folder of an exported article (``target``) emptied of records, so that
    an import removes them too; elsewhere removed (and the folder once it is empty)."""
    for name in sorted(names):
        stale = article_dir / name
        own = None if stale in wanted else _own_export(stale, names[name])
        if own is None:
            continue
        if target and len(own) == 1:
            _write_if_changed(stale, emptied_bytes(own[0], schema, names[name]), result)
        else:
            stale.unlink()
            result.removed.append(stale)
    if article_dir.is_dir() and not any(article_dir.iterdir()):
        article_dir.rmdir()


def _same_title_warnings(target: Path, existing: dict[str, list[Path]]) -> list[tuple[Path, str]]:
    """A warning for each folder of another text with the new folder ``target``'s title
    (an edited copy gets a hash, a folder, of its own: agreement never compares them),
    with that folder (said only if it is still there once stale files are settled)."""
    title = target.name[: -HASH_DIGITS - 1]
    return [
        (other, f"{target}: same title as {other} but another text (an edited copy?): agreement compares only readers of one text")
        for paths in existing.values()
        for other in paths
        if other.name[: -HASH_DIGITS - 1] == title
    ]


def _write_if_changed(path: Path, data: bytes, result: SplitResult) -> None:
    """Write ``path`` atomically unless it already holds ``data``."""
    try:
        if path.read_bytes() == data:
            result.unchanged.append(path)
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    result.written.append(path)


def _own_export(path: Path, annotator: str) -> list[ArticleImport] | None:
    """The articles of ``path`` if it is a regular file that a newsmark export wrote, valid
    and holding only ``annotator``'s records, else None (only such files are emptied or
    removed: a colleague's records copied there, or a file left with merge-conflict
    markers, stay for a person to settle)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # missing, a link, or unreadable: not ours
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or handle.read(len(_EXPORT_START)) != _EXPORT_START:
            return None
    try:
        articles = load_export_file(path)
    except NewsmarkError:
        return None  # not a valid export (conflict markers, hand edits): never ours to remove
    if any(article.complete_for not in (None, annotator) for article in articles):
        return None
    return articles if all(record["annotator"] == annotator for article in articles for record in article.records) else None
