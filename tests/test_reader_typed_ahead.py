"""Keys typed ahead: a fast typist's ``:15⏎`` or ``/shells⏎`` arrives in one read of the
terminal, before the bar it opens has taken the focus; the keys after ``:`` or ``/`` are
the bar's, never the reader's (whose digits toggle tags)."""

from __future__ import annotations

from pathlib import Path

from textual import events

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_library import write_articles
from .test_reader import make_app, reader


def typed_at_once(app: object, keys: str) -> None:
    for key in keys:
        name = {"\r": "enter", "\x1b": "escape", ":": "colon", "/": "slash", " ": "space", ",": "comma"}.get(key, key)
        app.post_message(events.Key(name, None if key in "\r\x1b" else key))  # type: ignore[attr-defined]


def tagged(store_root: Path, article: Path) -> list[int]:
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(article), annotator="ana", schema=TagSchema()).tagged_sentences()


async def test_go_to_typed_at_once_goes_and_tags_nothing(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, ":15\r")
        await wait_until(pilot, lambda: reader(app).view.cursor == 15, "the cursor to reach sentence 15")
        await pilot.pause()
    assert tagged(store_root, article_copy) == []


async def test_search_typed_at_once_finds_and_tags_nothing(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, "/300,000 shells\r")
        await wait_until(pilot, lambda: reader(app).view.cursor != 1, "the search to move the cursor")
        await pilot.pause()
    assert tagged(store_root, article_copy) == []


async def test_library_filter_typed_at_once_filters_and_sorts_nothing(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 12)
    app = make_app(store_root, paths)
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        typed_at_once(app, "/number 1rs\r")  # r reverses and s sorts, if they reach the list
        await wait_until(pilot, lambda: library.filter_text == "number 1rs", "the typed filter")
        await pilot.pause()
        assert (library.reverse, library.sort) == (False, 0)
