"""A cheap look at an article file: its title and sections, without sentence splitting.

Listing a folder of articles needs each one's title and section count, not its
sentences: decoding and parsing an 8 KB article takes ~0.1 ms, splitting it into
sentences a hundred times that. :func:`summarize` reads a file as far as the section
parse (the same decoding, front matter and format as opening it) and stops there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from annotations.errors import ArticleError
from annotations.files import cannot_read, read_user_file
from annotations.formats.loader import MAX_ARTICLE_BYTES, parse_body, sections_hash


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What tells whether a file changed: its size and modification time (ns)."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, result: os.stat_result) -> FileStamp:
        """The stamp of a ``stat`` result."""
        return cls(result.st_size, result.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class Summary:
    """What the cheap scan finds: the title and section count, or why the file is unreadable."""

    stamp: FileStamp
    title: str = ""
    sections: int = 0
    error: str | None = None
    sha256: str | None = None
    """The SHA-256 of the file's bytes (what the store's identity finds an article by)."""
    content: str | None = None
    """The hash of the article's normalized text (identity by content, found first)."""


def summarize(path: Path) -> Summary | None:
    """Title and sections of the article at ``path`` (None if it is gone).

    A file that is not a readable article gives a summary with ``error``, the one-line
    reason opening it would give. The stamp is the file's before it was read, so a file
    changed while being read is scanned again next time.
    """
    try:
        stamp = FileStamp.of(os.stat(path))
    except FileNotFoundError:
        if os.path.islink(path):
            return Summary(FileStamp(0, 0), error="a symbolic link to a missing file")
        return None
    except OSError as problem:
        return Summary(FileStamp(0, 0), error=cannot_read(problem))
    try:
        # Regular files only: a pipe or a device in a folder (or named among many paths) might
        # never end or never be written to, and one such file must not stall a whole library.
        data = read_user_file(path, ArticleError, what="an article file", max_bytes=MAX_ARTICLE_BYTES, streams=False)
        body = parse_body(data, path)  # what opening it reads, up to the sentences
    except ArticleError as error:
        return Summary(stamp, error=error.reason)
    except FileNotFoundError:
        return None
    return Summary(stamp, title=body.title, sections=len(body.sections), sha256=body.sha256, content=sections_hash(body.sections))
