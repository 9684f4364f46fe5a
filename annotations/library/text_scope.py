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
    skip: tuple[str, ...] = field(default=())

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
        if path in self.files:
            return True
        for folder in self.folders:
            inside = os.path.relpath(path, folder) if path.startswith(folder.rstrip(os.sep) + os.sep) else None
            if inside is not None and inside.count(os.sep) <= self.depth and not self._skipped(path):
                return True
        return False

    def _skipped(self, path: str) -> bool:
        """Whether ``path`` is inside a skipped folder."""
        return any(path.startswith(skip.rstrip(os.sep) + os.sep) for skip in self.skip)
