"""Keeping a user cache folder within its budget: the files used longest ago go first.

A cache here is only ever a copy of what the store or the article files hold, rebuilt
when missing, so deleting one costs time, never data. Without a budget the learned
models' folder grew by one file per store ever opened, and a full disk stops the store
from saving tags. "Used" is the file's modification time: a cache is written when made
and :func:`touch`-ed when read, so the store being worked on keeps its cache.
Everything here is best effort: a file that cannot be listed, measured or deleted is
left alone, and nothing is raised.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection
from pathlib import Path

_MB = 1024 * 1024

#: Each cache's budget in bytes and the suffixes of its files (no other file is touched),
#: by its folder's name under the user cache folder.
BUDGETS = {"learned": (256 * _MB, (".pickle", ".json")), "sentences": (256 * _MB, (".json",))}

#: A temporary file left by a writer that died (``.name.xxxx.tmp``) goes once this old.
STALE_TEMPORARY = 3600.0


def touch(path: Path) -> None:
    """Mark the cache file ``path`` as just used (it is kept over older ones)."""
    try:
        os.utime(path)
    except OSError:
        return


def trim(folder: Path, budget: int, keep: Collection[Path] = (), suffixes: tuple[str, ...] = ()) -> int:
    """Delete the files of ``folder`` used longest ago until the rest fit in ``budget``
    bytes, never one of ``keep`` (the files just written or read), and any temporary
    file a writer left behind over an hour ago; returns the bytes freed. With
    ``suffixes``, only files whose names end so are counted or deleted."""
    kept = {os.path.abspath(path) for path in keep}
    files: list[tuple[float, int, str]] = []
    total = freed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
            if now - info.st_mtime > STALE_TEMPORARY and (not suffixes or entry.name[:-4].rsplit(".", 1)[0].endswith(suffixes)):
                freed += _delete(entry.path, info.st_size)
            continue
        if suffixes and not entry.name.endswith(suffixes):
            continue
        total += info.st_size
        if os.path.abspath(entry.path) not in kept:
            files.append((info.st_mtime, info.st_size, entry.path))
    files.sort()
    for _, size, path in files:
        if total <= budget:
            break
        gone = _delete(path, size)
        total -= gone
        freed += gone
    return freed


def trim_cache(folder: Path, keep: Collection[Path] = ()) -> int:
    """:func:`trim` with the budget of the cache ``folder`` (by its name; no budget, no trim)."""
    if folder.name not in BUDGETS:
        return 0
    budget, suffixes = BUDGETS[folder.name]
    return trim(folder, budget, keep, suffixes)


def _delete(path: str, size: int) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return size
