"""A library of article files: listed at once from the index, completed in the background.

:class:`Library` holds one :class:`LibraryItem` per file. :meth:`Library.open_index`
fills every item whose file is unchanged since the index saw it (a ``stat`` per file,
one index file per folder); what is left is done by a background worker in steps that
each replace one item:

1. :meth:`Library.scan` — the cheap scan of a new or changed file (title, sections);
2. :meth:`Library.refresh_store` — tagged sentences and position, read from the
   article's store file only when that file changed; the store file is found as the
   store's identity finds it (:mod:`annotations.store.identity`), cheaply: by the alias
   of the file's bytes hash (taken by the scan), then by its path, then by its path's
   alias, so a moved, renamed or copied article shows its annotations;
3. :meth:`Library.set_sentences` — the sentence count, found by splitting the article
   in another process (:mod:`annotations.library.counting`).

Items are immutable and replaced whole, so another thread may read :attr:`Library.items`
at any time; the index entries are changed and saved under one lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotations.errors import StoreError
from annotations.library.folder_paths import shown_paths
from annotations.library.index import IndexEntry, LibraryIndex, StoreState
from annotations.library.scan import FileStamp, summarize
from annotations.model import storable_path
from annotations.store.article_file import ArticleFile
from annotations.store.folder import ALIASES_DIR, ARTICLES_DIR, article_key
from annotations.store.identity import alias_file, read_alias
from annotations.store.journal import journal_path


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One article file of the library and what is known of it so far."""

    path: str
    """Absolute path of the file."""
    folder: str
    """The folder holding it (its index file is this folder's)."""
    name: str
    """Its file name."""
    shown_path: str
    """The path as listed: relative to the folder the library was opened on."""
    entry: IndexEntry | None = None
    """None until the file has been scanned (or if it has gone)."""
    _folded: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """Title and path, case-folded: what sorting by title and filtering compare
        (made on first use and kept: not on the start path, not on every key)."""
        if self._folded is None:
            object.__setattr__(self, "_folded", f"{self.title}\n{self.shown_path}".casefold())
        return self._folded  # type: ignore[return-value]

    def with_entry(self, entry: IndexEntry) -> LibraryItem:
        """This item with ``entry`` (made directly: ``dataclasses.replace`` costs twice as much)."""
        return LibraryItem(self.path, self.folder, self.name, self.shown_path, entry)

    @property
    def scanned(self) -> bool:
        """Whether the cheap scan has looked at the file (readable or not)."""
        return self.entry is not None

    @property
    def readable(self) -> bool:
        """Scanned, and an article newsmark can open."""
        return self.entry is not None and self.entry.error is None

    @property
    def error(self) -> str | None:
        """Why the file cannot be opened, if it cannot."""
        return self.entry.error if self.entry is not None else None

    @property
    def title(self) -> str:
        """The article's title (the file name until scanned)."""
        return self.entry.title if self.entry is not None and self.entry.title else self.name

    @property
    def store(self) -> StoreState | None:
        """What the store holds for the article, if anything."""
        return self.entry.store if self.entry is not None else None


@dataclass(frozen=True)
class SortKey:
    """One way to order a library: its name (as shown), the key of an item, and whether
    it lists the largest first (the most tagged, the last opened: what a reader looks for)."""

    name: str
    key: Callable[[LibraryItem], Any]
    largest_first: bool = False


def _size(item: LibraryItem) -> int:
    return item.entry.stamp.size if item.entry is not None else -1


def _sentences(item: LibraryItem) -> int:
    return (item.entry.sentences or -1) if item.entry is not None else -1


def _tagged(item: LibraryItem) -> int:
    return item.store.tagged if item.store is not None else 0


def _opened(item: LibraryItem) -> str:
    return (item.store.opened or "") if item.store is not None else ""


#: The orders a library can be listed in, ``s`` going from one to the next.
SORTS = (
    SortKey("title", lambda item: item.folded),
    SortKey("path", lambda item: item.shown_path),
    SortKey("size", _size, largest_first=True),
    SortKey("sentences", _sentences, largest_first=True),
    SortKey("tagged", _tagged, largest_first=True),
    SortKey("last opened", _opened, largest_first=True),
)
#: Every name of :data:`SORTS`.
ALL_FIELDS = frozenset(sort.name for sort in SORTS)


def ordered(
    items: Sequence[LibraryItem],
    sort: SortKey,
    *,
    reverse: bool = False,
    query: str = "",
    among: Iterable[int] | None = None,
    presorted: bool = False,
) -> list[int]:
    """The indexes of the items whose title or path holds every word of ``query`` (case
    ignored), ordered by ``sort`` (then by path; the largest first if the sort says so,
    ``reverse`` turning it round).

    ``among`` limits the search to those indexes: what an earlier query matched, when
    this one only adds letters to it (every match of the longer query is one of the
    shorter's), so typing a filter gets faster as it narrows. ``presorted`` says they
    are in this order already (the list shown): they are only filtered, not sorted again.
    """
    words = query.casefold().split()
    candidates = range(len(items)) if among is None else among
    numbers = [n for n in candidates if all(w in items[n].folded for w in words)] if words else list(candidates)
    if presorted and among is not None:
        return numbers
    by_path = sorted(numbers, key=lambda n: items[n].shown_path)  # ties stay in path order whichever way (a stable sort)
    return sorted(by_path, key=lambda n: sort.key(items[n]), reverse=reverse != sort.largest_first)


class Library:
    """The article files of a library with their index entries (see the module's doc);
    ``roots``: the folders named for it (see :func:`shown_paths`)."""

    def __init__(self, paths: Iterable[Path], store_root: Path, index: LibraryIndex, *, roots: Iterable[Path] = ()) -> None:
        absolute = [os.path.abspath(p) for p in paths]
        self.items: list[LibraryItem] = [
            LibraryItem(p, p[: p.rindex(os.sep)] or os.sep, p[p.rindex(os.sep) + 1 :], shown)
            for p, shown in zip(absolute, shown_paths(absolute, [str(r) for r in roots]), strict=True)
        ]
        self.store_root = Path(store_root).expanduser()
        self.store_folder = self.store_root / ARTICLES_DIR
        self._aliases: frozenset[str] | None = None
        """The store's alias names as of the last :meth:`store_stamps` (None: not listed)."""
        self.index = index
        self._entries: dict[str, dict[str, IndexEntry]] = {}
        self._present: dict[str, set[str]] = {}
        """The names found in each folder when the index was opened: entries of files
        gone since are not saved again."""
        self._lock = threading.Lock()
        self._changed = False

    # -- the fast part: the index ------------------------------------------------

    def open_index(self) -> None:
        """Fill every item whose file is unchanged since the index saw it (a ``stat`` each)."""
        stamps: dict[str, dict[str, tuple[int, int]]] = {}
        for folder in {item.folder for item in self.items}:
            self._entries[folder] = self.index.load(Path(folder))
            stamps[folder] = _stamps_in(folder)
            self._present[folder] = set(stamps[folder])
        for number, item in enumerate(self.items):
            entry = self._entries[item.folder].get(item.name)
            if entry is None:
                continue
            found = stamps[item.folder].get(item.name)
            if found is not None:
                same = found == (entry.stamp.size, entry.stamp.mtime_ns)
            else:  # not seen by the listing (a path given by itself)
                same = entry.stamp == _stamp(item.path)
            if same:
                self.items[number] = item.with_entry(entry)

    def unscanned(self) -> list[int]:
        """Items the index had nothing (current) for."""
        return [n for n, item in enumerate(self.items) if item.entry is None]

    def uncounted(self) -> list[int]:
        """Readable items whose sentences are not counted yet."""
        return [n for n, item in enumerate(self.items) if item.readable and item.entry is not None and item.entry.sentences is None]

    # -- the background part -----------------------------------------------------

    def scan(self, number: int) -> LibraryItem:
        """Scan item ``number``'s file again (title, sections, or its error)."""
        item = self.items[number]
        summary = summarize(Path(item.path))
        if summary is None:
            entry = IndexEntry(FileStamp(0, 0), error="no such file (deleted since listed)")
        else:
            entry = IndexEntry(
                summary.stamp, summary.title, summary.sections, summary.error, sha256=summary.sha256, content=summary.content
            )
        return self._put(number, entry, keep=False)

    def store_stamps(self) -> dict[str, tuple[int, int]]:
        """Size and mtime of every file in the store's article folder, by name (one listing;
        the store's aliases are listed too, for :meth:`refresh_store`)."""
        self._aliases = frozenset(_stamps_in(str(self.store_root / ALIASES_DIR)))
        try:
            with os.scandir(self.store_folder) as found:
                return {e.name: (s.st_size, s.st_mtime_ns) for e in found if (s := _entry_stat(e)) is not None}
        except OSError:
            return {}

    def refresh_store(self, number: int, stamps: dict[str, tuple[int, int]] | None = None) -> LibraryItem:
        """Read what the store holds for item ``number`` if its store file changed since
        (or another store file is the article's now: see the module's doc).

        ``stamps`` is :meth:`store_stamps` (taken once for many items); without it the
        item's store files are looked at by themselves.
        """
        item = self.items[number]
        if not item.readable or item.entry is None:
            return item
        state = self._store_state(item, item.entry, stamps)
        if state == item.entry.store:
            return item
        return self._put(number, replace(item.entry, store=state))

    def _store_state(self, item: LibraryItem, entry: IndexEntry, stamps: dict[str, tuple[int, int]] | None) -> StoreState | None:
        """The store state of the first store file identity finds for ``item`` (None: none)."""
        known = entry.store
        for key, check in self._store_keys(item, entry, listed=stamps is not None):
            file = self.store_folder / f"{key}.json"
            if stamps is None:
                stamp = _store_stamp_of(file)
            else:
                main, journal = stamps.get(file.name), stamps.get(journal_path(file).name)
                stamp = None if main is None else (*main, *(journal or (0, 0)))
            if stamp is None:
                continue
            if known is not None and known.file == str(file) and known.stamp == stamp:
                return known
            state = _read_store_state(file, stamp, check)
            if state is not None:
                return state
        return None

    def _store_keys(self, item: LibraryItem, entry: IndexEntry, *, listed: bool) -> Iterator[tuple[str, tuple[str, str] | None]]:
        """The keys of the store files that may hold ``item``'s annotations, in identity's
        order, each with the meta field and value its file must hold (None: no check):
        the content hash's alias, the bytes hash's alias, the path's own key, the path's alias."""
        for kind, meta_field, value in (("c", "content", entry.content), ("b", "sha256", entry.sha256)):
            if value is not None and self._may_have_alias(kind, value, listed):
                key = read_alias(self.store_root, kind, value)
                if key is not None:
                    yield key, (meta_field, value)
        own = article_key(storable_path(item.path))
        yield own, None
        if self._may_have_alias("p", own, listed):
            key = read_alias(self.store_root, "p", own)
            if key is not None and key != own:
                yield key, None

    def _may_have_alias(self, kind: str, value: str, listed: bool) -> bool:
        """False only if the last listing of the aliases shows there is no such alias."""
        return not listed or self._aliases is None or alias_file(self.store_root, kind, value).name in self._aliases

    def current_paths(self) -> dict[str, list[str]]:
        """The paths of the listed articles by the store file found for each (several for
        copies): where the annotations overview names and opens their articles."""
        found: dict[str, list[str]] = {}
        for item in self.items:
            state = item.store
            if state is not None and state.error is None:
                found.setdefault(state.file, []).append(item.path)
        return found

    def set_sentences(self, number: int, stamp: FileStamp, sentences: int) -> LibraryItem:
        """Record the sentence count of item ``number``, found for the file as of ``stamp``."""
        item = self.items[number]
        if item.entry is None or item.entry.stamp != stamp:
            return item  # the file changed meanwhile: it is counted again next time
        return self._put(number, replace(item.entry, sentences=sentences))

    def set_error(self, number: int, stamp: FileStamp, reason: str) -> LibraryItem:
        """Record that item ``number`` (as of ``stamp``) cannot be opened after all."""
        item = self.items[number]
        if item.entry is None or item.entry.stamp != stamp:
            return item
        return self._put(number, IndexEntry(stamp, error=reason))

    def save(self) -> None:
        """Write the index files of the folders whose entries changed."""
        with self._lock:
            if not self._changed:
                return
            snapshot = {
                folder: {name: entry for name, entry in entries.items() if folder not in self._present or name in self._present[folder]}
                for folder, entries in self._entries.items()
            }
            self._changed = False
        for folder, entries in snapshot.items():
            self.index.save(Path(folder), entries)

    def _put(self, number: int, entry: IndexEntry, *, keep: bool = True) -> LibraryItem:
        """Replace item ``number``'s entry (in the item and the index)."""
        item = self.items[number]
        if not keep and item.entry is not None and item.entry.store is not None and entry.error is None:
            entry = replace(entry, store=item.entry.store)
        updated = item.with_entry(entry)
        with self._lock:
            self._entries.setdefault(item.folder, {})[item.name] = entry
            self._changed = True
        self.items[number] = updated
        return updated


def _entry_stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def _stamps_in(folder: str) -> dict[str, tuple[int, int]]:
    """Size and mtime of the files directly in ``folder``, by name (one ``scandir``)."""
    try:
        with os.scandir(folder) as found:
            return {e.name: (s.st_size, s.st_mtime_ns) for e in found if (s := _entry_stat(e)) is not None}
    except OSError:
        return {}


def _stamp(path: str | Path) -> FileStamp | None:
    try:
        return FileStamp.of(os.stat(path))
    except OSError:
        return None


def _store_stamp_of(file: Path) -> tuple[int, int, int, int] | None:
    main = _stamp(file)
    if main is None:
        return None
    journal = _stamp(journal_path(file)) or FileStamp(0, 0)
    return (main.size, main.mtime_ns, journal.size, journal.mtime_ns)


def _read_store_state(file: Path, stamp: tuple[int, int, int, int], check: tuple[str, str] | None = None) -> StoreState | None:
    """Tagged sentences, position and last opening from one store file (read-only); None
    if ``check`` (a meta field and its value: ``content`` or ``sha256`` and a hash) is
    given and the file holds another article (a stale alias)."""
    try:
        stored = ArticleFile.open(file, read_only=True, bulk=True)
    except StoreError as error:
        return StoreState(str(file), stamp, error=error.reason)
    try:
        meta = stored.meta
        if check is not None and meta.get(check[0]) != check[1]:
            return None
        position, opened = meta.get("position"), meta.get("opened")
        visited = meta.get("position_at") is not None  # a reader left it (a store made by tagging: no visit)
        return StoreState(
            str(file),
            stamp,
            tagged=stored.view().tagged_count,
            position=position if visited and type(position) is int and position >= 1 else None,
            opened=opened if visited and isinstance(opened, str) else None,
        )
    finally:
        stored.close()
