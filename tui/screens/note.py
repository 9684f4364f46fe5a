"""The note dialog: the sentence being annotated, the notes already there, and a text area."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Label, Static, TextArea

from ..key_groups import GENERAL, TAGGING
from ..shown import excerpt, inert, shown_note
from ..widgets.key_bar import KeyBar

SaveNote = Callable[[str, bool], bool]
"""Saves a note: ``(text, replace existing notes)`` → whether it was saved."""


class NoteDialog(ModalScreen[str | None]):
    """Edit the note of a sentence or a range; dismisses with the saved text, or ``None``.

    It shows the sentence (or the range's sentences) being annotated above the text, so
    it stays in sight while writing. On a range that already holds other notes of yours
    it lists them, and replacing them is a choice made in the open (``Ctrl+R``, or the
    checkbox): left unticked, the note goes only on the sentences without one. ``save``
    is called on ctrl+s and says whether the note was saved: the dialog closes only then,
    so a note that could not be saved (a full disk) is never lost with it. Esc on a
    changed note asks first.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True, group=TAGGING),
        Binding(
            "ctrl+r",
            "toggle_replace",
            "Replace notes",
            tooltip="Replace the notes already on the range (or keep them)",
            priority=True,
            group=TAGGING,
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Cancel (asks first if the note was changed)", priority=True, group=GENERAL),
    ]

    DEFAULT_CSS = """
    NoteDialog { align: center bottom; }
    NoteDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $panel; padding: 0 1; margin-bottom: 1;
    }
    NoteDialog Label { width: 100%; color: $text-muted; }
    NoteDialog #note-quote { height: auto; max-height: 5; color: $text; text-style: italic; }
    NoteDialog #note-existing { height: auto; max-height: 6; }
    NoteDialog #note-existing-list { color: $text; }
    NoteDialog Checkbox { border: none; padding: 0; height: 1; background: $panel; }
    NoteDialog TextArea { height: auto; min-height: 5; max-height: 10; }
    """

    def __init__(
        self,
        title: str,
        note: str,
        save: SaveNote,
        *,
        quote: str = "",
        existing: Sequence[tuple[int, str]] = (),
    ) -> None:
        super().__init__()
        self._title = title
        self._note = note
        self._save = save
        self._quote = quote
        self.existing = list(existing)
        """Your notes already on the range, as ``(sentence, note)``: kept unless replaced."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(inert(self._title), markup=False)
            if self._quote:
                with VerticalScroll(id="note-quote"):
                    yield Static(Text(inert(self._quote)), id="note-quote-text")
            if self.existing:
                with VerticalScroll(id="note-existing"):
                    listing = Text(f"Your notes already on this range ({len(self.existing)}):", style="bold")
                    for sentence, note in self.existing:
                        listing.append(f"\n{sentence:>5}  ", style="dim")
                        listing.append(excerpt(inert(" ".join(note.split())), 64))
                    yield Static(listing, id="note-existing-list")
                yield Checkbox("Replace them (ctrl+r); unticked, the note goes only where there is none", id="note-replace")
            yield TextArea(shown_note(self._note), id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(self._keys_hint(), id="note-keys")
        yield KeyBar()

    def _keys_hint(self) -> str:
        hint = "ctrl+s save · esc cancel"
        return hint + " · ctrl+r replace the notes above" if self.existing else hint

    @property
    def replace(self) -> bool:
        """Whether saving replaces the notes already on the range."""
        found = self.query("#note-replace")
        return bool(found) and found.first(Checkbox).value

    @property
    def changed(self) -> bool:
        """Whether the text differs from the note the dialog opened with."""
        return self.query_one(TextArea).text != shown_note(self._note)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``ctrl+r`` only where there are notes to replace (its key was shown on every sentence)."""
        if action == "toggle_replace":
            return bool(self.existing)
        return True

    def action_toggle_replace(self) -> None:
        """Tick or untick "replace the notes already there" (only on a range that has some)."""
        found = self.query("#note-replace")
        if found:
            found.first(Checkbox).toggle()
        else:
            self.notify("No other notes on this range to replace.")

    def action_save(self) -> None:
        """Save the text and close the dialog; if it could not be saved, stay open with it."""
        text = self.query_one(TextArea).text
        if self._save(text, self.replace):
            self.dismiss(text)

    def action_cancel(self) -> None:
        """Close without changing the note; ask first if the text was changed."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(DiscardNote(), answered)


class DiscardNote(ModalScreen[bool]):
    """Asks whether to throw away a changed note."""

    BINDINGS = [
        Binding("y", "discard", "Discard", tooltip="Discard the changed note", group=TAGGING),
        Binding("n,escape", "keep", "Keep writing", tooltip="Back to the note", group=GENERAL),
    ]

    DEFAULT_CSS = """
    DiscardNote { align: center middle; }
    DiscardNote > Vertical {
        width: 48; max-width: 95%; height: auto;
        border: thick $warning; background: $panel; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Discard the changed note?", id="discard-question")
            yield Label("y discard · n or esc keep writing", id="discard-keys")
        yield KeyBar()

    def action_discard(self) -> None:
        """Throw the changes away."""
        self.dismiss(True)

    def action_keep(self) -> None:
        """Go back to the note."""
        self.dismiss(False)
