"""Per-article locks meet identity by content: one writer per article (by its text,
wherever it lives), and every lock a reader takes is let go of when it leaves, but not
while another reader in the same process still shows that article."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store

from .conftest import wait_until
from .helpers import child
from .test_per_article_lock import READER


def notes_in(store: Store, article: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(article), annotator=annotator, schema=TagSchema())


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


# -- one store object, many users of one article ------------------------------------


def test_releasing_one_of_two_opens_keeps_the_article_locked(store_root: Path, article_copy: Path) -> None:
    store = Store(store_root, mode=LockMode.AUTO)
    try:
        first = notes_in(store, article_copy)
        second = notes_in(store, article_copy)  # the same article opened again (palette)
        assert second.file is first.file
        store.release_article(second.file)
        assert cli("tag", str(article_copy), "3", "figure", store=store_root).returncode == 2
        first.toggle([1], "claim")  # still writable, still locked
        store.release_article(first.file)
        assert cli("tag", str(article_copy), "3", "figure", store=store_root).returncode == 0
    finally:
        store.close()


def test_tick_rebuild_that_moves_to_another_file_lets_go_of_both(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    """As the reader's timer does: ``try_write`` locks the file chosen at open; building
    the annotations again may resolve to another file; leaving releases every lock."""
    copy = tmp_path / "copy.txt"
    shutil.copy(article_copy, copy)
    with Store(store_root, mode=LockMode.ARTICLES) as store:
        notes_in(store, article_copy).toggle([2], "claim")
    holder = Store(store_root, mode=LockMode.ARTICLES)
    notes_in(holder, article_copy)  # another reader holds the article
    reader_store = Store(store_root, mode=LockMode.AUTO)
    try:
        opened = notes_in(reader_store, copy)  # same text: same store file, read-only
        assert opened.read_only
        holder.close()
        article_copy.write_text(article_copy.read_text(encoding="utf-8").replace("Officials", "Ministers", 1), encoding="utf-8")
        assert cli("tag", str(article_copy), "9", "figure", store=store_root).returncode == 0
        assert reader_store.try_write()
        rebuilt = opened.reopened(load_article(copy))  # what the reader's timer does
        assert rebuilt.file is not opened.file
        rebuilt.release()  # what leaving the reader does
        assert cli("tag", str(copy), "3", "figure", store=store_root).returncode == 0
        assert cli("tag", str(article_copy), "4", "figure", store=store_root).returncode == 0
    finally:
        reader_store.close()


# -- the reader ----------------------------------------------------------------


async def test_palette_opens_the_same_article_over_its_reader_and_closing_it_keeps_the_lock(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path
) -> None:
    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    from .test_reader import make_app

    second = tmp_path / "port-strike.txt"
    shutil.copyfile(samples / "port-strike.txt", second)
    app = make_app(store_root, [article_copy, second])
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        number = next(n for n, i in enumerate(library.library.items) if Path(i.path) == article_copy)
        library.open_entry(number)
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        first = app.screen
        assert isinstance(first, ReaderScreen)
        title = first.article.title
        command = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Open article") and title in c.title)
        command.callback()  # the palette's "Open article" while reading it
        await wait_until(pilot, lambda: app.screen is not first and isinstance(app.screen, ReaderScreen), "a second reader")
        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is first, "back in the first reader")
        assert cli("tag", str(article_copy), "3", "figure", store=store_root).returncode == 2
        await pilot.press("1")
        await wait_until(pilot, lambda: first.annotations.tags(1) == ["claim"], "the tag saved")
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back in the library")
        assert cli("tag", str(article_copy), "3", "figure", store=store_root).returncode == 0


async def test_big_article_resaved_with_crlf_keeps_first_part_tags_and_lets_go_on_leaving(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.reader.screen as reader_module
    from annotations.sentences.cache import SentenceCache
    from tui.app import NewsmarkApp
    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    from .test_reader import GatedRest, big_article

    monkeypatch.setattr(reader_module, "RestOfArticle", GatedRest)
    cache = SentenceCache(tmp_path / "cache")
    original = big_article(tmp_path / "big.txt")
    with Store(store_root) as store:  # tagged before, at its old path
        open_article(store, load_article(original, cache=cache), annotator="ana", schema=TagSchema()).toggle([5999], "claim")
    (tmp_path / "lib").mkdir()
    resaved = tmp_path / "lib" / "big.txt"
    resaved.write_bytes(original.read_bytes().replace(b"\n", b"\r\n"))  # same text, other bytes
    original.unlink()
    other = tmp_path / "lib" / "other.txt"
    other.write_text("One sentence here. Another one there.\n", encoding="utf-8")
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), sentence_cache=cache)
    GatedRest.gate.clear()
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=None, paths=[resaved, other])
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: all(i.entry is not None for i in library.library.items), "library scanned")
        number = next(n for n, i in enumerate(library.library.items) if Path(i.path).name == "big.txt")
        library.open_entry(number)
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert not screen.article.complete
        await pilot.press("j", "1")  # tag sentence 2 while the rest is split
        await wait_until(pilot, lambda: screen.annotations.tags(2) == ["claim"], "the tag on the first part")
        GatedRest.gate.set()
        await wait_until(pilot, lambda: screen.article.complete, "the whole article")
        assert screen.annotations.tags(2) == ["claim"], "the tag made on the first part is not shown once complete"
        assert screen.annotations.tags(5999) == ["claim"]
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back in the library")
        assert cli("tag", str(resaved), "3", "figure", store=store_root).returncode == 0, "the article's lock is still held"
    assert len(list((store_root / ARTICLES_DIR).glob("*.json"))) == 1


# -- one writer per article, by content -----------------------------------------


def test_same_text_at_two_paths_has_one_writer(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    """A reader holds an article it has not written yet; a command tagging a copy (the
    same text at another path) is refused, and all tags land in one store file."""
    copy = tmp_path / "copy.txt"
    shutil.copy(article_copy, copy)
    reader_store = Store(store_root, mode=LockMode.AUTO)
    try:
        reader = notes_in(reader_store, article_copy)  # holds the article, no tag yet
        assert not reader.read_only
        refused = cli("tag", str(copy), "3", "figure", store=store_root)
        assert refused.returncode == 2, refused.stderr
        assert "in use" in refused.stderr
        reader.toggle([1], "claim")
    finally:
        reader_store.close()
    assert cli("tag", str(copy), "3", "figure", store=store_root).returncode == 0
    assert len(list((store_root / ARTICLES_DIR).glob("*.json"))) == 1
    third = tmp_path / "third.txt"
    shutil.copy(article_copy, third)
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, third).tagged_sentences() == [1, 3]
        assert notes_in(store, copy).tagged_sentences() == [1, 3]


def test_same_text_at_two_paths_in_one_reader_process_share_one_file(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(article_copy, copy)
    with Store(store_root, mode=LockMode.AUTO) as store:
        first = notes_in(store, article_copy)
        second = notes_in(store, copy)
        assert second.file is first.file
        first.toggle([1], "claim")
        second.toggle([3], "figure")
    assert len(list((store_root / ARTICLES_DIR).glob("*.json"))) == 1


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_first_part_of_a_big_article_knows_its_whole_text_hash(tmp_path: Path, suffix: str) -> None:
    from annotations.store.identity import content_hash

    from .test_reader import big_article

    path = big_article(tmp_path / "big.txt")
    if suffix == ".md":  # a title, sections, a sub-heading and paragraphs in Markdown's layout
        blocks = ["# The Report"]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Part "):
                blocks.append(f"## {line}")
                if line.startswith("Part 3 "):
                    blocks.append("### A sub-heading")
            elif line != "|":
                blocks.append(line)
        path = tmp_path / "big.md"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    part = load_article(path, first_part_only=True)
    whole = load_article(path)
    assert not part.complete and whole.complete
    assert content_hash(part) == content_hash(whole)


def test_reader_of_a_copy_is_read_only_while_another_process_holds_the_text_then_takes_it(
    store_root: Path, article_copy: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(article_copy, copy)
    with Store(store_root, mode=LockMode.AUTO) as store:
        with child(READER, str(store_root), str(article_copy), ready="open") as other:
            notes = notes_in(store, copy)
            assert notes.read_only
            assert notes.read_only_reason == f"the article is in use by process {other.pid}"
            assert not store.try_write()
        assert store.try_write()  # the other process has gone: the text's lock is free
        notes = notes.reopened(load_article(copy))
        assert not notes.read_only
        notes.toggle([2], "claim")
        notes.release()
    with Store(store_root, mode=LockMode.READ) as store:
        assert notes_in(store, article_copy).tagged_sentences() == [2]
