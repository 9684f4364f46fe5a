"""What a search covers: folders of articles (listed as the library lists them) and single
article files, by absolute path."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotations.formats.registry import GENERATED_NAME, article_suffixes
from annotations.library.text_articles import Stamp, stamp_of


def absolute(path: str | Path) -> str:
    """``path`` made absolute, as the index keys articles (symbolic links kept as named)."""
    return os.path.abspath(os.fsdecode(path))


@dataclass(frozen=True)
class Scope:
    """Folders (with their subfolders down to ``depth``, ``skip`` left out) and files."""

    folders: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    depth: int = 0
    skip: tuple[str, ...] = ()
    _files: frozenset[str] = field(init=False, repr=False, compare=False)
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _skip_prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _skip_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A library's 10,000 files are looked up, not scanned; the folders' prefixes made once.
        object.__setattr__(self, "_files", frozenset(self.files))
        object.__setattr__(self, "_prefixes", tuple(folder.rstrip(os.sep) + os.sep for folder in self.folders))
        object.__setattr__(self, "_skip_prefixes", tuple(skip.rstrip(os.sep) + os.sep for skip in self.skip))
        object.__setattr__(self, "_skip_set", frozenset(self.skip) | frozenset(os.path.realpath(skip) for skip in self.skip))

    @classmethod
    def of(cls, paths: Iterable[str | Path], *, depth: int = 0, skip: Iterable[str | Path] = ()) -> Scope:
        """The scope of ``paths``: each a folder or a file (missing ones count as files)."""
        folders: list[str] = []
        files: list[str] = []
        for path in dict.fromkeys(absolute(path) for path in paths):
            (folders if os.path.isdir(path) else files).append(path)
        return cls(tuple(folders), tuple(files), depth, tuple(absolute(path) for path in skip))

    def article_files(self) -> list[str]:
        """Every article file in the scope, each once (a folder that cannot be listed gives none)."""
        return list(self.stamps())

    def stamps(self, left_out: list[str] | None = None) -> dict[str, Stamp]:
        """Every article file in the scope that is there now, with its stamp: the folders'
        regular files as the library lists them (:func:`~annotations.library.folders.library_articles`),
        and the files named. In no particular order (sort what is to be shown). A file
        whose path is not valid UTF-8 (the index can keep no such name) is left out, and
        added to ``left_out``."""
        stamps: dict[str, Stamp] = {}
        left = [] if left_out is None else left_out
        for path in self.files:
            if not utf8(path):
                left.append(path)
                continue
            with contextlib.suppress(OSError):
                stamps[path] = stamp_of(os.stat(path))
        seen: set[tuple[int, int]] = set()
        for folder in self.folders:
            self._walk(folder, 0, stamps, seen, left)
        return stamps

    def _walk(self, folder: str, level: int, stamps: dict[str, Stamp], seen: set[tuple[int, int]], left: list[str]) -> None:
        """Add the article files of ``folder`` (and of its subfolders down to ``depth``)."""
        listed = self._list(folder, level, seen, left)
        if listed is None:
            return
        here, inner = listed
        stamps.update(here)
        for path in inner:
            self._walk(path, level + 1, stamps, seen, left)

    def _list(self, folder: str, level: int, seen: set[tuple[int, int]], left: list[str]) -> tuple[dict[str, Stamp], list[str]] | None:
        """The article files of ``folder`` with their stamps, and its subfolders to walk
        (none below ``depth``); None for a folder walked already or that cannot be listed.

        Once per file of a library on every search, so as little as can be per entry
        (``benchmarks/bench_search.py``): strings, not ``Path``s; the suffix tested on the
        name's end; the entry's own ``stat``; the stamp built inline; no sorting."""
        try:
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in seen:
                return None  # a link back up the tree, or to a folder walked already
            seen.add((status.st_dev, status.st_ino))
            scanned = os.scandir(folder)
        except OSError:
            return None
        suffixes, generated = tuple(article_suffixes()), GENERATED_NAME.search
        named = utf8(folder)
        here: dict[str, Stamp] = {}
        inner: list[str] = []
        try:
            with scanned:
                for entry in scanned:
                    name = entry.name
                    if name.startswith("."):
                        continue
                    try:
                        if name.lower().endswith(suffixes) and entry.is_file() and not generated(name):
                            if not (named and (name.isascii() or utf8(name))):
                                left.append(entry.path)
                                continue
                            found = entry.stat()
                            here[entry.path] = [found.st_size, found.st_mtime_ns, found.st_ctime_ns]
                        elif level < self.depth and entry.is_dir() and entry.path not in self._skip_set:
                            inner.append(entry.path)
                    except OSError:
                        continue
        except OSError:
            return None  # the listing failed part way: the folder gives none, as one that cannot be listed
        return here, inner

    def covers(self, path: str) -> bool:
        """Whether the article file ``path`` (absolute) belongs to the scope."""
        if path in self._files:
            return True
        for prefix in self._prefixes:
            if path.startswith(prefix) and path.count(os.sep, len(prefix)) <= self.depth:
                return not any(path.startswith(skip) for skip in self._skip_prefixes)
        return False


def utf8(path: str) -> bool:
    """Whether ``path`` is valid UTF-8 (a name of undecodable bytes holds surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str) -> str:
    """``path`` as a line can show it: undecodable bytes as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def opened_folders(library_index: Path) -> list[str]:
    """The folders a library has been opened on (each library index file names its folder),
    those that are still folders, each once."""
    import orjson

    found: dict[str, None] = {}
    for file in sorted(library_index.glob("*.json")):
        try:
            data = orjson.loads(file.read_bytes())
        except (OSError, ValueError):
            continue  # a damaged index file: the library lists that folder anew when opened
        folder = data.get("folder") if isinstance(data, dict) else None
        if isinstance(folder, str) and os.path.isdir(folder):
            found[folder] = None
    return list(found)
