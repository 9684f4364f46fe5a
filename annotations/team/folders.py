"""Export files found in folders, for ``newsmark import DIR``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annotations.errors import ImportFormatError

#: Suffixes of the export files a folder is searched for (CSV is never imported).
IMPORT_SUFFIXES = (".yaml", ".yml", ".json")


def exports_in(folder: Path) -> list[Path]:
    """Every export file under ``folder``, at any depth, sorted; hidden files and folders
    (``.git``) are left out."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith(".") and name.lower().endswith(IMPORT_SUFFIXES))
    return sorted(found)


def export_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to import: each file as given, each folder's export files (a folder
    without any is refused in one line naming it)."""
    result: list[Path] = []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            inside = exports_in(path)
            if not inside:
                raise ImportFormatError(path, f"no export files in this folder ({', '.join(IMPORT_SUFFIXES)})")
            result.extend(inside)
        else:
            result.append(path)
    return result
