"""A scroll by a line styles only the line it brings on screen: the lines still on screen
keep their finished strips (padding, styles and filters applied), and those strips are the
ones a fresh drawing makes. Counts of work done and drawn cells, never times."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from tui.widgets.article_view import ArticleView

from .test_reader import make_app, reader
from .test_reader_repaints import count_calls

SMALL = (100, 14)
"""Short enough that the first section scrolls."""


async def test_a_one_line_scroll_styles_only_the_new_line(store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("l", "l")  # the third section is longer than the screen
        await pilot.pause()
        view = reader(app).view
        assert view.max_scroll_y > 2, "the article does not scroll at this size"
        lines = count_calls(monkeypatch, ArticleView, "render_line")
        view.scroll_to(y=1, animate=False, immediate=True)
        await pilot.pause()
        bottom = view.scrollable_content_region.height - 1
        assert lines, "the scroll was not drawn"
        assert {int(args[0]) for args, _ in lines} == {bottom}, "lines already on screen were drawn again"


async def test_kept_lines_are_the_lines_drawn_anew(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("l", "l")
        await pilot.pause()
        view = reader(app).view
        for y in (1, 2, 4, 3):
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.press("j")
            await pilot.pause()
        whole = Region(0, 0, view.region.width, view.region.height)
        kept = view.render_lines(whole)
        assert view.finished_lines, "no finished line was kept"
        view.finished_lines.clear()
        view.refresh()
        assert view.render_lines(whole) == kept
