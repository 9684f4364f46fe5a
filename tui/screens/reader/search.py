"""Finding a sentence in the reader: a search with matches found as the term is typed
(n/N to step), or a sentence number in the go-to bar."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widgets import Input

from .host import ReaderHost
from .status import SearchStatus

if TYPE_CHECKING:
    # The bars load when first opened, as they are mounted: not on the reader's start path.
    from .bars import GoToBar, SearchBar, SearchChanged


class Search:
    """The search bar, the search term, its matches and where the search started; the go-to bar."""

    def __init__(self, host: ReaderHost, place: Callable[[Input], Awaitable[object]]) -> None:
        self._host = host
        self._place = place
        """Mounts a bar under the text."""
        self._bar: SearchBar | None = None
        """The search bar, once opened (the bars are mounted when first wanted: a faster start)."""
        self._goto: GoToBar | None = None
        """The go-to bar, once opened."""
        self.origin: int | None = None
        """Where the cursor was when the search bar opened (None while it is closed)."""
        self.term = ""
        self.matches: list[int] = []

    async def open(self) -> None:
        """Open the search bar: a new search from the cursor."""
        if self._bar is None:
            from .bars import SearchBar

            self._bar = SearchBar(self._search_finished)
            await self._place(self._bar)
        self.origin = self._host.view.cursor
        self._bar.open()

    @property
    def bar_shown(self) -> bool:
        """Whether the search bar is open."""
        return self._bar is not None and self._bar.display

    async def open_go_to(self) -> None:
        """Open the go-to bar."""
        if self._goto is None:
            from .bars import GoToBar

            self._goto = GoToBar(len(self._host.article.sentences), self._go_to_finished)
            await self._place(self._goto)
        self._goto.open()

    def close_go_to(self) -> bool:
        """Close the go-to bar; whether it was open."""
        if self._goto is None or not self._goto.display:
            return False
        self._goto.display = False
        self._focus_view()
        return True

    def _go_to_finished(self, keep: bool, text: str) -> None:
        """Enter (keep) or Esc in the go-to bar: close it; on Enter go to the sentence typed."""
        from .bars import sentence_number

        self.close_go_to()
        number = sentence_number(text)
        if keep and number is not None:
            self._host.go_to_sentence(number)

    def _search_finished(self, keep: bool, term: str) -> None:
        """Enter (keep the match) or Esc (back where the search started) in the search bar."""
        self.close(keep=keep)

    def _focus_view(self) -> None:
        """The reader's keys again, at once: keys typed next are the reader's."""
        view = self._host.view
        view.screen.set_focus(view)

    def changed(self, term: str) -> None:
        """Go to the first match from where the search started (wrapping), or back there."""
        if self.origin is None:
            return
        self.set_term(term)
        matches = self.matches
        self._host.move_to(matches[bisect_left(matches, self.origin) % len(matches)] if matches else self.origin)

    def set_term(self, term: str) -> None:
        """Search for ``term`` ("": no search)."""
        self.term = term
        self.matches = self._host.article.matches(term) if term else []
        self._host.view.search_term = term
        self._host.status.search = SearchStatus(term, tuple(self.matches)) if term else None

    def close(self, *, keep: bool) -> None:
        """Close the search bar: keep the match (say if there is none), or go back where it started."""
        if self._bar is not None:
            self._bar.display = False
        if not keep and self.origin is not None:
            self.set_term("")
            self._host.move_to(self.origin)
        elif keep and self.term and not self.matches:
            self._host.notify(f"No sentence contains {self.term!r}.", severity="warning")
        self.origin = None
        self._focus_view()

    def step(self, *, forward: bool) -> None:
        """The next (or previous) sentence that matches, wrapping round."""
        host = self._host
        if not self.term:
            host.notify("No search yet: press / to search.")
            return
        cursor = host.view.cursor
        found = host.article.find(self.term, cursor + 1 if forward else cursor - 1, forward=forward)
        if found is None:
            host.notify(f"No sentence contains {self.term!r}.", severity="warning")
            return
        if (found <= cursor) if forward else (found >= cursor):
            host.notify("Search went on from the start." if forward else "Search went on from the end.", timeout=3)
        host.move_to(found)


class SearchActions:
    """The search and go-to keys and their bars' messages, mixed into the reader screen."""

    search: Search

    async def action_search(self) -> None:
        """Open the search bar; matches are found as you type."""
        from ...typed_ahead import skip_while_typing

        skip_while_typing(cast("Screen[None]", self))
        await self.search.open()

    def on_search_changed(self, event: SearchChanged) -> None:
        self.search.changed(event.term)

    async def action_go_to(self) -> None:
        """Ask for a sentence number and go there."""
        from ...typed_ahead import skip_while_typing

        skip_while_typing(cast("Screen[None]", self))
        await self.search.open_go_to()

    def action_next_match(self) -> None:
        """The next sentence matching the search."""
        self.search.step(forward=True)

    def action_previous_match(self) -> None:
        """The previous sentence matching the search."""
        self.search.step(forward=False)
