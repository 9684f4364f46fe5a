"""The library's *opened* column says when an article was last read, even when the reader
was left where it opened (no move, so no new reading position to save)."""

from __future__ import annotations

from pathlib import Path

from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

from .conftest import wait_until
from .test_library import write_articles
from .test_reader import make_app


async def test_leaving_the_reader_without_moving_updates_opened(store_root: Path, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "articles", 2)
    app = make_app(store_root, paths)
    async with app.run_test(size=(120, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        number = library.current_item()
        assert number is not None

        def visit_store() -> tuple[str | None, int | None]:
            state = library.library.items[number].store  # type: ignore[index]
            return (state.opened, state.position) if state is not None else (None, None)

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("j", "q")
        await wait_until(pilot, lambda: app.screen is library, "back in the library")
        first, position = visit_store()
        assert first is not None and position == 2

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader again")
        await pilot.press("q")  # no move
        await wait_until(pilot, lambda: app.screen is library, "back in the library again")
        await pilot.pause()
        again, position = visit_store()
        assert again is not None and again > first, (first, again)
        assert position == 2  # where it was left
