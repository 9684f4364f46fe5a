"""Word mode's bar (see :mod:`tui.screens.reader.word_mode`): the word cursor, its keys
and its hints, under the text; loaded when word mode is first opened."""

from __future__ import annotations

import types
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Blur
from textual.widget import Widget

from annotations.schema import TagSchema

from ...key_groups import GENERAL, MOVING, TAGGING
from ...shown import excerpt, inert
from .bindings import tag_bindings
from .editing import Edits
from .host import ReaderHost
from .words import WordCursor

#: The word bar's own keys (the tag keys are added per schema: :meth:`WordBar.for_schema`).
WORD_BINDINGS: list[BindingType] = [
    Binding("l,right,w", "move(1)", "Next word", show=False, group=MOVING),
    Binding("h,left,b", "move(-1)", "Previous word", show=False, group=MOVING),
    Binding("greater_than_sign,shift+right", "extend(1)", "Extend right", tooltip="Extend the selection by the next word", group=MOVING),
    Binding("less_than_sign,shift+left", "extend(-1)", "Extend left", tooltip="Extend the selection by the previous word", group=MOVING),
    Binding("n", "number(1)", "Next figure", tooltip="The next figure (a word with a digit) alone, round the sentence", group=MOVING),
    Binding("N", "number(-1)", "Previous figure", show=False, group=MOVING),
    Binding("j,down", "leave_to(1)", "Next sentence", show=False, tooltip="Leave word mode, to the next sentence", group=MOVING),
    Binding("k,up", "leave_to(-1)", "Previous sentence", show=False, tooltip="Leave word mode, to the previous sentence", group=MOVING),
    Binding("e", "note", "Note", tooltip="Write or edit the note on the selected words", group=TAGGING),
    Binding("x", "clear", "Clear tags", show=False, tooltip="Clear your tags on the selected words", group=TAGGING),
    Binding("u", "undo", "Undo", show=False, group=TAGGING),
    Binding("U,ctrl+r", "redo", "Redo", show=False, group=TAGGING),
    Binding("escape", "leave", "Leave word mode", group=GENERAL),
]


#: The word bar's hints, most wanted first: short of room, the last go whole (Esc stays).
WORD_HINTS = ("Esc", "tag key tags", "←/→ word", "⇧←/→ extend", "n figure", "e note")


def fitted_hints(width: int) -> str:
    """The hints that fit in ``width`` cells, in the bar's order, ``Esc`` last and always."""
    kept = list(WORD_HINTS)
    order = ("←/→ word", "⇧←/→ extend", "n figure", "tag key tags", "e note", "Esc")

    def joined() -> str:
        return " · ".join(hint for hint in order if hint in kept)

    while len(kept) > 1 and cell_len(joined()) > width:
        kept.pop()
    return joined()


class WordBar(Widget, can_focus=True):
    """The word bar: word mode's keys and the selected words; the focus while in word mode."""

    BINDINGS: ClassVar[list[BindingType]] = WORD_BINDINGS

    DEFAULT_CSS = """
    WordBar { height: 1; padding: 0 1; background: $boost; }
    """

    @classmethod
    def for_schema(cls, schema: TagSchema) -> type[WordBar]:
        """The word bar with a number key and a letter key for each tag of ``schema``."""
        return _word_bar_class(schema)

    def __init__(self, host: ReaderHost, edits: Edits) -> None:
        super().__init__(id="word-bar")
        self._host = host
        self._edits = edits
        self.cursor: WordCursor | None = None
        """The selected words while in word mode (None: not in word mode)."""

    def render(self) -> Text:
        """``words: "300,000"`` and the keys."""
        text = Text("words: ", style="bold")
        if self.cursor is not None:
            text.append(f'"{inert(self.cursor.quote)}"', style="bold")
        hints = fitted_hints(self.content_size.width - text.cell_len - 2)
        text.append(f"  {hints}", style="dim")
        return text

    # -- entering and leaving -------------------------------------------------

    def open(self, sentence: int) -> bool:
        """Word mode on ``sentence``, its first word selected; False if it has no words."""
        cursor = WordCursor.on(sentence, self._host.article.sentence(sentence).text)
        if cursor is None:
            self._host.notify("This sentence has no words to select.", severity="warning")
            return False
        self.display = True
        self._show(cursor)
        # At once, not after the queued messages as focus() would: keys typed together
        # with ``m`` ("m n f" in one read of the terminal) are word mode's.
        self.screen.set_focus(self)
        return True

    def leave(self) -> None:
        """Leave word mode: the words are no longer selected, the text has the focus."""
        if self.cursor is None:
            return
        self.cursor = None
        self.display = False
        self._host.view.spans.show_words(None)
        self._host.status.words = ""
        self._host.view.focus()

    def on_blur(self, event: Blur) -> None:
        # Another bar or panel took the keys: word mode ends (a dialog over the reader,
        # the note's, keeps it: the reader is then not the current screen).
        if self.screen.is_current:
            self.leave()

    def _show(self, cursor: WordCursor | None) -> None:
        if cursor is None:
            return
        self.cursor = cursor
        self._host.view.spans.show_words(cursor.selected)
        self._host.status.words = cursor.quote
        self.refresh()

    # -- keys -----------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """The next (1) or previous (-1) word alone."""
        if self.cursor is not None:
            self._show(self.cursor.moved(step))

    def action_extend(self, step: int) -> None:
        """One more word to the right (1) or to the left (-1)."""
        if self.cursor is not None:
            self._show(self.cursor.extended(step))

    def action_number(self, step: int) -> None:
        """The next (1) or previous (-1) figure alone."""
        if self.cursor is None:
            return
        found = self.cursor.number(step)
        if found is None:
            self._host.notify("No figure in this sentence.", timeout=3)
        self._show(found)

    def action_leave_to(self, step: int) -> None:
        """Leave word mode and move a sentence on (1) or back (-1)."""
        if self.cursor is not None:
            sentence = self.cursor.sentence + step
            self.leave()
            self._host.move_to(sentence)

    def action_leave(self) -> None:
        """Leave word mode."""
        self.leave()

    def action_toggle_span_tag(self, name: str) -> None:
        """Toggle a tag on the selected words."""
        if self.cursor is not None:
            words, annotations = self.cursor.selected, self._host.annotations
            self._edits.apply(lambda: annotations.toggle_span(words, name))

    def action_clear(self) -> None:
        """Remove your tags from the selected words."""
        if self.cursor is None:
            return
        words, annotations = self.cursor.selected, self._host.annotations
        own = annotations.edits.own_span_tags(words)
        if own:
            self._edits.apply(lambda: annotations.edit_span(words, remove=own))
        else:  # say so: a key that does nothing reads as a broken one
            self._host.notify(
                f'No tag of yours on exactly "{inert(excerpt(self.cursor.quote, 40))}" to clear.', severity="warning", markup=False
            )

    def action_undo(self) -> None:
        """Undo your last change (word mode stays on its sentence)."""
        self._history_step(redo=False)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._history_step(redo=True)

    def _history_step(self, *, redo: bool) -> None:
        sentence = self.cursor.sentence if self.cursor else None
        self._edits.history_step(redo=redo)
        if self._host.view.cursor != sentence:  # the step was elsewhere: the reader went there
            self.leave()

    def action_note(self) -> None:
        """Write or change your note on the selected words."""
        from ..note import NoteDialog  # TextArea is heavy: load it when a note is written

        if self.cursor is None or not self._edits.writable():
            return
        words, host = self.cursor.selected, self._host
        note = host.annotations.edits.span_note(words)

        def save(text: str, replace: bool) -> bool:
            return self._edits.apply(lambda: host.annotations.set_span_note(words, text))

        title = f'Note on "{self.cursor.quote}" in sentence {words.sentence}'
        host.app.push_screen(NoteDialog(title, note, save, quote=host.article.sentence(words.sentence).text))


@lru_cache(maxsize=8)
def _word_bar_class(schema: TagSchema) -> type[WordBar]:
    tag_keys = tag_bindings(schema, "toggle_span_tag", " on the selected words")
    return types.new_class("WordBar", (WordBar,), {"inherit_bindings": False}, lambda ns: ns.update(BINDINGS=[*tag_keys, *WORD_BINDINGS]))
