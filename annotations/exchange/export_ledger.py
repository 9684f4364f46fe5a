"""Which export files the reader's ``E`` wrote, so a later ``E`` updates its own export.

The record is one JSON file in the user's state folder (``exports.json``): for each export
file (absolute path), the article it was written for and the SHA-256 of the bytes
written. A file at that name is this article's own earlier export only if the record
names this article and the file still holds exactly those bytes: a file edited since, an
export of another article, or a file newsmark never wrote is never replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from annotations.store.permissions import PRIVATE_FILE, PRIVATE_FOLDER
from annotations.store.storage import atomic_write_bytes

#: The record's file name in the user's state folder.
LEDGER_NAME = "exports.json"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the regular file at ``path`` (``None`` for a link, pipe, device or a missing file)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return hashlib.sha256(file.read()).hexdigest()


@dataclass(frozen=True)
class ExportLedger:
    """The record of the exports ``E`` wrote (see the module's docstring)."""

    path: Path

    @classmethod
    def default(cls) -> ExportLedger:
        """The record in the user's state folder."""
        from platformdirs import user_state_path

        return cls(user_state_path("newsmark") / LEDGER_NAME)

    def _entries(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: nothing is known, so no file is replaced
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}

    def is_own(self, export: Path, article: str | Path) -> bool:
        """Whether ``export`` is the export ``E`` last wrote there for ``article``, unedited since."""
        entry = self._entries().get(os.path.abspath(export))
        if entry is None or entry.get("article") != os.path.abspath(article):
            return False
        current = file_digest(export)
        return current is not None and current == entry.get("sha256")

    def record(self, export: Path, article: str | Path, data: bytes) -> None:
        """Note that ``export`` now holds ``data``, written for ``article``."""
        entries = self._entries()
        entries[os.path.abspath(export)] = {"article": os.path.abspath(article), "sha256": digest(data)}
        self.path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        text = json.dumps(entries, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write_bytes(self.path, text.encode("utf-8"), mode=PRIVATE_FILE)
