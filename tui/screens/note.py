"""The note dialog: a modal text area with save and cancel keys."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ..shown import inert, shown_note
from ..widgets.key_bar import KeyBar


class NoteDialog(ModalScreen[str | None]):
    """Edit one note; dismisses with the saved text, or ``None`` when cancelled.

    ``save`` is called with the text on ctrl+s and says whether it was saved: the dialog
    closes only then, so a note that could not be saved (a full disk) is never lost with it.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > Vertical {
        width: 72; max-width: 95%; height: 16; max-height: 90%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    NoteDialog Label { width: 100%; color: $text-muted; }
    NoteDialog TextArea { height: 1fr; }
    """

    def __init__(self, title: str, note: str, save: Callable[[str], bool]) -> None:
        super().__init__()
        self._title = title
        self._note = note
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(inert(self._title), markup=False)
            yield TextArea(shown_note(self._note), id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s save · esc cancel", id="note-keys")
        yield KeyBar()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Save the text and close the dialog; if it could not be saved, stay open with it."""
        text = self.query_one(TextArea).text
        if self._save(text):
            self.dismiss(text)

    def action_cancel(self) -> None:
        """Close the dialog without changing the note."""
        self.dismiss(None)
