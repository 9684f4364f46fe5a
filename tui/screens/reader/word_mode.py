"""Word mode: tag, note or untag words inside the cursor sentence (a span) from the keyboard.

``m`` opens the word bar under the text, with the focus, on the cursor sentence's first
word: its keys move the word cursor and extend the selection, the tag keys toggle a tag on
the selected words, ``e`` notes them, ``u``/``U`` undo and redo, Esc (or moving to
another sentence) leaves. Keys it does not bind reach the reader as ever. Tagging one
figure is ``m`` ``n`` and a tag key: three keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from .editing import Edits
from .host import ReaderHost

if TYPE_CHECKING:
    from .word_bar import WordBar  # loaded when word mode is first opened


class WordMode:
    """Word mode's bar: mounted (under the text) when first wanted."""

    def __init__(self, host: ReaderHost, edits: Edits) -> None:
        self._host = host
        self._edits = edits
        self.bar: WordBar | None = None
        """The word bar, once made."""

    @property
    def active(self) -> bool:
        """Whether the reader is in word mode."""
        return self.bar is not None and self.bar.cursor is not None

    def help_mode(self) -> tuple[str, str, list[Binding]]:
        """Word mode's keys under their heading in the help (the tag keys first, as in the README)."""
        from .word_bar import WordBar

        note = "you are in word mode: the keys above that it does not bind still work" if self.active else "m in the reader"
        return "Word mode keys", note, list(Binding.make_bindings(WordBar.for_schema(self._host.schema).BINDINGS))

    def open(self) -> None:
        """Word mode on the cursor sentence (a range is dropped: words are in one sentence)."""
        host = self._host
        if len(host.targets()) > 1:
            cursor = host.view.cursor
            host.keep_range()
            host.move_to(cursor)  # a move after a change drops the range
            host.notify(f"Word mode works in one sentence: the range was dropped, sentence {cursor} kept.", timeout=4)
        if self.bar is None:
            from .word_bar import WordBar

            self.bar = WordBar.for_schema(self._host.schema)(self._host, self._edits)
            self._host.view.screen.mount(self.bar, before="#note-line")
        self.bar.open(self._host.view.cursor)


class WordActions:
    """The reader's key into word mode, mixed into the reader screen."""

    words: WordMode

    def action_word_mode(self) -> None:
        """Select words inside the cursor sentence to tag or note them (a span)."""
        self.words.open()
