"""Tagging from the command line (``newsmark tag``, ``suggest --accept``, ``import``) is no
visit: the library shows the article never opened and no "left off", and the dashboard
counts it neither opened nor read; only the reader's leaving (its saved position) sets them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.library.dashboard import build_dashboard
from annotations.library.dashboard_facts import library_facts
from annotations.library.index import LibraryIndex
from annotations.library.listing import Library
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

#: Generous: a command that hangs fails its test instead of hanging the suite.
HANG_LIMIT = 60.0
NEWSMARK = str(Path(sys.executable).with_name("newsmark"))


def newsmark(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newsmark ARGS`` against ``store`` as ana."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    result = subprocess.run([NEWSMARK, *args], capture_output=True, text=True, env=env, timeout=HANG_LIMIT)
    assert result.returncode == 0, result.stderr
    return result


def listed(folder: Path, store_root: Path, index: Path) -> dict[str, tuple[int | None, str | None, int]]:
    """Each article of ``folder`` as the library lists it: (left off, opened, tagged)."""
    library = Library(sorted(folder.iterdir()), store_root, LibraryIndex(index))
    library.open_index()
    for number in library.unscanned():
        library.scan(number)
    stamps = library.store_stamps()
    result = {}
    for number in range(len(library.items)):
        item = library.refresh_store(number, stamps)
        assert item.store is not None
        result[Path(item.path).name] = (item.store.position, item.store.opened, item.store.tagged)
    return result


def dashboard_progress(folder: Path, store_root: Path, index: Path) -> tuple[int | None, int | None]:
    """The articles the dashboard says ana opened and the sentences she read."""
    library = Library(sorted(folder.iterdir()), store_root, LibraryIndex(index))
    library.open_index()
    for number in library.unscanned():
        library.scan(number)
    stamps = library.store_stamps()
    for number in range(len(library.items)):
        library.refresh_store(number, stamps)
    progress = {p.annotator: p for p in build_dashboard(list(library_facts(library.items)), reader="ana").progress}
    return progress["ana"].articles, progress["ana"].read


def test_tagging_from_the_command_line_is_no_visit(tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("port-strike.txt", "grid-outage.txt", "water-audit.md"):
        (folder / name).write_bytes((samples / name).read_bytes())
    store_root = tmp_path / "store"
    newsmark("tag", str(folder / "port-strike.txt"), "2,4,6,7", "c", store=store_root)
    newsmark("suggest", str(folder / "grid-outage.txt"), "--accept", store=store_root)
    exported = tmp_path / "water.yaml"
    other_store = tmp_path / "other-store"
    newsmark("tag", str(folder / "water-audit.md"), "2", "s", store=other_store)
    newsmark("export", str(folder / "water-audit.md"), "-o", str(exported), store=other_store)
    newsmark("import", str(exported), store=store_root)

    rows = listed(folder, store_root, tmp_path / "index")
    assert {name: row[:2] for name, row in rows.items()} == {name: (None, None) for name in rows}
    assert all(tagged for _, _, tagged in rows.values()), rows
    assert dashboard_progress(folder, store_root, tmp_path / "index2") == (0, 0)  # it said 3 opened


def test_the_readers_leaving_still_sets_opened_and_left_off(tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "port-strike.txt"
    article.write_bytes((samples / "port-strike.txt").read_bytes())
    store_root = tmp_path / "store"
    newsmark("tag", str(article), "2", "c", store=store_root)
    store = Store(store_root, mode=LockMode.ARTICLES)
    try:  # what the reader does when it is left (see ReaderScreen's leaving)
        open_article(store, load_article(article), annotator="ana", schema=TagSchema()).save_position(4)
    finally:
        store.close()
    position, opened, tagged = listed(folder, store_root, tmp_path / "index")["port-strike.txt"]
    assert (position, tagged) == (4, 1)
    assert opened is not None
    assert dashboard_progress(folder, store_root, tmp_path / "index2") == (1, 4)
