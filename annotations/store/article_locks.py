"""The locks of single articles: ``articles/<key>.lock``, one writer per article.

A process that writes some articles (the reader, ``newsmark tag``, ``import``) holds the
store's lock *shared* and each article it writes *exclusively*, so writers of different
articles never wait for each other, and a writer of the whole store (an older newsmark,
or a tool holding it exclusively) still excludes them all. An article's lock file holds
its holder's process id, for the "in use by process N" message.

The lock files share the ``articles`` folder, so only the file is locked (not its
folder): a lock file deleted or replaced under its holder is put back, or, if another
process holds the new one, refused from then on (see :meth:`WriterLock.check`).
"""

from __future__ import annotations

import time
from pathlib import Path

from annotations.errors import StoreError, StoreLockedError
from annotations.store.locking import LockLost, LockTimeout, WriterLock, lock_owner

LOCK_SUFFIX = ".lock"
#: How long to look for a holder's process id (written just after it took the lock).
_OWNER_READ_PAUSE = 0.02


class ArticleLocks:
    """The article locks one store object holds, by article key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._held: dict[str, WriterLock] = {}

    def lock_path(self, key: str) -> Path:
        """The lock file of the article with store key ``key``."""
        return self.folder / f"{key}{LOCK_SUFFIX}"

    def holds(self, key: str) -> bool:
        """Whether this object holds the article's lock."""
        return key in self._held

    def acquire(self, key: str, article: str, *, wait: float, owner_reads: int = 10) -> None:
        """Take the article's lock, waiting up to ``wait`` s; :class:`StoreLockedError`
        naming ``article`` and its holder if another process keeps it."""
        if key in self._held:
            return
        lock = WriterLock(self.lock_path(key), folder=False)
        try:
            lock.acquire(wait)
        except LockTimeout:
            raise StoreLockedError(article, self.owner(key, owner_reads), what="an article") from None
        except OSError as error:
            raise StoreError(self.lock_path(key), f"cannot lock the article: {error.strerror or error}") from None
        try:
            lock.write_owner()
        except OSError as error:
            lock.release()
            raise StoreError(self.lock_path(key), f"cannot write to the store: {error.strerror or error}") from None
        self._held[key] = lock

    def owner(self, key: str, reads: int = 1) -> int | None:
        """The process holding the article's lock, read up to ``reads`` times (20 ms apart)."""
        for attempt in range(reads):
            pid = lock_owner(self.lock_path(key))
            if pid is not None:
                return pid
            if attempt + 1 < reads:
                time.sleep(_OWNER_READ_PAUSE)
        return None

    def any_owner(self) -> int | None:
        """A process holding some article's lock in this folder, if one is named."""
        if not self.folder.is_dir():
            return None
        for path in sorted(self.folder.glob(f"*{LOCK_SUFFIX}")):
            pid = lock_owner(path)
            if pid is not None:
                return pid
        return None

    def check(self, key: str) -> None:
        """Raise :class:`StoreError` unless the article's lock is still held (before a write)."""
        lock = self._held.get(key)
        if lock is None:
            raise StoreError(self.lock_path(key), "the article is not open for writing; the change was not saved")
        try:
            lock.check()
        except LockLost as lost:
            raise StoreError(self.lock_path(key), f"{lost}; the change was not saved: close and reopen to write") from None

    def release(self, key: str) -> None:
        """Let go of one article's lock (harmless if not held)."""
        lock = self._held.pop(key, None)
        if lock is not None:
            lock.release()

    def release_all(self) -> None:
        """Let go of every article lock held."""
        for key in list(self._held):
            self.release(key)
