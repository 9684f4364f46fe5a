"""Reading a user's file with one-line errors for everything that can go wrong."""

from __future__ import annotations

from pathlib import Path

from annotations.errors import NewsmarkError


def read_user_file(path: Path, error: type[NewsmarkError], *, what: str, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path``; any problem becomes ``error(path, reason)`` in one line.

    ``what`` names the expected kind of file ("an article file", "an export file").
    A missing file raises :class:`FileNotFoundError` so callers can treat it as they need.
    """
    try:
        if path.is_dir():
            raise error(path, f"is a folder, not {what}")
        if max_bytes is not None:
            size = path.stat().st_size
            if size > max_bytes:
                raise error(path, f"too large ({size // (1024 * 1024)} MB; the limit is {max_bytes // (1024 * 1024)} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise
    except PermissionError:
        raise error(path, "permission denied") from None
    except OSError as problem:
        raise error(path, f"cannot read: {problem.strerror or problem}") from None
