"""An article whose store file cannot be read, opened from inside the app (the library's
Enter, a link or an elsewhere hit followed from a reader): a one-line notification
naming the store file and why, the screen below stays and the file is left as it was
(it crashed the app with a traceback holding the article's text, and status 1)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from tui.messages import OpenArticle
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

from .conftest import Notice, wait_until
from .test_cli_daily import newsmark
from .test_library import write_articles
from .test_reader import make_app

BROKEN = b'{"_default": {"1": {"tags": ["cla'


def corrupt_store_of(article: Path, store: Path) -> Path:
    """Tag ``article`` in ``store``, then break its store file; the file."""
    assert newsmark("tag", str(article), "1", "claim", store=store).returncode == 0
    [stored] = (store / "articles").glob("*.json")
    stored.write_bytes(BROKEN)
    return stored


async def test_the_library_says_why_and_stays(store_root: Path, tmp_path: Path, notices: list[Notice]) -> None:
    paths = write_articles(tmp_path / "articles", 2)
    stored = corrupt_store_of(paths[0], store_root)
    app = make_app(store_root, paths)
    async with app.run_test(size=(120, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        number = next(n for n, item in enumerate(library.library.items) if item.path == str(paths[0]))
        library.open_entry(number)
        await wait_until(pilot, lambda: any("corrupt" in n.message for n in notices), "the notification")
        [said] = [n for n in notices if "corrupt" in n.message]
        assert str(stored) in said.message.replace("\n", "") and said.severity == "error"
        assert app.screen is library and app.is_running
        assert not library._reading  # its counting goes on: no reader is open
        await pilot.press("down", "enter")  # the other article still opens
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the other article's reader")
    assert stored.read_bytes() == BROKEN


async def test_a_reader_following_a_link_stays(store_root: Path, tmp_path: Path, notices: list[Notice]) -> None:
    paths = write_articles(tmp_path / "articles", 2)
    stored = corrupt_store_of(paths[1], store_root)
    app = make_app(store_root, paths[:1])
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        reader.post_message(OpenArticle(load_article(paths[1]), sentence=2))
        await wait_until(pilot, lambda: any("corrupt" in n.message for n in notices), "the notification")
        assert app.screen is reader and app.is_running
        await pilot.press("j")
        await wait_until(pilot, lambda: reader.view.cursor == 2, "the reader still taking keys")
    assert stored.read_bytes() == BROKEN
