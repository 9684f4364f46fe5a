"""The library's keys (the README's key table and the help screen are made from them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.binding import Binding, BindingType

from ..key_groups import FINDING, GENERAL, MOVING, VIEWS
from ..widgets.row_list import RowList

if TYPE_CHECKING:
    from textual.app import App

    from annotations.library.listing import Library
    from annotations.schema import TagSchema

#: The library's own keys.
LIBRARY_BINDINGS: list[BindingType] = [
    Binding("enter", "open_article", "Open the article", show=True, group=VIEWS),
    Binding("j,down", "cursor_down", "Next article", show=False, group=MOVING),
    Binding("k,up", "cursor_up", "Previous article", show=False, group=MOVING),
    Binding("g,home", "cursor_first", "First article", show=False, group=MOVING),
    Binding("G,end", "cursor_last", "Last article", show=False, group=MOVING),
    Binding("pagedown", "page_down", "Page down", show=False, group=MOVING),
    Binding("pageup", "page_up", "Page up", show=False, group=MOVING),
    Binding(
        "slash",
        "filter",
        "Filter",
        tooltip="Filter by title or path as you type (Enter keeps it, Esc clears it)",
        group=FINDING,
        priority=True,
    ),  # keys typed with it are the bar's: see tui.typed_ahead
    Binding("s", "next_sort", "Sort", tooltip="Sort by the next column: title, path, size, sentences, tagged, last opened", group=FINDING),
    Binding("r", "reverse_sort", "Reverse", show=False, tooltip="Reverse the order", group=FINDING),
    Binding(
        "a",
        "annotations",
        "Annotations",
        tooltip="Every annotation in the store: filter by tag, annotator, words, status or grade; Enter opens it",
        group=VIEWS,
    ),
    Binding(
        "ctrl+t",
        "switch_filter",
        "Titles or text",
        show=False,
        tooltip="Switch the filter between titles and paths and the text of every article (Enter on a sentence opens it there)",
        group=FINDING,
    ),
    Binding(
        "d",
        "dashboard",
        "Dashboard",
        show=False,  # the key bar stays as it was: help, the palette and the README list it
        tooltip="A picture of the library: tags by publication date, claims by status, sources, each annotator's progress",
        group=VIEWS,
    ),
    Binding("escape", "clear_filter", "Clear the filter", show=False, group=FINDING),
    Binding("question_mark", "help", "Help", group=GENERAL),
    Binding("q", "quit", "Quit", group=GENERAL),
]


class _Rows(Protocol):
    @property
    def rows(self) -> RowList: ...


class LibraryMoves:
    """The library's moving keys: the cursor over the rows listed (articles or sentences found)."""

    def action_cursor_down(self: _Rows) -> None:
        """Next article."""
        self.rows.move_cursor(self.rows.cursor + 1)

    def action_cursor_up(self: _Rows) -> None:
        """Previous article."""
        self.rows.move_cursor(self.rows.cursor - 1)

    def action_cursor_first(self: _Rows) -> None:
        """First article."""
        self.rows.move_cursor(0)

    def action_cursor_last(self: _Rows) -> None:
        """Last article."""
        self.rows.move_cursor(self.rows.count - 1)

    def action_page_down(self: _Rows) -> None:
        """One screen down."""
        self.rows.move_cursor(self.rows.cursor + self.rows.page)

    def action_page_up(self: _Rows) -> None:
        """One screen up."""
        self.rows.move_cursor(self.rows.cursor - self.rows.page)


class _Pictured(Protocol):
    library: Library
    annotator: str
    schema: TagSchema
    working: bool

    @property
    def app(self) -> App[Any]: ...


class LibraryViews:
    """The library's keys that open another view of it."""

    def action_dashboard(self: _Pictured) -> None:
        """A picture of the library's articles (computed in the background)."""
        from .dashboard import DashboardScreen

        scale = self.schema.verdicts.names
        self.app.push_screen(DashboardScreen(self.library.items, self.annotator, scale, complete=not self.working))

    def views_library_read(self: _Pictured) -> None:
        """Tell the views opened on the library while it was reading that it has read every article."""
        from .dashboard import DashboardScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.library_read(self.library.items)
