"""Export files found in folders, for ``newsmark import DIR``.

A shared folder (a team's git repository) is read only from its own regular files: a
symbolic link in it (a teammate can commit one) is refused, naming it, for it could make
the import read any file on this machine; a pipe or a device with an export's name is
skipped, said in a warning, and never opened (reading a pipe waits for a writer forever).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from annotations.errors import ImportFormatError
from annotations.files import file_kind

#: Suffixes of the export files a folder is searched for (CSV is never imported).
IMPORT_SUFFIXES = (".yaml", ".yml", ".json")


class FoundExports(NamedTuple):
    """The export files to read, and the entries skipped with why."""

    files: list[Path]
    skipped: list[tuple[Path, str]]


def exports_in(folder: Path) -> FoundExports:
    """Every export file under ``folder``, at any depth, sorted; hidden files and folders
    (``.git``) are left out, a symbolic link (to a file or a folder) is refused with
    :class:`ImportFormatError` naming it, and an entry that is no regular file is skipped."""
    found = FoundExports([], [])

    def refuse(problem: OSError) -> None:
        raise ImportFormatError(problem.filename or folder, f"cannot read this folder: {problem.strerror or problem}")

    for root, folders, files in os.walk(folder, onerror=refuse):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in folders:
            _refuse_link(Path(root) / name)
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(IMPORT_SUFFIXES):
                continue
            path = Path(root) / name
            _refuse_link(path)
            mode = _mode(path)
            if stat.S_ISREG(mode):
                found.files.append(path)
            else:
                found.skipped.append((path, f"is not a regular file ({file_kind(mode)}), not an export file"))
    found.files.sort()
    return found


def _mode(path: Path) -> int:
    """The file type and mode of ``path`` itself (never a link's target)."""
    try:
        return os.lstat(path).st_mode
    except OSError as problem:
        raise ImportFormatError(path, f"cannot read: {problem.strerror or problem}") from None


def _refuse_link(path: Path) -> None:
    """Refuse a symbolic link inside a folder being imported."""
    if stat.S_ISLNK(_mode(path)):
        raise ImportFormatError(path, "is a symbolic link inside the folder; only the folder's own files are imported (remove the link)")


def export_files(paths: Iterable[str | Path]) -> FoundExports:
    """The files to import: each file as given, each folder's export files (a folder
    without any is refused in one line naming it), and what the folders held that was skipped."""
    result = FoundExports([], [])
    for value in paths:
        path = Path(value)
        if not path.is_dir():
            result.files.append(path)
            continue
        inside = exports_in(path)
        if not inside.files:
            skipped = "".join(f"; skipped {name.name}: {why}" for name, why in inside.skipped[:3])
            raise ImportFormatError(path, f"no export files in this folder ({', '.join(IMPORT_SUFFIXES)}){skipped}")
        result.files.extend(inside.files)
        result.skipped.extend(inside.skipped)
    return result
