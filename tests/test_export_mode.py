"""The reader's export file is readable like any file the user makes (not 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotations.exchange.export_target import write_new_export


def test_the_export_file_gets_the_users_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        written = write_new_export(b"version: 1\n", tmp_path / "story.txt", tmp_path)
    finally:
        os.umask(previous)
    assert written.path.read_bytes() == b"version: 1\n"
    assert stat.S_IMODE(written.path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [written.path.name]  # no temporary file left
