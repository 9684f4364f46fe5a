"""The reader's two input bars: the search bar (posting :class:`SearchChanged` as the term
is typed) and the go-to bar. Enter and Esc in either hand its value to the bar's owner
before the next key is forwarded (see :mod:`tui.typed_ahead`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widgets import Input

from ...typed_ahead import TypedAheadBar


class SearchChanged(Message):
    """The search term was changed (matches are found as it is typed)."""

    def __init__(self, term: str) -> None:
        self.term = term
        super().__init__()


class SearchBar(TypedAheadBar):
    """Search as you type, under the text; ``finished(keep, term)`` on Enter (keep) or Esc."""

    def __init__(self, finished: Callable[[bool, str], None]) -> None:
        super().__init__(finished, placeholder="search: Enter keeps the match · Esc goes back · then n/N next/previous", id="search-input")

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


class GoToBar(TypedAheadBar):
    """Asks for a sentence number, under the text; ``finished(keep, text)`` on Enter (keep) or Esc."""

    def __init__(self, total: int, finished: Callable[[bool, str], None]) -> None:
        super().__init__(finished, placeholder=f"go to sentence (1-{total}): Enter goes, Esc cancels", type="integer", id="goto-input")

    def open(self) -> None:
        """Show the bar, empty, with the focus."""
        self.value = ""
        self.display = True
        # At once, not after the queued messages as focus() would: keys typed together
        # with the one that opened the bar are the bar's.
        self.screen.set_focus(self)


def sentence_number(text: str) -> int | None:
    """The number typed in the go-to bar (None: none was, or only a sign)."""
    digits = text.strip()
    return int(digits) if digits.lstrip("+-") else None
