"""A store folder's names, and telling a newsmark store folder from any other: by its
marker file (``STORE.json``, which holds the store format) and the names it holds."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.errors import StoreError
from annotations.files import read_user_file
from annotations.store.article_file import STORE_FORMAT

MARKER_NAME = "STORE.json"
ARTICLES_DIR = "articles"
LOCK_NAME = "writer.lock"
PID_NAME = "writer.pid"
ALIASES_DIR = "aliases"
_OWN_NAMES = frozenset({MARKER_NAME, ARTICLES_DIR, LOCK_NAME, PID_NAME, ALIASES_DIR})
#: The marker and the process id file hold a few bytes; more is damage, not data.
SMALL_FILE_BYTES = 64 * 1024


def check_store_folder(root: Path) -> None:
    """Raise :class:`StoreError` unless ``root`` is missing, empty, being made a store by
    another process, or a store of the format this newsmark reads."""
    if root.exists() and not root.is_dir():
        raise StoreError(root, "is a file, not a newsmark store folder")
    if not root.is_dir():
        return
    try:
        entries = [p.name for p in root.iterdir()]
    except PermissionError:
        raise StoreError(root, "permission denied") from None
    # A store another process is creating this instant holds only our own names.
    foreign = [e for e in entries if e not in _OWN_NAMES and not (e.startswith(".") and e.endswith(".tmp"))]
    if foreign and MARKER_NAME not in entries:
        raise StoreError(root, f"not a newsmark store folder (no {MARKER_NAME}); pick an empty or new folder")
    if MARKER_NAME in entries:
        _check_marker(root / MARKER_NAME)


def _check_marker(marker: Path) -> None:
    try:
        data = json.loads(read_user_file(marker, StoreError, what="a store marker", max_bytes=SMALL_FILE_BYTES, streams=False))
    except (OSError, ValueError):
        raise StoreError(marker, "store marker is unreadable or corrupt; it was left untouched") from None
    version = data.get("newsmark_store") if isinstance(data, dict) else None
    if version != STORE_FORMAT:
        raise StoreError(marker, f"store format {version!r} is not one this newsmark reads ({STORE_FORMAT})")
