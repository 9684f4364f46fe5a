"""A long list of one-line rows with a cursor: a Line-API ScrollView that draws only what is visible.

The library lists thousands of articles and the annotations overview tens of thousands
of annotations; a widget per row (or a DataTable measuring every cell) would make them
wait. :class:`RowList` knows only how many rows there are and asks its owner for the
text of each row it paints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowRenderer = Callable[[int, int], Text]
"""Gives the text of row ``index`` for a line ``width`` cells wide."""


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows drawn on demand by a :data:`RowRenderer`; the cursor row is highlighted.

    It has no key bindings of its own: the screen's keys move the cursor.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor"}

    DEFAULT_CSS = """
    RowList { background: $surface; overflow-x: hidden; }
    RowList > .row-list--cursor { background: $accent 40%; }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """The highlighted row (0-based)."""

    class Clicked(Message):
        """A row was clicked (the cursor is on it now); ``chain`` 2 for a double click."""

        def __init__(self, row: int, chain: int) -> None:
            self.row = row
            self.chain = chain
            super().__init__()

    def __init__(self, render_row: RowRenderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._render_row = render_row
        self.count = 0

    def set_count(self, count: int, cursor: int | None = None) -> None:
        """Show ``count`` rows (all repainted), the cursor on ``cursor`` (clamped)."""
        if count != self.count:  # a new virtual size means a layout pass: only when it changes
            self.count = count
            self.virtual_size = Size(0, count)
        wanted = self.cursor if cursor is None else cursor
        self.set_reactive(RowList.cursor, max(0, min(wanted, count - 1)))
        self._show_cursor()
        self.refresh()

    def refresh_rows(self) -> None:
        """Repaint every visible row (their content changed)."""
        self.refresh()

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into view."""
        if self.count:
            self.cursor = max(0, min(row, self.count - 1))

    @property
    def page(self) -> int:
        """How many rows one screen shows."""
        return max(1, self.scrollable_content_region.height)

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):
            self.refresh(Region(0, row - round(self.scroll_offset.y), self.size.width, 1))
        self._show_cursor()

    def _show_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self.page:
            self.scroll_to(y=self.cursor - self.page + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, self.count)
        self._show_cursor()

    def on_click(self, event: Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < self.count:
            self.cursor = row
            self.post_message(self.Clicked(row, event.chain))

    def render_line(self, y: int) -> Strip:
        """One screen line: the row under it, or blank."""
        width = self.scrollable_content_region.width
        row = round(self.scroll_offset.y) + y
        if not 0 <= row < self.count or width <= 0:
            return Strip.blank(width, self.rich_style)
        text = self._render_row(row, width)
        text.truncate(width, overflow="ellipsis", pad=True)
        if row == self.cursor:
            text.stylize_before(self.get_component_rich_style("row-list--cursor"))
        return Strip(text.render(self.app.console), width).apply_style(self.rich_style)
