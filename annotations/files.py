"""Reading a user's file with one-line errors for everything that can go wrong."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from annotations.errors import NewsmarkError

_MB = 1024 * 1024
#: Bytes asked for at a time from a pipe or a device (a regular file is read in one go).
_CHUNK = _MB


def read_user_file(path: Path, error: type[NewsmarkError], *, what: str, max_bytes: int | None = None, streams: bool = True) -> bytes:
    """The bytes of ``path``; any problem becomes ``error(path, reason)`` in one line.

    ``what`` names the expected kind of file ("an article file", "an export file").
    A missing file raises :class:`FileNotFoundError` so callers can treat it as they need.

    With ``max_bytes``, a file is refused once it holds more: a regular file by its size
    before it is read, and by the bytes actually read (it may grow meanwhile). A pipe or
    a character device (``<(command)``, ``/dev/stdin``) is read too, since that is how
    text is piped in, but at most ``max_bytes + 1`` bytes of it, for it may never end
    (``/dev/zero``). Without ``max_bytes``, or with ``streams=False`` (the store's own
    files, files found in folders, paths the store names), only a regular file is read:
    a pipe there would wait forever for a writer and a device might never end. Anything
    else (a socket, a block device) is refused. A file expected to be regular is opened
    with ``O_NONBLOCK`` and checked again once open, so a FIFO put in its place between
    the check and the opening is refused instead of waited on.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise error(path, f"is a folder, not {what}")
        streamed = (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)) and streams and max_bytes is not None
        if not stat.S_ISREG(mode) and not streamed:
            raise error(path, f"is not a regular file ({file_kind(mode)}), not {what}")
        flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | (0 if streamed else getattr(os, "O_NONBLOCK", 0))
        with open(os.open(path, flags), "rb", buffering=0) as handle:
            opened = os.fstat(handle.fileno())
            if stat.S_IFMT(opened.st_mode) != stat.S_IFMT(mode):
                raise error(path, "was replaced while being opened; try again")
            if max_bytes is None:
                return handle.read()
            if not streamed and opened.st_size > max_bytes:
                raise error(path, f"too large ({opened.st_size // _MB} MB; the limit is {max_bytes // _MB} MB)")
            data = _read_at_most(handle, max_bytes + 1, 0 if streamed else opened.st_size)
        if len(data) > max_bytes:
            raise error(path, f"too large (more than the {max_bytes // _MB} MB limit)")
        return data
    except FileNotFoundError:
        raise
    except PermissionError:
        raise error(path, "permission denied") from None
    except OSError as problem:
        raise error(path, cannot_read(problem)) from None


def cannot_read(problem: OSError) -> str:
    """``cannot read: REASON`` for an error opening or reading a file (a symlink loop said as one)."""
    loop = " (a symbolic link loop)" if problem.errno == errno.ELOOP else ""
    return f"cannot read: {problem.strerror or problem}{loop}"


def file_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a pipe, device or socket")


def _read_at_most(handle: BinaryIO, limit: int, size: int) -> bytes:
    """Up to ``limit`` bytes of ``handle``; ``size`` is what a regular file holds (0 if unknown)."""
    parts: list[bytes] = []
    total = 0
    want = min(size + 1, limit) if size else _CHUNK
    while total < limit:
        chunk = handle.read(min(want, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = _CHUNK
    return b"".join(parts)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to the open file ``fd`` (``os.write`` may write less)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def fsync_directory(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def user_cache_folder(name: str) -> Path:
    """The folder ``name`` in the platform's user cache folder (``~/.cache/newsmark/<name>`` on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("newsmark") / name


def write_cache_file(path: Path, data: bytes) -> None:
    """Replace the cache file ``path`` with ``data``, best effort: a full or read-only disk
    only means no cache. Written to a new temporary file (random name, ``O_EXCL``, so a
    link planted at a predictable name never redirects the write) renamed over the old
    one: a reader sees the old file or the new one, never half of one."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
