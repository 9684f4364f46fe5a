"""The annotation store: a folder of small TinyDB files, one per article.

Layout of a store folder::

    STORE.json          marks the folder as a newsmark store (format version)
    writer.lock         held by the one process writing the whole store (with the folder
                        itself), or shared by every process writing single articles
    writer.pid          the whole-store writer's process id, for "in use by process N"
    articles/<key>.json one TinyDB file per article: tables meta, annotations, history
    articles/<key>.lock held by the one process writing that article (holds its id)
    articles/c-<h>.lock held by the one process writing an article with that text (its
                        content hash), taken before its store file is looked up
    aliases/<kind>-<h>  which article file a content hash or another path names
                        (see annotations.store.identity)

Every call that changes annotations returns only after the change is on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotations.errors import StoreError, StoreLockedError
from annotations.files import read_user_file
from annotations.store.article_file import STORE_FORMAT, ArticleFile
from annotations.store.article_locks import ArticleLocks
from annotations.store.holding import HeldArticle, LockMode
from annotations.store.locking import LockLost, LockTimeout, WriterLock, process_alive
from annotations.store.marker import (
    ALIASES_DIR,
    ARTICLES_DIR,
    LOCK_NAME,
    MARKER_NAME,
    PID_NAME,
    SMALL_FILE_BYTES,
    check_store_folder,
)
from annotations.store.permissions import PRIVATE_FILE, PRIVATE_FOLDER
from annotations.store.storage import atomic_write_bytes

__all__ = ["ALIASES_DIR", "ARTICLES_DIR", "LOCK_NAME", "MARKER_NAME", "PID_NAME", "HeldArticle", "LockMode", "Store", "article_key"]


def article_key(path: str) -> str:
    """The file name stem of an article's store file: a hash of its absolute path."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


class Store:
    """A store folder, opened for writing or reading.

    ``mode`` is ``WRITE`` (the whole store, for this process alone: raise
    :class:`StoreLockedError` if another process writes any of it), ``ARTICLES`` (each
    article opened for writing is locked for this process alone, waiting up to ``wait``
    s, else :class:`StoreLockedError` naming the article; other processes write other
    articles meanwhile), ``AUTO`` (as ``ARTICLES``, but an article or store held
    elsewhere opens read-only, until :meth:`try_write` finds it free) or ``READ``
    (never write).
    """

    def __init__(self, root: str | Path, *, mode: LockMode = LockMode.WRITE, wait: float = 0.0) -> None:
        self.root = Path(root).expanduser()
        self.locked_by: int | None = None
        """The process holding the whole store, when that is why this store is read-only."""
        self.read_only_reason = "opened for reading only"
        """Why the store is read-only, for the user: another writer, or a folder that cannot be written."""
        self._lock: WriterLock | None = None
        self._mode = mode
        self._wait = wait
        self._article_locks = ArticleLocks(self.root / ARTICLES_DIR)
        self._held: dict[str, HeldArticle] = {}
        """Every article file open in this store, by key."""
        self._guard_users: dict[str, int] = {}
        """How many opens for writing in this process use each content guard."""
        check_store_folder(self.root)
        self.read_only = mode is LockMode.READ
        if mode is LockMode.WRITE:
            self._take_lock(wait)
        elif mode is LockMode.ARTICLES:
            self._take_lock(wait, shared=True)
        elif mode is LockMode.AUTO:
            self.read_only = not self._lock_if_free(wait)

    def try_write(self) -> bool:
        """Whether this store, and every article opened for writing in it, can write now,
        taking the locks that have become free.

        In ``AUTO`` mode a store held by another process (or on a folder that could not
        be written) is read-only, and so is an article another process writes; this takes
        each lock without waiting if it is free now, and every article file that gets its
        lock turns writable, reloaded from disk (the other writer may have changed it
        meanwhile: anything built from its records before, such as an
        ``ArticleAnnotations``, must be built again). Always False for ``READ`` mode.
        """
        if self._mode is not LockMode.AUTO:
            return not self.read_only
        if self.read_only:
            if not self._lock_if_free(0.0, pid_reads=1):  # called on a timer: never sleeps
                return False
            self.read_only = False
        writable = True
        for held in self._held.values():
            if held.path is None or held.file is None or not held.file.read_only:
                continue
            if self._lock_all(held, owner_reads=1):
                held.file.make_writable(self._writer_check(held))
            else:
                writable = False
        return writable

    def _lock_if_free(self, wait: float, pid_reads: int = 10) -> bool:
        """Take the store's shared lock if it is free (within ``wait`` s); if not, say
        why in :attr:`locked_by` and :attr:`read_only_reason`."""
        try:
            self._take_lock(wait, pid_reads, shared=True)
        except StoreLockedError as error:
            self.locked_by = error.pid
            self.read_only_reason = f"the store is in use by {f'process {error.pid}' if error.pid else 'another process'}"
            return False
        except StoreError as error:
            self.locked_by = None
            self.read_only_reason = error.reason  # e.g. a read-only file system: still readable
            return False
        self.locked_by = None
        return True

    def _lock_article(self, lock_key: str, path: str, owner_reads: int = 10) -> str | None:
        """Lock one article (or content guard) for writing: None if held now; in ``AUTO``
        mode why not, when another process holds it; otherwise it raises."""
        try:
            self._article_locks.acquire(lock_key, path, wait=self._wait, owner_reads=owner_reads)
        except StoreLockedError as error:
            if self._mode is not LockMode.AUTO:
                raise
            return f"the article is in use by {f'process {error.pid}' if error.pid else 'another process'}"
        except StoreError as error:
            if self._mode is not LockMode.AUTO:
                raise
            return error.reason
        return None

    def _lock_all(self, held: HeldArticle, owner_reads: int = 10) -> bool:
        """Lock an article's content guards, then its file (see :meth:`_lock_article`);
        a refusal is kept in its record."""
        path = held.path or ""
        for lock_key in [*dict.fromkeys(held.guards), held.key]:
            held.refusal = self._lock_article(lock_key, path, owner_reads)
            if held.refusal is not None:
                return False
        return True

    def _holds_all(self, held: HeldArticle) -> bool:
        """Whether this store holds the article's lock and each of its content guards."""
        return all(self._article_locks.holds(k) for k in (*held.guards, held.key))

    def _held_for(self, file: ArticleFile) -> HeldArticle | None:
        """The record of an open article file."""
        return next((held for held in self._held.values() if held.file is file), None)

    def why_read_only(self, file: ArticleFile) -> str:
        """Why ``file`` cannot be written, for the user."""
        if self.read_only:
            return self.read_only_reason
        held = self._held_for(file)
        if held is not None and held.refusal is not None:
            return held.refusal
        return "opened for reading only"

    # -- folder and lock -------------------------------------------------

    def _take_lock(self, wait: float, pid_reads: int = 10, *, shared: bool = False) -> None:
        try:
            self.root.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            marker = self.root / MARKER_NAME
            if not marker.exists():  # first: so the folder is never seen without its marker
                atomic_write_bytes(marker, json.dumps({"newsmark_store": STORE_FORMAT}).encode(), mode=PRIVATE_FILE)
            (self.root / ARTICLES_DIR).mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        except OSError as error:
            raise StoreError(self.root, f"cannot create the store folder: {error.strerror or error}") from None
        lock = WriterLock(self.root / LOCK_NAME, shared=shared)
        try:
            lock.acquire(wait)
        except LockTimeout:
            holder = self._writer_pid(pid_reads) if shared else (self._article_locks.any_owner() or self._writer_pid(pid_reads))
            raise StoreLockedError(self.root, holder) from None
        except OSError as error:
            raise StoreError(self.root / LOCK_NAME, f"cannot lock the store: {error.strerror or error}") from None
        self._lock = lock
        if shared:  # writer.pid names the one whole-store writer
            return
        try:
            atomic_write_bytes(self.root / PID_NAME, str(os.getpid()).encode(), mode=PRIVATE_FILE)
        except OSError as error:
            self._release_lock()
            raise StoreError(self.root, f"cannot write to the store: {error.strerror or error}") from None

    def check_writer(self) -> None:
        """Raise :class:`StoreError` unless this store still holds the writer lock; every
        write of an article file calls it first (see :meth:`WriterLock.check`)."""
        if self._lock is None:
            raise StoreError(self.root, "the store is not open for writing; the change was not saved")
        try:
            self._lock.check()
        except LockLost as lost:
            raise StoreError(self.root / LOCK_NAME, f"{lost}; the change was not saved: close and reopen to write") from None

    def _writer_pid(self, reads: int) -> int | None:
        """The writer's process id; it writes it just after taking the lock, so a file
        naming a process that is gone (or no file yet) is read again for a moment (up to
        ``reads`` times, 20 ms apart)."""
        for attempt in range(reads):
            try:
                pid = int(read_user_file(self.root / PID_NAME, StoreError, what="a process id", max_bytes=SMALL_FILE_BYTES, streams=False))
            except (OSError, ValueError, StoreError):
                pid = None
            if pid is not None and pid != os.getpid() and process_alive(pid):
                return pid
            if pid == os.getpid():
                return pid  # this process holds it (another Store object)
            if attempt + 1 < reads:
                time.sleep(0.02)
        return None

    def close(self) -> None:
        """Release every lock (nothing is buffered: every change is on disk)."""
        for held in self._held.values():
            if held.file is not None:
                held.file.close()
        self._held.clear()
        self._guard_users.clear()
        self._article_locks.release_all()
        self._release_lock()

    def require_free(self, articles: dict[str, str]) -> None:
        """Raise :class:`StoreLockedError` naming the first article of ``articles`` (store
        file keys → article paths) that another process writes now (without waiting), so
        that a command writing many articles one after another (``import``) can refuse
        before writing any."""
        if not self._mode.per_article:
            return
        for key, path in articles.items():
            if self._article_locks.holds(key):
                continue
            self._article_locks.acquire(key, path, wait=0.0)
            self._article_locks.release(key)

    def guard_content(self, guard: str, path: str) -> bool:
        """Take the lock named ``guard`` (an article's content, see
        :func:`annotations.store.identity.find_article_file`) for one more open for
        writing, before that open resolves which file holds the article: so two
        processes opening the same text at two paths never both write it. True if held
        now; False in ``AUTO`` mode (or a read-only store) if another process holds it;
        otherwise :class:`StoreLockedError`. The open that follows names it in
        :meth:`file_for_key` (``guard``), and releasing that file lets go of it."""
        if not self._mode.per_article:
            return not self.read_only
        self._guard_users[guard] = self._guard_users.get(guard, 0) + 1
        if self.read_only:
            return False
        try:
            return self._lock_article(guard, path) is None
        except BaseException:
            self._let_go(guard)
            raise

    def release_article(self, article_file: ArticleFile) -> None:
        """One open of ``article_file`` for writing is over (the reader calls this when it
        leaves the article): when it was the last in this process, close the file and let
        go of its lock, for others to write it; the content guard it was opened under
        is let go of likewise."""
        held = self._held_for(article_file) or self._held.get(article_file.path.stem)
        if held is None:
            self._article_locks.release(article_file.path.stem)
            return
        if held.guards:
            self._let_go(held.guards.pop())
        if held.users > 1:
            held.users -= 1
            return
        del self._held[held.key]
        if held.file is not None:
            held.file.close()
        self._article_locks.release(held.key)

    def _end_open(self, held: HeldArticle, guard: str | None) -> None:
        """Undo what :meth:`file_for_key` counted for an open that failed."""
        if guard is not None and guard in held.guards:
            held.guards.remove(guard)
        held.users -= 1
        if held.users > 0:
            return
        held.users = 0
        held.path = None
        if held.file is None:
            del self._held[held.key]

    def key_guarded_by(self, guard: str) -> str | None:
        """The key of a file this store has open for writing under the content guard
        ``guard`` (the same text opened at another path in this process), if any."""
        return next((held.key for held in self._held.values() if guard in held.guards), None)

    def release_guard(self, guard: str) -> None:
        """Give back a content guard taken by :meth:`guard_content` for an open that did
        not happen (the article's file was refused)."""
        self._let_go(guard)

    def _let_go(self, guard: str) -> None:
        """One user of a content guard is done: release it when it was the last."""
        users = self._guard_users.get(guard, 0) - 1
        if users > 0:
            self._guard_users[guard] = users
            return
        self._guard_users.pop(guard, None)
        self._article_locks.release(guard)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- article files ---------------------------------------------------

    def article_file(self, path: str, *, write: bool = False) -> ArticleFile:
        """The store file named by the article's absolute ``path`` (created on first
        write); :mod:`annotations.store.identity` finds an article's file by content first."""
        return self.file_for_key(article_key(path), write=write, path=path)

    def file_for_key(self, key: str, *, write: bool = False, path: str = "", guard: str | None = None) -> ArticleFile:
        """The store file ``articles/<key>.json`` (created on first write).

        With ``write``, the article is locked for this process (in ``ARTICLES`` and
        ``AUTO`` mode; see :class:`Store`) for one more user: each such open is ended
        by :meth:`release_article`. ``guard`` names the content guard taken for this open
        by :meth:`guard_content`: the file writes only while it is held too. Without
        ``write`` the file opens read-only unless this store holds the whole store or
        the article already. ``path`` names the article in messages.
        """
        per_article = write and self._mode.per_article
        held = self._held.setdefault(key, HeldArticle(key))
        if per_article:
            held.users += 1
            if guard is not None:
                held.guards.append(guard)
        writable = not self.read_only and (self._mode is LockMode.WRITE or self._holds_all(held))
        if per_article:
            held.path = path
            if not self.read_only and not writable:
                try:
                    writable = self._lock_all(held)
                except BaseException:  # refused (ARTICLES mode): this open never began
                    self._end_open(held, guard)
                    raise
        if held.file is None:
            stored = self.root / ARTICLES_DIR / f"{key}.json"
            held.file = ArticleFile.open(stored, read_only=not writable, before_write=self._writer_check(held))
        elif held.file.read_only and writable:
            held.file.make_writable(self._writer_check(held))
        return held.file

    def _writer_check(self, held: HeldArticle) -> Callable[[], None]:
        """What an article file calls before each write: the store's lock, and the article's."""
        if self._mode is LockMode.WRITE:
            return self.check_writer

        def check() -> None:
            self.check_writer()
            for lock_key in dict.fromkeys((*held.guards, held.key)):
                self._article_locks.check(lock_key)

        return check

    def stored_paths(self) -> list[Path]:
        """Every article store file, sorted by name."""
        folder = self.root / ARTICLES_DIR
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))

    def stored_files(self) -> Iterator[ArticleFile]:
        """Each stored article's file, opened read-only (a consistent snapshot each)."""
        for path in self.stored_paths():
            yield ArticleFile.open(path, read_only=True, bulk=True)
