"""Where one article's export file goes, written without ever replacing a file.

The reader's export goes beside the article (or into the folder the config names), as
``<article name>.newsmark.<suffix>`` (:func:`write_article_export`). A name already taken
by a file holding the same bytes is the same export: nothing is written. The article's
own earlier export there (recorded by :mod:`~annotations.exchange.export_ledger`, and
unedited since) is updated in place. Any other file there (someone's edits, another
article's export, a pipe, a link) is left as it is and nothing is written.

:func:`write_new_file` (the brief) never replaces a file: a taken name is left as it is
and the next free name is used (``<name>.newsmark-2.md``, ``-3``, …). Either way the file
appears whole or not at all: it is written to a temporary file, fsync'd, then linked (or
renamed) to its name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotations.exchange.export import default_export_path
from annotations.exchange.export_ledger import ExportLedger
from annotations.files import fsync_directory, write_all
from annotations.store.storage import create_temporary

#: Numbered names tried before giving up (a folder of a thousand exports of one article).
MAX_NAMES = 1000


@dataclass(frozen=True)
class Written:
    """Where an export went: ``path``; ``unchanged`` if that file already held it; the
    first name, if it was taken by another file (``taken``); ``refused`` if ``path`` is
    another file, left as it is (nothing written)."""

    path: Path
    unchanged: bool = False
    taken: Path | None = None
    refused: bool = False

    def outcome(self, kind: str, done: str) -> str:
        """One line for the person: ``{kind} unchanged: PATH already holds it``, ``{kind}
        not written: …`` (refused), or ``{done} to PATH`` (and which first name was
        another file's, left as it is)."""
        if self.unchanged:
            return f"{kind} unchanged: {self.path} already holds it"
        if self.refused:
            return (
                f"{kind} not written: {self.path} is not this article's earlier export (edited since, or another file);"
                " left as it is: move it away, or set export_dir: in the config"
            )
        taken = f" ({self.taken.name} exists, left as it is)" if self.taken is not None else ""
        return f"{done} to {self.path}{taken}"


def export_folder_for(article_path: str | Path, configured: Path | None) -> Path:
    """The folder an article's export goes to: ``configured``, else the article's own."""
    return configured if configured is not None else Path(os.path.abspath(article_path)).parent


def candidates(first: Path) -> list[Path]:
    """``first``, then its numbered alternatives (``a.newsmark-2.yaml``, …)."""
    name, dot, suffix = first.name.rpartition(".newsmark")
    return [first] + [first.with_name(f"{name}.newsmark-{n}{suffix}") for n in range(2, MAX_NAMES + 1)] if dot else [first]


def write_new_export(data: bytes, article_path: str | Path, folder: Path, fmt: str = "yaml") -> Written:
    """Write ``data`` as the article's export in ``folder`` under the first free name
    (see :func:`write_new_file`); ``OSError`` if the folder cannot be written."""
    return write_new_file(data, default_export_path(article_path, folder, fmt))


def write_article_export(
    data: bytes, article_path: str | Path, folder: Path, *, name: str | None = None, ledger: ExportLedger | None = None
) -> Written:
    """Write ``data`` as the YAML export of the article at ``article_path`` in ``folder``
    (named after ``name``, else the article's file): a new file, or an update of the
    article's own earlier export; any other file there is refused (see the module's
    docstring). ``OSError`` if the folder or the record cannot be written."""
    ledger = ledger if ledger is not None else ExportLedger.default()
    target = default_export_path(name or article_path, folder)
    if _holds(target, data):
        return Written(target, unchanged=True)
    own = ledger.is_own(target, article_path)
    if (os.path.lexists(target) and not own) or not _place(data, target, replace=own):
        return Written(target, refused=True)
    ledger.record(target, article_path, data)
    return Written(target)


def _place(data: bytes, target: Path, *, replace: bool) -> bool:
    """Write ``data`` whole at ``target``: replacing the file there (``replace``), or only
    if the name is free; whether it was written."""
    with _written_beside(target, data) as temporary:
        if replace:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                return False
        fsync_directory(target.parent)
        return True


def write_new_file(data: bytes, first: Path) -> Written:
    """Write ``data`` as ``first`` (a ``<name>.newsmark<suffix>`` in an existing folder), or
    under the first free numbered name (:func:`candidates`); never over another file."""
    folder = first.parent
    with _written_beside(first, data) as temporary:
        for candidate in candidates(first):
            if _holds(candidate, data):
                return Written(candidate, unchanged=True, taken=first if candidate != first else None)
            try:
                os.link(temporary, candidate)
            except FileExistsError:
                continue
            fsync_directory(folder)
            return Written(candidate, taken=first if candidate != first else None)
        raise OSError(errno.EEXIST, f"{MAX_NAMES} export files of this article are there already; nothing was written", str(first))


@contextlib.contextmanager
def _written_beside(target: Path, data: bytes) -> Iterator[Path]:
    """A temporary file next to ``target`` holding ``data``, fsynced and closed, for the
    caller to link or rename into place; removed afterwards if it is still there. Refuses
    (``FileNotFoundError``) a folder that does not exist."""
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder; nothing was written", str(target.parent))
    fd, temporary = create_temporary(target)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        yield temporary
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link, pipe or device) holding exactly ``data``."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        with os.fdopen(fd, "rb") as file:
            return file.read(len(data) + 1) == data
    except OSError:
        return False
