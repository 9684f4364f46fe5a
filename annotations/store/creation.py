"""Undoing the creation of a store folder by a command that then failed.

A command that writes creates the store folder (and its parents) when it first opens
it. If the command then fails, what it created is taken away again, so a mistyped
``--db`` or a refused change leaves nothing behind: only when the folder holds nothing
but newsmark's own empty scaffolding (the marker, lock files, an empty ``articles``
folder), no other process holds it, and the folders above it were created by this
command too.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from annotations.store.article_locks import LOCK_SUFFIX
from annotations.store.folder import ARTICLES_DIR, LOCK_NAME, MARKER_NAME, PID_NAME
from annotations.store.locking import LockTimeout, WriterLock


def first_missing(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet (``path`` itself, or a
    parent); None if ``path`` exists."""
    path = path.expanduser().absolute()
    if path.exists():
        return None
    missing = path
    while not missing.parent.exists() and missing.parent != missing:
        missing = missing.parent
    return missing


def discard_new_store(root: Path, created: Path) -> bool:
    """Remove the store folder at ``root`` and the empty folders up to ``created`` (the
    first one this command created), if the store holds nothing but empty scaffolding
    and no other process holds it. Whether it was removed."""
    root = root.expanduser().absolute()
    if not root.is_dir():
        return False
    lock = WriterLock(root / LOCK_NAME)
    try:
        lock.acquire(0.0)
    except (LockTimeout, OSError):
        return False  # another process is using it now: it is theirs as much as ours
    try:
        if not _remove_scaffolding(root):
            return False
    finally:
        lock.release()
    return _remove_empty_folders(root, created)


def _remove_scaffolding(root: Path) -> bool:
    """Remove the store's own files and empty article folder, if it holds nothing else
    (the caller holds the writer lock). Whether it did."""
    articles = root / ARTICLES_DIR
    inside = list(articles.iterdir()) if articles.is_dir() else []
    if any(not entry.name.endswith(LOCK_SUFFIX) for entry in inside):
        return False
    own = {MARKER_NAME, ARTICLES_DIR, LOCK_NAME, PID_NAME}
    if any(entry.name not in own for entry in root.iterdir()):
        return False
    for entry in inside:
        entry.unlink()
    if articles.is_dir():
        articles.rmdir()
    for name in (MARKER_NAME, PID_NAME, LOCK_NAME):
        with contextlib.suppress(FileNotFoundError):
            (root / name).unlink()
    return True


def _remove_empty_folders(folder: Path, created: Path) -> bool:
    """Remove ``folder`` and its parents up to ``created``; whether all were empty and went."""
    while True:
        try:
            folder.rmdir()
        except OSError:
            return False
        if folder == created or folder.parent == folder:
            return True
        folder = folder.parent
