"""The store's writer lock: an exclusive lock on a file, held until released or exit.

On POSIX systems it is ``flock(2)``, tried without blocking and retried until a
deadline. The kernel drops it when its holder ends, ``kill -9`` included, so a crashed
writer never leaves the store locked. The filelock package does the same on POSIX and
is used on Windows, but importing it costs ~8 ms: 4% of the reader's whole start-up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

RETRY_SECONDS = 0.05


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class WriterLock:
    """An exclusive lock on ``path`` (created if missing), for one holder at a time.

    Two ``WriterLock`` objects on the same file exclude each other even within one
    process, as two processes do.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._held: object = None

    @property
    def is_locked(self) -> bool:
        """Whether this object holds the lock."""
        return self._held is not None

    def acquire(self, timeout: float = 0.0) -> None:
        """Take the lock, waiting up to ``timeout`` seconds for its holder to let go.

        Raises :class:`LockTimeout` if it stays held, ``OSError`` if the file cannot be
        opened for writing (a read-only folder, no permission).
        """
        if self._held is not None:
            return
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            from filelock import FileLock, Timeout

            lock = FileLock(str(self.path), timeout=timeout, is_singleton=False, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                raise LockTimeout(str(self.path)) from None
            self._held = lock
            return
        import fcntl

        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(str(self.path)) from None
                    time.sleep(min(RETRY_SECONDS, max(0.0, deadline - time.monotonic())))
        except BaseException:
            os.close(descriptor)
            raise
        self._held = descriptor

    def release(self) -> None:
        """Let go of the lock (closing the file releases it); harmless if not held."""
        held, self._held = self._held, None
        if held is None:
            return
        if isinstance(held, int):
            os.close(held)
        else:  # pragma: no cover - Windows
            held.release()  # type: ignore[attr-defined]
