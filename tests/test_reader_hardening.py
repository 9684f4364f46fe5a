"""The reader keeps what the analyst did: a note that could not be saved, and the
reading position of a big article opened in parts."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.widgets import TextArea

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.note import NoteDialog
from tui.screens.reader import ReaderScreen

from .conftest import Notice, wait_until
from .helpers import HOLDER, child
from .test_reader import big_article

SIZE = (100, 30)


def stored_note(store_root: Path, path: Path, sentence: int) -> str:
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(path), annotator="ana", schema=TagSchema()).note(sentence)


async def test_a_note_that_could_not_be_saved_stays_in_its_dialog(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    import annotations.store.storage as storage

    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema())
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=SIZE) as pilot:

        def disk_full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage.os, "fsync", disk_full)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        await pilot.press(*"Ask the desk")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("No space left" in n.message for n in notices), "the failure's notification")
        assert isinstance(app.screen, NoteDialog), "the dialog closed and took the unsaved note with it"
        assert app.screen.query_one(TextArea).text == "Ask the desk"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader again")
    assert stored_note(store_root, article_copy, 1) == "Ask the desk"


async def test_a_big_article_reopens_where_it_was_left_even_past_its_first_part(store_root: Path, tmp_path: Path) -> None:
    cache = SentenceCache(tmp_path / "cache")
    path = big_article(tmp_path / "big.txt")
    whole = load_article(path, cache=cache)
    with Store(store_root) as store:
        open_article(store, whole, annotator="ana", schema=TagSchema()).save_position(5_998)
    part = load_article(path, cache=cache, first_part_only=True)
    assert not part.complete and len(part.sentences) < 5_998
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), sentence_cache=cache)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=part, paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_until(pilot, lambda: screen.article.complete, "the whole article")
        await wait_until(pilot, lambda: screen.view.cursor == 5_998, "the cursor on the saved sentence")
        await pilot.press("q")
    with Store(store_root, mode=LockMode.READ) as store:
        assert open_article(store, whole, annotator="ana", schema=TagSchema()).stored_position == 5_998


async def test_a_reader_opened_while_another_newsmark_writes_takes_the_store_once_it_is_free(store_root: Path, article_copy: Path) -> None:
    with child(HOLDER, str(store_root), ready="locked") as holder:
        settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema())
        app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReaderScreen) and screen.annotations.read_only
            await pilot.press("1")
            assert screen.annotations.tags(1) == []
            assert holder.stdin is not None
            holder.stdin.close()  # the other newsmark finishes
            holder.wait(timeout=60)
            await wait_until(pilot, lambda: not screen.annotations.read_only, "the store taken once free")
            await pilot.press("1")
            assert screen.annotations.tags(1) == ["claim"]
    with Store(store_root, mode=LockMode.READ) as store:
        assert open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).tags(1) == ["claim"]


async def test_the_export_key_never_waits_on_a_pipe_in_the_way(
    store_root: Path, article_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    import os

    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "artillery-pipeline.newsmark.yaml"
    os.mkfifo(fifo)
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema())
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        refused = lambda: any(str(fifo) in n.message and "not written" in n.message for n in notices)  # noqa: E731
        await wait_until(pilot, refused, "the pipe named and left as it is, nothing written")
    assert fifo.is_fifo() and not list(tmp_path.glob("*.newsmark-*"))


async def test_ctrl_q_saves_the_position_as_q_does(store_root: Path, article_copy: Path) -> None:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema())
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        await pilot.press("ctrl+q")
    with Store(store_root, mode=LockMode.READ) as store:
        assert open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).stored_position == 4


def test_text_drawn_by_the_reader_is_inert_whatever_reached_it() -> None:
    """The second line of defence: even text that slipped past every cleaning on its way in
    is drawn with no control character or bidi override left."""
    from tui.shown import inert, shown_note

    hostile = "Title \x1b]0;pwned\x07 \x1b[2J \x9b31m \u202eevil\u202c"
    for drawn in (inert(hostile), shown_note(hostile + "\nsecond line")):
        assert not any(
            (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e" for c in drawn
        ), drawn
    assert "\n" in shown_note("one\ntwo") and "\n" not in inert("one\ntwo")
