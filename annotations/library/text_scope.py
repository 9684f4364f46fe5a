"""What a search covers: folders of articles (listed as the library lists them) and single
article files, by absolute path."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotations.library.folders import library_articles
from annotations.library.scan import FileStamp


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_files", frozenset(self.files))  # a library's 10,000 files: looked up, not scanned

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
        found = dict.fromkeys(self.files)
        for folder in self.folders:
            try:
                listed = library_articles(Path(folder), self.depth, skip=[Path(path) for path in self.skip])
            except OSError:
                continue
            found.update(dict.fromkeys(str(path) for path in listed.files))
        return list(found)

    def stamps(self) -> dict[str, FileStamp]:
        """The stamp of every article file in the scope that is there now."""
        stamps: dict[str, FileStamp] = {}
        for path in self.article_files():
            try:
                stamps[path] = FileStamp.of(os.stat(path))
            except OSError:
                continue
        return stamps

    def covers(self, path: str) -> bool:
        """Whether the article file ``path`` (absolute) belongs to the scope."""
        if path in self._files:
            return True
        for folder in self.folders:
            inside = os.path.relpath(path, folder) if path.startswith(folder.rstrip(os.sep) + os.sep) else None
            if inside is not None and inside.count(os.sep) <= self.depth and not self._skipped(path):
                return True
        return False

    def _skipped(self, path: str) -> bool:
        """Whether ``path`` is inside a skipped folder."""
        return any(path.startswith(skip.rstrip(os.sep) + os.sep) for skip in self.skip)


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
