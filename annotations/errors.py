"""Errors that newsmark reports to the user as one line."""

from __future__ import annotations

import re
from pathlib import Path

#: What a terminal may act on rather than show: every C0 control (tab and newline too,
#: so what is shown stays on one line), DEL, C1 (U+0080-U+009F, which some terminals
#: read as 8-bit ESC sequences) and the bidi embedding, override and isolate controls
#: (U+202A-U+202E, U+2066-U+2069, which reorder what a bidi-aware terminal shows); also
#: lone surrogates (a file name's undecodable bytes), which no terminal encoding can write.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if "\udc80" <= character <= "\udcff":  # a byte of a file name that is not UTF-8 (os.fsdecode): as that byte
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape").decode("ascii")


def escape_controls(text: str) -> str:
    """``text`` with every control character shown as its Python escape (``\\n``,
    ``\\x1b``, ``\\x9b``, ``\\u202e``) and every byte of a file name that is not UTF-8
    as that byte (``\\xe9``, as exports write it): one inert line whatever ``text`` holds.

    For anything on its way to a terminal that newsmark did not write itself: the paths
    and reasons of error lines, and (in the UI) text read from a store or a file.
    Escaping an escaped text changes nothing.
    """
    return _TERMINAL_CONTROLS.sub(_escape, text)


class NewsmarkError(Exception):
    """Base of every error newsmark explains to the user in one line.

    Shown as ``path: reason``, always one inert line: runs of white space in the reason
    become one space, and every control character left in the path or the reason (a
    file name may hold newlines and ESC) is shown escaped (:func:`escape_controls`).
    ``path`` keeps the name as given.
    """

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = " ".join(str(reason).split())
        super().__init__(str(self))

    def __str__(self) -> str:
        reason = escape_controls(self.reason)
        if self.path is None:
            return reason
        return f"{escape_controls(self.path)}: {reason}"


class ArticleError(NewsmarkError):
    """An article file that cannot be read as an article."""


class ConfigError(NewsmarkError):
    """An invalid configuration file or tag schema."""


class StoreError(NewsmarkError):
    """A store that cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """The store (or one article in it) is being written by another process."""

    def __init__(self, path: str | Path, pid: int | None, *, what: str = "a store") -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(path, f"in use by {who}; only one newsmark can write to {what} at a time")
        self.pid = pid


class ImportFormatError(NewsmarkError):
    """An import file that is not a valid newsmark export."""
