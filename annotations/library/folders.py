"""The article files a library lists for a folder: its own and its subfolders', down to
the config's ``library_depth``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annotations.files import cannot_read
from annotations.formats.registry import FolderArticles, scan_folder


def library_articles(folder: Path, depth: int, *, skip: Iterable[Path] = ()) -> FolderArticles:
    """The article files in ``folder`` and in its subfolders down to ``depth`` levels below
    it (0: the folder's own), each folder's files by name before its subfolders', and
    apart the entries that are no readable file, with why (see
    :func:`~annotations.formats.registry.scan_folder`).

    Hidden folders are left out (the fetched pages, version control), so are the folders
    in ``skip`` (the store's own) and a folder already listed: a symbolic link back up the
    tree (a loop) or to a folder listed elsewhere is looked into once. A subfolder that
    cannot be listed is named among the unreadable, with its reason; ``folder`` itself
    raises ``OSError`` as :func:`os.scandir` does.
    """
    found = FolderArticles([], [], [])
    skipped = {os.path.realpath(path) for path in skip}
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[Path, int]] = [(folder, 0)]
    while pending:
        current, level = pending.pop()
        try:
            status = os.stat(current)
            if (status.st_dev, status.st_ino) in seen:
                continue
            seen.add((status.st_dev, status.st_ino))
            listed = scan_folder(current)
        except OSError as problem:
            if current is folder:
                raise
            found.unreadable.append((current, f"a folder: {cannot_read(problem)}"))
            continue
        found.files.extend(listed.files)
        found.unreadable.extend(listed.unreadable)
        if level < depth:
            inner = [sub for sub in listed.folders if os.path.realpath(sub) not in skipped]
            pending.extend((sub, level + 1) for sub in reversed(inner))  # popped in name order
    return found
