"""Searching the reader's article: matches found as the term is typed, n/N to step."""

from __future__ import annotations

from bisect import bisect_left

from .host import ReaderHost
from .status import SearchStatus


class Search:
    """The search term, its matches and where the search started."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host
        self.origin: int | None = None
        """Where the cursor was when the search bar opened (None while it is closed)."""
        self.term = ""
        self.matches: list[int] = []

    def start(self) -> None:
        """The search bar opened: a new search from the cursor."""
        self.origin = self._host.view.cursor

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
        """The search bar closed: keep the match (say if there is none), or go back where it started."""
        if not keep and self.origin is not None:
            self.set_term("")
            self._host.move_to(self.origin)
        elif keep and self.term and not self.matches:
            self._host.notify(f"No sentence contains {self.term!r}.", severity="warning")
        self.origin = None

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
