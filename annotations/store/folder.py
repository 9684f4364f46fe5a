"""The annotation store: a folder of small TinyDB files, one per article.

Layout of a store folder::

    STORE.json          marks the folder as a newsmark store (format version)
    writer.lock         held by the one process allowed to write (with the folder itself)
    writer.pid          that process's id, for the "in use by process N" message
    articles/<key>.json one TinyDB file per article: tables meta, annotations, history
    aliases/<kind>-<h>  which article file a content hash or another path names
                        (see annotations.store.identity)

Every call that changes annotations returns only after the change is on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from annotations.errors import StoreError, StoreLockedError
from annotations.files import read_user_file
from annotations.store.article_file import STORE_FORMAT, ArticleFile
from annotations.store.locking import LockLost, LockTimeout, WriterLock
from annotations.store.storage import atomic_write_bytes

MARKER_NAME = "STORE.json"
ARTICLES_DIR = "articles"
LOCK_NAME = "writer.lock"
PID_NAME = "writer.pid"
ALIASES_DIR = "aliases"
_OWN_NAMES = frozenset({MARKER_NAME, ARTICLES_DIR, LOCK_NAME, PID_NAME, ALIASES_DIR})
# The marker and the process id file hold a few bytes; more is damage, not data.
_SMALL_FILE_BYTES = 64 * 1024


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def article_key(path: str) -> str:
    """The file name stem of an article's store file: a hash of its absolute path."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


class Store:
    """A store folder, opened for writing (holding the single writer lock) or reading.

    ``mode`` is ``"write"`` (raise :class:`StoreLockedError` if another process
    writes), ``"read"`` (never write) or ``"auto"`` (write if free, else read-only, until
    :meth:`try_write` finds the lock free).
    """

    def __init__(self, root: str | Path, *, mode: str = "write", wait: float = 0.0) -> None:
        if mode not in ("write", "read", "auto"):
            raise ValueError(f"unknown store mode {mode!r}")
        self.root = Path(root).expanduser()
        self.locked_by: int | None = None
        self.read_only_reason = "opened for reading only"
        """Why the store is read-only, for the user: another writer, or a folder that cannot be written."""
        self._lock: WriterLock | None = None
        self._mode = mode
        self._open_files: dict[str, ArticleFile] = {}
        self._check_folder()
        self.read_only = mode == "read"
        if mode == "write":
            self._take_lock(wait)
        elif mode == "auto":
            self.read_only = not self._lock_if_free(wait)

    def try_write(self) -> bool:
        """Whether this store can write now, taking the writer lock if it has become free.

        A store opened in ``"auto"`` mode while another process wrote (or on a folder that
        could not be written) is read-only; this takes the lock without waiting if it is
        free now, and then the store and every article file it has open turn writable,
        reloaded from disk (the other writer may have changed them meanwhile: anything
        built from their records before, such as an ``ArticleAnnotations``, must be built
        again). False while the lock is held elsewhere, and always for ``"read"`` mode.
        """
        if not self.read_only:
            return True
        if self._mode != "auto" or not self._lock_if_free(0.0, pid_reads=1):  # called on a timer: never sleeps
            return False
        self.read_only = False
        for article_file in self._open_files.values():
            article_file.make_writable(self.check_writer)
        return True

    def _lock_if_free(self, wait: float, pid_reads: int = 10) -> bool:
        """Take the writer lock if it is free (within ``wait`` s); if not, say why in
        :attr:`locked_by` and :attr:`read_only_reason`."""
        try:
            self._take_lock(wait, pid_reads)
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

    def _take_lock(self, wait: float, pid_reads: int = 10) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker = self.root / MARKER_NAME
            if not marker.exists():  # first: so the folder is never seen without its marker
                atomic_write_bytes(marker, json.dumps({"newsmark_store": STORE_FORMAT}).encode())
            (self.root / ARTICLES_DIR).mkdir(exist_ok=True)
        except OSError as error:
            raise StoreError(self.root, f"cannot create the store folder: {error.strerror or error}") from None
        lock = WriterLock(self.root / LOCK_NAME)
        try:
            lock.acquire(wait)
        except LockTimeout:
            raise StoreLockedError(self.root, self._writer_pid(pid_reads)) from None
        except OSError as error:
            raise StoreError(self.root / LOCK_NAME, f"cannot lock the store: {error.strerror or error}") from None
        self._lock = lock
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
            if pid is not None and pid != os.getpid() and _alive(pid):
                return pid
            if pid == os.getpid():
                return pid  # this process holds it (another Store object)
            if attempt + 1 < reads:
                time.sleep(0.02)
        return None

    def close(self) -> None:
        """Release the writer lock (nothing is buffered: every change is on disk)."""
        for article_file in self._open_files.values():
            article_file.close()
        self._open_files.clear()
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- article files ---------------------------------------------------

    def article_file(self, path: str) -> ArticleFile:
        """The store file of the article at absolute ``path`` (created on first write)."""
        return self.file_for_key(article_key(path))

    def file_for_key(self, key: str) -> ArticleFile:
        """The store file ``articles/<key>.json`` (created on first write)."""
        if key not in self._open_files:
            stored = self.root / ARTICLES_DIR / f"{key}.json"
            self._open_files[key] = ArticleFile(stored, read_only=self.read_only, before_write=self.check_writer)
        return self._open_files[key]

    def stored_paths(self) -> list[Path]:
        """Every article store file, sorted by name."""
        folder = self.root / ARTICLES_DIR
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))

    def stored_files(self) -> Iterator[ArticleFile]:
        """Each stored article's file, opened read-only (a consistent snapshot each)."""
        for path in self.stored_paths():
            yield ArticleFile(path, read_only=True, bulk=True)
