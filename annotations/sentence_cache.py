"""Sentence boundaries cached by the article file's hash, so a reopened article skips pysbd.

Splitting is the slow part of opening an article (pysbd reads ~0.3 MB/s here). The
cache holds only offsets, keyed by the file's SHA-256 and the splitter's version; a
cache that cannot be read or written is simply not used: it never changes a result.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Bump when sentence splitting changes, so old boundaries are not reused.
SPLITTER_VERSION = 1

Spans = list[list[tuple[int, int]]]


def cache_folder() -> Path:
    """The platform's user cache folder for sentence boundaries."""
    from platformdirs import user_cache_path

    return user_cache_path("newsmark") / "sentences"


def _path(sha256: str, fmt: str) -> Path:
    return cache_folder() / f"{sha256}-{fmt}-v{SPLITTER_VERSION}.json"


def load(sha256: str, fmt: str, paragraphs: int) -> Spans | None:
    """Cached spans for each of ``paragraphs`` paragraphs, or None on a miss."""
    try:
        data = json.loads(_path(sha256, fmt).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, list) or len(data) != paragraphs:
        return None
    try:
        return [[(int(a), int(b)) for a, b in zip(flat[::2], flat[1::2])] for flat in data]
    except (TypeError, ValueError):
        return None


def save(sha256: str, fmt: str, spans: Spans) -> None:
    """Keep spans for next time; a full or read-only disk only means no cache."""
    path = _path(sha256, fmt)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps([[x for span in paragraph for x in span] for paragraph in spans], separators=(",", ":")))
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
