"""Keys typed right after the key that closes a bar (Enter, Esc), in the same burst: they
are the reader's (or the list's), in order, never the closed bar's."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_library import write_articles
from .test_reader import make_app, reader
from .test_reader_typed_ahead import typed_at_once


def tags(store_root: Path, article: Path) -> dict[int, list[str]]:
    with Store(store_root, mode=LockMode.READ) as store:
        annotations = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        return {number: annotations.tags(number) for number in annotations.tagged_sentences()}


async def test_a_tag_key_typed_after_go_to_tags_that_sentence_once(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, ":7\ro")
        await wait_until(pilot, lambda: 7 in reader(app).annotations.tagged_sentences(), "sentence 7 tagged")
        await pilot.pause()
        assert reader(app).view.cursor == 7
        assert app.focused is reader(app).view
    assert tags(store_root, article_copy) == {7: ["concern"]}


async def test_go_to_typed_after_a_search_goes_and_keeps_the_search(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, "/shells\r:5\r")
        screen = reader(app)
        await wait_until(pilot, lambda: screen.view.cursor == 5, "the cursor on sentence 5")
        await pilot.pause()
        assert screen.search.term == "shells"
        assert (screen.view.cursor, screen.search.bar_shown, app.focused) == (5, False, screen.view)
    assert tags(store_root, article_copy) == {}


async def test_a_search_typed_after_go_to_searches(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, ":7\r/officials\r")
        screen = reader(app)
        await wait_until(pilot, lambda: screen.search.term == "officials", "the search for officials")
        await wait_until(pilot, lambda: screen.view.cursor == 10, "the first match after sentence 7")
        assert (screen.search.bar_shown, app.focused) == (False, screen.view)


async def test_a_tag_key_typed_after_esc_in_the_search_tags_where_it_started(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        typed_at_once(app, "jj/officials\x1bo")
        screen = reader(app)
        await wait_until(pilot, lambda: screen.annotations.tagged_sentences(), "a sentence tagged")
        await pilot.pause()
        assert (screen.view.cursor, screen.search.term, screen.search.bar_shown) == (3, "", False)
    assert tags(store_root, article_copy) == {3: ["concern"]}


async def test_go_to_typed_while_the_reader_starts_goes(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        typed_at_once(app, ":15\r")
        await wait_until(pilot, lambda: reader(app).view.cursor == 15, "the cursor on sentence 15")
        await pilot.pause()
        assert not reader(app).query_one("#goto-input").display
        assert app.focused is reader(app).view


async def test_a_key_typed_after_the_library_filter_is_the_list_s(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", 12)
    app = make_app(store_root, paths)
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        typed_at_once(app, "/number 1\rr")
        await wait_until(pilot, lambda: library.reverse, "r reversing the list")
        await pilot.pause()
        assert library.filter_text == "number 1"
        assert app.focused is library.rows


async def test_a_key_typed_after_esc_in_the_overview_filter_is_the_list_s(store_root: Path, tmp_path: Path) -> None:
    from tui.screens.annotations import AnnotationsScreen

    paths = write_articles(tmp_path / "news", 3)
    app = make_app(store_root, paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        typed_at_once(app, "/words\x1bm")  # m: only your own annotations, if it reaches the list
        await wait_until(pilot, lambda: overview.mine, "m reaching the list")
        await pilot.pause()
        assert overview.query_text == ""
        assert app.focused is overview.rows
