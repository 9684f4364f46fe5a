"""Sentence boundaries cached by the article file's hash, so a reopened article skips pysbd.

Splitting is the slow part of opening an article (pysbd reads ~0.3 MB/s here). The
cache holds only offsets, keyed by the file's SHA-256, its format and the splitter's
version; a cache that cannot be read or written is simply not used: it never changes a
result. The core never finds the cache by itself: whoever loads an article passes one
(the command line and the reader pass :meth:`SentenceCache.default`).
"""

from __future__ import annotations

import json
from pathlib import Path

from annotations.cache_budget import touch, trim_cache
from annotations.files import user_cache_folder, write_cache_file

#: Bump when sentence splitting changes, so old boundaries are not reused.
#: 2: paragraphs over 4,000 characters are split in pieces (splitter.PYSBD_MAX_CHARS).
#: 3: a sentence that is only a time phrase ("At 5 a.m.") or a list marker ("⁃9.") goes
#: on into the next.
#: 4: "!" before "[" ends no sentence ("![alt](…)"); text is decoded anew (a few invalid
#: bytes in UTF-8, vertical tabs and form feeds as spaces), so offsets of such files moved.
SPLITTER_VERSION = 4

Spans = list[list[tuple[int, int]]]
#: As stored: per paragraph, the offsets flattened (start, end, start, end, ...).
FlatSpans = list[list[int]]


#: The folders this process has kept within their budget already.
_TRIMMED: set[Path] = set()


def default_cache_folder() -> Path:
    """The platform's user cache folder for sentence boundaries."""
    return user_cache_folder("sentences")


class SentenceCache:
    """A folder of sentence boundaries, one JSON file per article file and format."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def default(cls) -> SentenceCache:
        """The cache in the user's cache folder (``~/.cache/newsmark/sentences`` on Linux)."""
        return cls(default_cache_folder())

    def path(self, sha256: str, fmt: str) -> Path:
        """The file holding the boundaries of the article file with this hash and format."""
        return self.folder / f"{sha256}-{fmt}-v{SPLITTER_VERSION}.json"

    def exists(self, sha256: str, fmt: str) -> bool:
        """Whether boundaries are cached for this file (read with :meth:`load`)."""
        return self.path(sha256, fmt).is_file()

    def load(self, sha256: str, fmt: str, paragraphs: int) -> FlatSpans | None:
        """Cached offsets for each of ``paragraphs`` paragraphs, or None on a miss.

        They stay flat until used: a big article opened in parts needs only the first
        part's. :func:`spans_of` checks each paragraph's before it is trusted.
        """
        try:
            data = json.loads(self.path(sha256, fmt).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, list) or len(data) != paragraphs or not all(isinstance(flat, list) for flat in data):
            return None
        touch(self.path(sha256, fmt))  # used: kept over older ones when the folder is trimmed
        return data

    def save(self, sha256: str, fmt: str, spans: Spans) -> None:
        """Keep spans for next time; a full or read-only disk only means no cache
        (see :func:`~annotations.files.write_cache_file`)."""
        data = json.dumps([[x for span in paragraph for x in span] for paragraph in spans], separators=(",", ":")).encode()
        path = self.path(sha256, fmt)
        write_cache_file(path, data)
        if self.folder not in _TRIMMED:  # once a process: a folder of 10,000 articles takes a while to list
            _TRIMMED.add(self.folder)
            trim_cache(self.folder, keep=[path])


def spans_of(flat: list[int], length: int) -> list[tuple[int, int]] | None:
    """A paragraph's cached ``(start, end)`` spans, or None unless they are increasing,
    non-empty and inside a paragraph of ``length`` characters (a damaged cache)."""
    if len(flat) % 2:
        return None
    spans = list(zip(flat[::2], flat[1::2], strict=True))
    previous = 0
    for start, end in spans:
        if type(start) is not int or type(end) is not int or not previous <= start < end <= length:
            return None
        previous = end
    return spans
