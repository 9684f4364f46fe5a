"""The reader's two input bars, each posting what happened in it: the search bar
(:class:`SearchChanged`, :class:`SearchSubmitted`) and the go-to bar (:class:`GoToRequested`)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input


class SearchChanged(Message):
    """The search term was changed (matches are found as it is typed)."""

    def __init__(self, term: str) -> None:
        self.term = term
        super().__init__()


class SearchSubmitted(Message):
    """Enter in the search bar: keep the match."""

    def __init__(self, term: str) -> None:
        self.term = term
        super().__init__()


class GoToRequested(Message):
    """Enter in the go-to bar: go to sentence ``number`` (None: nothing was typed)."""

    def __init__(self, number: int | None) -> None:
        self.number = number
        super().__init__()


class SearchBar(Input):
    """Search as you type, under the text."""

    def __init__(self) -> None:
        super().__init__(placeholder="search: Enter keeps the match · Esc goes back · then n/N next/previous", id="search-input")

    def open(self) -> None:
        """Show the bar, empty, with the focus."""
        self.value = ""
        self.display = True
        # At once, not after the queued messages as focus() would: keys typed together
        # with the one that opened the bar are the bar's.
        self.screen.set_focus(self)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchSubmitted(event.value))


class GoToBar(Input):
    """Asks for a sentence number, under the text."""

    def __init__(self, total: int) -> None:
        super().__init__(placeholder=f"go to sentence (1-{total}): Enter goes, Esc cancels", type="integer", id="goto-input")

    def open(self) -> None:
        """Show the bar, empty, with the focus."""
        self.value = ""
        self.display = True
        # At once, not after the queued messages as focus() would: keys typed together
        # with the one that opened the bar are the bar's.
        self.screen.set_focus(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.display = False
        text = event.value.strip()
        self.post_message(GoToRequested(int(text) if text else None))
