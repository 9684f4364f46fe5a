"""Errors that newsmark reports to the user as one line."""

from __future__ import annotations

from pathlib import Path


class NewsmarkError(Exception):
    """Base of every error newsmark explains to the user in one line."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = " ".join(str(reason).split())
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        return f"{self.path}: {self.reason}"


class ArticleError(NewsmarkError):
    """An article file that cannot be read as an article."""


class ConfigError(NewsmarkError):
    """An invalid configuration file or tag schema."""


class StoreError(NewsmarkError):
    """A store that cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """The store's single writer slot is taken by another process."""

    def __init__(self, path: str | Path, pid: int | None) -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(path, f"in use by {who}; only one newsmark can write to a store at a time")
        self.pid = pid


class ImportFormatError(NewsmarkError):
    """An import file that is not a valid newsmark export."""
