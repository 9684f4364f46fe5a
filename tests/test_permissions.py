"""The store is its owner's alone (issue 30, item 5): on a shared analysis server other
accounts must not read an analyst's notes. Exports and briefs follow the umask as any
file the user makes. Real subprocesses with a umask of 022, real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

REPO = Path(__file__).resolve().parent.parent


def newsmark(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_DB": str(store), "PYTHONPATH": str(REPO)}
    # A umask that lets others read what is made (the usual 022): the store must not rely on it.
    code = "import os, sys; os.umask(0o022); from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_store_its_files_and_its_folders_are_owner_only(tmp_path: Path, samples: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    store = tmp_path / "store"
    for step in (
        ["tag", str(article), "2", "claim"],
        ["tag", str(article), "3", "figure", "--note", "check"],
        ["suggest", str(article), "--accept"],
    ):
        done = newsmark(*step, store=store)
        assert done.returncode == 0, done.stderr
    folders = [store, *(p for p in store.rglob("*") if p.is_dir())]
    files = [p for p in store.rglob("*") if p.is_file()]
    assert len(folders) >= 2 and len(files) >= 3, sorted(map(str, files))
    assert {str(p.relative_to(tmp_path)): oct(mode_of(p)) for p in folders if mode_of(p) & 0o077} == {}
    assert {str(p.relative_to(tmp_path)): oct(mode_of(p)) for p in files if mode_of(p) & 0o077} == {}


def test_exports_and_briefs_follow_the_umask(tmp_path: Path, samples: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "2", "claim", store=store).returncode == 0
    export, brief = tmp_path / "out.yaml", tmp_path / "brief.md"
    assert newsmark("export", str(article), "-o", str(export), store=store).returncode == 0
    assert newsmark("brief", str(article), "-o", str(brief), store=store).returncode == 0
    assert mode_of(export) == 0o644
    assert mode_of(brief) == 0o644
