"""The store's writer lock: an exclusive lock on a folder, held until released or exit.

On POSIX systems it is ``flock(2)``, tried without blocking and retried until a
deadline. The kernel drops it when its holder ends, ``kill -9`` included, so a crashed
writer never leaves the store locked. The filelock package does the same on POSIX and
is used on Windows, but importing it costs ~8 ms: 4% of the reader's whole start-up.

Two locks are taken, and a writer needs both:

- the **folder** holding the lock file. A folder in use is never empty, so it cannot
  be removed or replaced while the lock is held: deleting ``writer.lock`` (the usual
  "stale lock" fix) lets no second writer in. Where folders cannot be locked (NFS), the
  file alone excludes.
- the **lock file** itself, which is what earlier versions of newsmark lock. After
  taking it, the writer checks that the file it locked is still the one at the path (if
  it was deleted or replaced meanwhile, it locks the new one), and before each write the
  holder calls :meth:`WriterLock.check`, which puts a deleted lock file back or, if
  another process now holds the file at the path, refuses from then on: that process
  may have written.

A lock may be taken **shared** (many holders at once, excluding an exclusive one; the
store's writers of single articles share the store lock) and without its folder (an
article's lock file lives in the folder every article shares: the file alone excludes).
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from annotations.store.permissions import PRIVATE_FILE

RETRY_SECONDS = 0.05
#: Whether to lock the folder too (POSIX); tests switch it off to act as NFS does.
FOLDER_LOCKS = True
# What flock(2) answers on a file system that cannot lock a folder (NFS, some FUSE).
_FOLDER_LOCK_UNSUPPORTED = frozenset({errno.EBADF, errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP})
# How often a lock file swapped between opening and locking it is tried again at once.
_SWAP_RETRIES = 100


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class LockLost(Exception):
    """The lock file was removed or replaced under its holder, and exclusion cannot be proven since."""


class WriterLock:
    """An exclusive lock on ``path`` (created if missing) and the folder holding it, for
    one holder at a time.

    Two ``WriterLock`` objects on the same file exclude each other even within one
    process, as two processes do.
    """

    def __init__(self, path: str | Path, *, shared: bool = False, folder: bool = True) -> None:
        self.path = Path(path)
        self.shared = shared
        """Whether other shared holders may hold it at the same time (never an exclusive one)."""
        self.lock_folder = folder
        """Whether the folder holding the file is locked too (see the module's docstring)."""
        self._held: object = None
        self._folder: int | None = None
        self._lost: str | None = None
        self._owner_written = False

    @property
    def is_locked(self) -> bool:
        """Whether this object holds the lock."""
        return self._held is not None

    def acquire(self, timeout: float = 0.0) -> None:
        """Take the lock, waiting up to ``timeout`` seconds for its holder to let go.

        Raises :class:`LockTimeout` if it stays held, ``OSError`` if the file cannot be
        opened for writing (a read-only folder, no permission, a symbolic link).
        """
        if self._held is not None:
            return
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            self._acquire_windows(timeout)
            return
        deadline = time.monotonic() + timeout
        while not self._try_acquire():
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))
            time.sleep(min(RETRY_SECONDS, max(0.0, deadline - time.monotonic())))
        self._lost = None

    def _acquire_windows(self, timeout: float) -> None:  # pragma: no cover - Windows
        # Windows does not let an open file be deleted or replaced: the file lock suffices.
        # filelock has no shared mode: there a shared lock is exclusive (one writer of
        # single articles at a time, as one writer of the store was before).
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path), timeout=timeout, is_singleton=False, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(str(self.path)) from None
        self._held = lock

    def _try_acquire(self) -> bool:
        """One attempt at both locks; False if another holder has either."""
        if not self._lock_folder():
            return False
        try:
            descriptor = self._lock_file()
        except BaseException:
            self._unlock_folder()
            raise
        if descriptor is None:
            self._unlock_folder()
            return False
        self._held = descriptor
        return True

    def _lock_folder(self) -> bool:
        """Lock the folder; False if another holder has it, True if held or not lockable here."""
        if not FOLDER_LOCKS or not self.lock_folder:
            return True
        descriptor = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            _flock(descriptor, shared=self.shared)
        except BlockingIOError:
            os.close(descriptor)
            return False
        except OSError as error:
            os.close(descriptor)
            if error.errno in _FOLDER_LOCK_UNSUPPORTED:
                return True
            raise
        self._folder = descriptor
        return True

    def _unlock_folder(self) -> None:
        folder, self._folder = self._folder, None
        if folder is not None:
            os.close(folder)

    def _lock_file(self) -> int | None:
        """A descriptor holding the flock on the file now at the path; None if another holds it.

        The file is locked, then checked to be the one at the path: a file deleted or
        replaced in between is a lock no one else will ever look at, so the new file is
        locked instead.
        """
        for _ in range(_SWAP_RETRIES):
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, PRIVATE_FILE)
            try:
                _flock(descriptor, shared=self.shared)
                if self._is_at_path(descriptor):
                    return descriptor
            except BlockingIOError:
                os.close(descriptor)
                return None
            except BaseException:
                os.close(descriptor)
                raise
            os.close(descriptor)
        raise OSError(errno.EAGAIN, "the lock file keeps being replaced", str(self.path))

    def _is_at_path(self, descriptor: int) -> bool:
        try:
            at_path = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        held = os.fstat(descriptor)
        return (held.st_dev, held.st_ino) == (at_path.st_dev, at_path.st_ino)

    def check(self) -> None:
        """Make sure this object still holds the lock, before a write.

        A lock file that was deleted or replaced is locked again when the folder lock
        kept every other newsmark out meanwhile. Raises :class:`LockLost` if the lock is
        not held, if another process holds the file now at the path, or if the folder
        could not be locked (then no one can tell who wrote since); once lost, it stays
        lost until released and acquired again.
        """
        if self._lost is not None:
            raise LockLost(self._lost)
        held = self._held
        if held is None:
            raise LockLost("the writer lock is not held")
        if not isinstance(held, int) or self._is_at_path(held):
            return
        if self._folder is None:
            self._lost = f"{self.path.name} was removed or replaced while this process held it, and another process may have written since"
            raise LockLost(self._lost)
        try:
            descriptor = self._lock_file()
        except OSError as error:
            raise LockLost(f"{self.path.name} was removed and cannot be made again: {error.strerror or error}") from None
        if descriptor is None:
            self._lost = f"{self.path.name} was replaced while this process held it, and another process holds the new one"
            raise LockLost(self._lost)
        os.close(held)
        self._held = descriptor

    def release(self) -> None:
        """Let go of the lock (closing the files releases it); harmless if not held.
        An owner written by :meth:`write_owner` is wiped first (while still held)."""
        held, self._held = self._held, None
        self._lost = None
        if isinstance(held, int):
            if self._owner_written:
                self._owner_written = False
                os.ftruncate(held, 0)
            os.close(held)
        elif held is not None:  # pragma: no cover - Windows
            held.release()  # type: ignore[attr-defined]
        self._unlock_folder()

    def write_owner(self) -> None:
        """Write this process's id into the held lock file, for :func:`lock_owner`
        (an exclusive lock whose file is its own record of who holds it)."""
        held = self._held
        if isinstance(held, int):
            os.ftruncate(held, 0)
            os.pwrite(held, str(os.getpid()).encode(), 0)
            self._owner_written = True


def lock_owner(path: str | Path) -> int | None:
    """The process id written by :meth:`WriterLock.write_owner` into the lock file at
    ``path``, if one is there and still running; None otherwise."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not _is_regular(descriptor):
            return None
        text = os.read(descriptor, 32)
    finally:
        os.close(descriptor)
    try:
        pid = int(text)
    except ValueError:
        return None
    return pid if pid > 0 and process_alive(pid) else None


def _is_regular(descriptor: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(descriptor).st_mode)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _flock(descriptor: int, *, shared: bool = False) -> None:
    """A flock without waiting, exclusive or ``shared`` (BlockingIOError if another holds it)."""
    import fcntl

    fcntl.flock(descriptor, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
