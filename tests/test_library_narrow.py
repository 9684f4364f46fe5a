"""In a narrow terminal every screen's key bar keeps Help and Quit (or Back)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.screens.annotations import AnnotationsScreen
from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_reader import key_bar_text, make_app


@pytest.mark.parametrize("width", [60, 80])
async def test_the_library_and_the_overview_keep_help_and_quit_when_narrow(store_root: Path, samples: Path, width: int) -> None:
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(width, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        bar = key_bar_text(app)
        assert "? Help" in bar and "q Quit" in bar, bar
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        await pilot.pause()
        bar = key_bar_text(app)
        assert "? Help" in bar and "q Back" in bar, bar


async def test_the_library_header_counts_what_a_filter_shows(store_root: Path, samples: Path) -> None:
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(100, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        total = len(library.library.items)
        header = library.query_one("#section-header")
        assert f"Library · {total} articles" in str(header.render())
        await pilot.press("slash", *"grid")
        await wait_until(pilot, lambda: f"Library · 1 of {total} articles" in str(header.render()), "the filtered count")
