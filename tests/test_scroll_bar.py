"""The scroll bars drawn straight into strips look exactly as Textual's own renderer
draws them, at every position."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender

from tui.widgets.scroll_bar import StripScrollBarRender

from .test_reader import make_app, reader


async def test_the_bar_draws_as_textuals_renderer_does(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 14)) as pilot:
        await pilot.press("l", "l")  # the third section is longer than the screen
        await pilot.pause()
        view = reader(app).view
        bar = view.vertical_scrollbar
        assert isinstance(bar.render(), StripScrollBarRender)
        whole = Region(0, 0, bar.size.width, bar.size.height)
        for y in range(int(view.max_scroll_y) + 1):
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            ours = bar.render_lines(whole)
            bar.renderer = ScrollBarRender
            bar.refresh()
            textuals = bar.render_lines(whole)
            del bar.renderer  # the class's renderer again
            bar.refresh()
            assert [list(line) for line in ours] == [list(line) for line in textuals], f"the bar differs at {y}"
            assert ScrollBar.renderer is StripScrollBarRender
