"""The library index: what listing a folder needs to know of each article, kept between runs.

One JSON file per folder of articles, in the user cache folder
(``~/.cache/newsmark/library`` on Linux), holding for each file name: the file's size and
modification time when it was looked at, its title, sections, bytes' SHA-256 and text's content hash (the cheap scan), its
sentence count once known (by the splitter version the file names: another version
counts again), and what the store held for it (tagged sentences, where the
reader left off, when it was last opened) with the store file it was found in (by the
store's identity rules: the file moved or renamed keeps it) and that file's own size and time.
An entry whose file (or store file) changed since is looked at again.

Like the sentence cache, the index is only ever a shortcut: a file that cannot be read
or written, or an entry of the wrong shape, is treated as missing (the article is
scanned again), never as a result.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotations.files import user_cache_folder, write_cache_file
from annotations.library.scan import FileStamp
from annotations.sentences import cache

#: Bump when what an entry means changes, so old index files are not reused.
INDEX_VERSION = 4


@dataclass(frozen=True, slots=True)
class StoreState:
    """What the store held for an article, as of its store file's ``stamp``."""

    file: str
    """The store file it was read from (another store is another file)."""
    stamp: tuple[int, int, int, int]
    """Size and mtime (ns) of the store file and of its journal (0, 0 when there is none)."""
    tagged: int = 0
    position: int | None = None
    opened: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One article file as last seen: its stamp, the cheap scan, and what came later."""

    stamp: FileStamp
    title: str = ""
    sections: int = 0
    error: str | None = None
    sentences: int | None = None
    """Known once the article was split (in the background); None until then."""
    store: StoreState | None = None
    sha256: str | None = None
    """The SHA-256 of the file's bytes as scanned: how its store file is found once it moved."""
    content: str | None = None
    """The hash of its normalized text as scanned: found first (a moved file re-saved with CRLF or a BOM too)."""


def default_index_folder() -> Path:
    """The platform's user cache folder for the library index."""
    return user_cache_folder("library")


class LibraryIndex:
    """A folder of index files, one per folder of articles."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def default(cls) -> LibraryIndex:
        """The index in the user's cache folder (``~/.cache/newsmark/library`` on Linux)."""
        return cls(default_index_folder())

    def path(self, articles: Path) -> Path:
        """The index file of the folder ``articles`` (an absolute path)."""
        key = hashlib.sha256(os.fsencode(articles)).hexdigest()[:24]
        return self.folder / f"{key}-v{INDEX_VERSION}.json"

    def load(self, articles: Path) -> dict[str, IndexEntry]:
        """The entries kept for the folder ``articles``, by file name; sound ones only."""
        try:
            data = json.loads(self.path(articles).read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("folder") != os.fsdecode(os.fsencode(articles)):
            return {}
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return {}
        # Sentence counts are the splitter's: another version of it counts them again.
        same_splitter = data.get("splitter") == cache.SPLITTER_VERSION
        found: dict[str, IndexEntry] = {}
        for name, value in entries.items():
            entry = entry_from_json(value)
            if entry is not None:
                found[name] = entry if same_splitter or entry.sentences is None else replace(entry, sentences=None)
        return found

    def save(self, articles: Path, entries: Mapping[str, IndexEntry]) -> None:
        """Keep ``entries`` for the folder ``articles``; a full or read-only disk only means
        no index (see :func:`~annotations.files.write_cache_file`: a reader of the index sees
        the old or the new file, never half of one)."""
        document = {
            "newsmark_library": INDEX_VERSION,
            "splitter": cache.SPLITTER_VERSION,
            "folder": os.fsdecode(os.fsencode(articles)),
            "entries": {name: entry_to_json(entry) for name, entry in entries.items()},
        }
        write_cache_file(self.path(articles), json.dumps(document, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def entry_to_json(entry: IndexEntry) -> list[Any]:
    """An entry as stored: a flat list (10,000 of them load in a few ms)."""
    store = entry.store
    kept_store = None if store is None else [store.file, list(store.stamp), store.tagged, store.position, store.opened, store.error]
    return [
        entry.stamp.size,
        entry.stamp.mtime_ns,
        entry.title,
        entry.sections,
        entry.error,
        entry.sentences,
        kept_store,
        entry.sha256,
        entry.content,
    ]


def entry_from_json(value: object) -> IndexEntry | None:
    """An entry read back, or None if it is not exactly what :func:`entry_to_json` writes."""
    if type(value) is not list or len(value) != 9:
        return None
    size, mtime_ns, title, sections, error, sentences, store, sha256, content = value
    # Exact type checks, inline: 10,000 entries are checked before a warm library's first frame.
    if type(size) is not int or size < 0 or type(mtime_ns) is not int or type(title) is not str:
        return None
    if type(sections) is not int or sections < 0 or not (error is None or type(error) is str):
        return None
    if not (sentences is None or (type(sentences) is int and sentences >= 0)):
        return None
    if not (sha256 is None or (type(sha256) is str and len(sha256) == 64)):
        return None
    if not (content is None or (type(content) is str and len(content) == 64)):
        return None
    if error is None and (sections < 1 or (sentences is not None and sentences < 1)):
        return None
    state = None
    if store is not None:
        state = _store_from_json(store)
        if state is None:
            return None
    return IndexEntry(FileStamp(size, mtime_ns), title, sections, error, sentences, state, sha256, content)


def _store_from_json(value: object) -> StoreState | None:
    if not isinstance(value, list) or len(value) != 6:
        return None
    file, stamp, tagged, position, opened, error = value
    if not isinstance(file, str) or not isinstance(stamp, list) or len(stamp) != 4 or not all(_int(x) for x in stamp):
        return None
    if not _count(tagged) or not (position is None or (_count(position) and position >= 1)):
        return None
    if not (opened is None or isinstance(opened, str)) or not (error is None or isinstance(error, str)):
        return None
    return StoreState(file, (stamp[0], stamp[1], stamp[2], stamp[3]), tagged, position, opened, error)


def _int(value: object) -> bool:
    return type(value) is int


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
