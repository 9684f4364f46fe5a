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
from annotations.store.locking import LockLost, LockTimeout, WriterLock, process_alive
from annotations.store.storage import atomic_write_bytes

MARKER_NAME = "STORE.json"
ARTICLES_DIR = "articles"
LOCK_NAME = "writer.lock"
PID_NAME = "writer.pid"
ALIASES_DIR = "aliases"
_OWN_NAMES = frozenset({MARKER_NAME, ARTICLES_DIR, LOCK_NAME, PID_NAME, ALIASES_DIR})
# The marker and the process id file hold a few bytes; more is damage, not data.
_SMALL_FILE_BYTES = 64 * 1024


def article_key(path: str) -> str:
    """The file name stem of an article's store file: a hash of its absolute path."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


#: How a store is opened: ``"write"`` holds the whole store exclusively; ``"articles"``
#: and ``"auto"`` share the store and lock each article as it is opened for writing
#: (``"articles"`` raises if an article is held elsewhere, ``"auto"`` opens it
#: read-only instead); ``"read"`` never writes.
MODES = ("write", "articles", "auto", "read")


class Store:
    """A store folder, opened for writing or reading.

    ``mode`` is ``"write"`` (the whole store, for this process alone: raise
    :class:`StoreLockedError` if another process writes any of it), ``"articles"`` (each
    article opened for writing is locked for this process alone, waiting up to ``wait``
    s, else :class:`StoreLockedError` naming the article; other processes write other
    articles meanwhile), ``"auto"`` (as ``"articles"``, but an article or store held
    elsewhere opens read-only, until :meth:`try_write` finds it free) or ``"read"``
    (never write).
    """

    def __init__(self, root: str | Path, *, mode: str = "write", wait: float = 0.0) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown store mode {mode!r}")
        self.root = Path(root).expanduser()
        self.locked_by: int | None = None
        """The process holding the whole store, when that is why this store is read-only."""
        self.read_only_reason = "opened for reading only"
        """Why the store is read-only, for the user: another writer, or a folder that cannot be written."""
        self._lock: WriterLock | None = None
        self._mode = mode
        self._wait = wait
        self._open_files: dict[str, ArticleFile] = {}
        self._article_locks = ArticleLocks(self.root / ARTICLES_DIR)
        self._wanted: dict[str, str] = {}
        """Articles opened for writing (by key: their paths), writable or waiting to be."""
        self._refusals: dict[str, str] = {}
        """Why an article opened for writing is read-only (by key), when it is its own lock."""
        self._users: dict[str, int] = {}
        """How many opens for writing in this process use each lock (article keys and
        content guards): a lock is let go of when its last user releases it."""
        self._guards: dict[str, list[str]] = {}
        """The content guards each article file was opened for writing under (by key)."""
        self._check_folder()
        self.read_only = mode == "read"
        if mode == "write":
            self._take_lock(wait)
        elif mode == "articles":
            self._take_lock(wait, shared=True)
        elif mode == "auto":
            self.read_only = not self._lock_if_free(wait)

    def try_write(self) -> bool:
        """Whether this store, and every article opened for writing in it, can write now,
        taking the locks that have become free.

        In ``"auto"`` mode a store held by another process (or on a folder that could not
        be written) is read-only, and so is an article another process writes; this takes
        each lock without waiting if it is free now, and every article file that gets its
        lock turns writable, reloaded from disk (the other writer may have changed it
        meanwhile: anything built from its records before, such as an
        ``ArticleAnnotations``, must be built again). Always False for ``"read"`` mode.
        """
        if self._mode != "auto":
            return not self.read_only
        if self.read_only:
            if not self._lock_if_free(0.0, pid_reads=1):  # called on a timer: never sleeps
                return False
            self.read_only = False
        writable = True
        for key, path in self._wanted.items():
            opened = self._open_files.get(key)
            if opened is None or not opened.read_only:
                continue
            if self._lock_all(key, path, owner_reads=1):
                opened.make_writable(self._writer_check(key))
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

    def _lock_article(self, key: str, path: str, owner_reads: int = 10) -> bool:
        """Lock one article for writing: True if held now; in ``"auto"`` mode False (with
        the reason kept) when another process holds it; otherwise it raises."""
        try:
            self._article_locks.acquire(key, path, wait=self._wait, owner_reads=owner_reads)
        except StoreLockedError as error:
            if self._mode != "auto":
                raise
            who = f"process {error.pid}" if error.pid else "another process"
            self._refusals[key] = f"the article is in use by {who}"
            return False
        except StoreError as error:
            if self._mode != "auto":
                raise
            self._refusals[key] = error.reason
            return False
        self._refusals.pop(key, None)
        return True

    def _lock_all(self, key: str, path: str, owner_reads: int = 10) -> bool:
        """Lock an article's content guards, then its file (see :meth:`_lock_article`);
        a refusal is kept under the file's key."""
        for guard in dict.fromkeys(self._guards.get(key, ())):
            if not self._lock_article(guard, path, owner_reads):
                self._refusals[key] = self._refusals.pop(guard, "the article is in use by another process")
                return False
        return self._lock_article(key, path, owner_reads)

    def _holds_all(self, key: str) -> bool:
        """Whether this store holds the article's lock and each of its content guards."""
        return all(self._article_locks.holds(k) for k in (*self._guards.get(key, ()), key))

    def why_read_only(self, file: ArticleFile) -> str:
        """Why ``file`` cannot be written, for the user."""
        if self.read_only:
            return self.read_only_reason
        key = next((k for k, opened in self._open_files.items() if opened is file), None)
        if key is not None and key in self._refusals:
            return self._refusals[key]
        return "opened for reading only"

    # -- folder and lock -------------------------------------------------

    def _check_folder(self) -> None:
        root = self.root
        if root.exists() and not root.is_dir():
            raise StoreError(root, "is a file, not a newsmark store folder")
        marker = root / MARKER_NAME
        if root.is_dir():
            try:
                entries = [p.name for p in root.iterdir()]
            except PermissionError:
                raise StoreError(root, "permission denied") from None
            # A store another process is creating this instant holds only our own names.
            foreign = [e for e in entries if e not in _OWN_NAMES and not (e.startswith(".") and e.endswith(".tmp"))]
            if foreign and MARKER_NAME not in entries:
                raise StoreError(root, f"not a newsmark store folder (no {MARKER_NAME}); pick an empty or new folder")
            if MARKER_NAME in entries:
                self._check_marker(marker)

    def _check_marker(self, marker: Path) -> None:
        try:
            data = json.loads(read_user_file(marker, StoreError, what="a store marker", max_bytes=_SMALL_FILE_BYTES, streams=False))
        except (OSError, ValueError):
            raise StoreError(marker, "store marker is unreadable or corrupt; it was left untouched") from None
        version = data.get("newsmark_store") if isinstance(data, dict) else None
        if version != STORE_FORMAT:
            raise StoreError(marker, f"store format {version!r} is not one this newsmark reads ({STORE_FORMAT})")

    def _take_lock(self, wait: float, pid_reads: int = 10, *, shared: bool = False) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker = self.root / MARKER_NAME
            if not marker.exists():  # first: so the folder is never seen without its marker
                atomic_write_bytes(marker, json.dumps({"newsmark_store": STORE_FORMAT}).encode())
            (self.root / ARTICLES_DIR).mkdir(exist_ok=True)
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
            atomic_write_bytes(self.root / PID_NAME, str(os.getpid()).encode())
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
                pid = int(read_user_file(self.root / PID_NAME, StoreError, what="a process id", max_bytes=_SMALL_FILE_BYTES, streams=False))
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
        for article_file in self._open_files.values():
            article_file.close()
        self._open_files.clear()
        self._wanted.clear()
        self._refusals.clear()
        self._users.clear()
        self._guards.clear()
        self._article_locks.release_all()
        self._release_lock()

    def require_free(self, articles: dict[str, str]) -> None:
        """Raise :class:`StoreLockedError` naming the first article of ``articles`` (store
        file keys → article paths) that another process writes now (without waiting), so
        that a command writing many articles one after another (``import``) can refuse
        before writing any."""
        if self._mode not in ("articles", "auto"):
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
        now; False in ``"auto"`` mode (or a read-only store) if another process holds it;
        otherwise :class:`StoreLockedError`. The open that follows names it in
        :meth:`file_for_key` (``guard``), and releasing that file lets go of it."""
        if self._mode not in ("articles", "auto"):
            return not self.read_only
        self._users[guard] = self._users.get(guard, 0) + 1
        if self.read_only:
            return False
        try:
            return self._lock_article(guard, path)
        except BaseException:
            self._let_go(guard)
            raise

    def release_article(self, article_file: ArticleFile) -> None:
        """One open of ``article_file`` for writing is over (the reader calls this when it
        leaves the article): when it was the last in this process, close the file and let
        go of its lock, for others to write it; the content guard it was opened under
        is let go of likewise."""
        key = next((k for k, opened in self._open_files.items() if opened is article_file), article_file.path.stem)
        guards = self._guards.get(key)
        if guards:
            self._let_go(guards.pop())
            if not guards:
                del self._guards[key]
        if self._users.get(key, 0) > 1:
            self._users[key] -= 1
            return
        self._users.pop(key, None)
        opened = self._open_files.pop(key, None)
        if opened is not None:
            opened.close()
        self._wanted.pop(key, None)
        self._refusals.pop(key, None)
        self._article_locks.release(key)

    def _end_open(self, key: str, guard: str | None) -> None:
        """Undo what :meth:`file_for_key` counted for an open that failed."""
        if guard is not None and guard in self._guards.get(key, []):
            self._guards[key].remove(guard)
            if not self._guards[key]:
                del self._guards[key]
        users = self._users.get(key, 0) - 1
        if users > 0:
            self._users[key] = users
        else:
            self._users.pop(key, None)
            self._wanted.pop(key, None)

    def key_guarded_by(self, guard: str) -> str | None:
        """The key of a file this store has open for writing under the content guard
        ``guard`` (the same text opened at another path in this process), if any."""
        return next((key for key, guards in self._guards.items() if guard in guards), None)

    def release_guard(self, guard: str) -> None:
        """Give back a content guard taken by :meth:`guard_content` for an open that did
        not happen (the article's file was refused)."""
        self._let_go(guard)

    def _let_go(self, lock_key: str) -> None:
        """One user of a lock is done: release it when it was the last."""
        users = self._users.get(lock_key, 0) - 1
        if users > 0:
            self._users[lock_key] = users
            return
        self._users.pop(lock_key, None)
        self._refusals.pop(lock_key, None)
        self._article_locks.release(lock_key)

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

        With ``write``, the article is locked for this process (in ``"articles"`` and
        ``"auto"`` mode; see :class:`Store`) for one more user: each such open is ended
        by :meth:`release_article`. ``guard`` names the content guard taken for this open
        by :meth:`guard_content`: the file writes only while it is held too. Without
        ``write`` the file opens read-only unless this store holds the whole store or
        the article already. ``path`` names the article in messages.
        """
        if write and self._mode in ("articles", "auto"):
            self._users[key] = self._users.get(key, 0) + 1
            if guard is not None:
                self._guards.setdefault(key, []).append(guard)
        writable = not self.read_only and (self._mode == "write" or self._holds_all(key))
        if write and self._mode in ("articles", "auto"):
            self._wanted[key] = path
            if not self.read_only and not writable:
                try:
                    writable = self._lock_all(key, path)
                except BaseException:  # refused ("articles" mode): this open never began
                    self._end_open(key, guard)
                    raise
        opened = self._open_files.get(key)
        if opened is None:
            stored = self.root / ARTICLES_DIR / f"{key}.json"
            opened = ArticleFile.open(stored, read_only=not writable, before_write=self._writer_check(key))
            self._open_files[key] = opened
        elif opened.read_only and writable:
            opened.make_writable(self._writer_check(key))
        return opened

    def _writer_check(self, key: str) -> Callable[[], None]:
        """What an article file calls before each write: the store's lock, and the article's."""
        if self._mode == "write":
            return self.check_writer

        def check() -> None:
            self.check_writer()
            for lock_key in dict.fromkeys((*self._guards.get(key, ()), key)):
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
