"""The note dialog: a modal text area with save and cancel keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ..widgets.key_bar import KeyBar


class NoteDialog(ModalScreen[str | None]):
    """Edit one note; dismisses with the new text, or ``None`` when cancelled."""

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

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s save · esc cancel", id="note-keys")
        yield KeyBar()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close the dialog with the edited text."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Close the dialog without changing the note."""
        self.dismiss(None)
