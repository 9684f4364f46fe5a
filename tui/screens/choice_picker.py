"""A small picker over the reader: one key per choice (a status of the scale, a link's
kind, a link to follow); the key pressed dismisses it with that choice, Esc with ""."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..key_groups import GENERAL
from ..shown import inert


class Choice(NamedTuple):
    """One choice of a picker: the key that takes it, what it gives, how it reads."""

    key: str
    value: str
    label: str
    mark: str = ""
    """A symbol shown before the label (a status's ``✓``), "" for none."""


class ChoicePicker(ModalScreen[str]):
    """Pick one of ``choices`` by its key; dismisses with its value, or "" on Esc.

    ``current``: the value in force now, marked ``•`` in the list."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True, group=GENERAL)]

    DEFAULT_CSS = """
    ChoicePicker { align: center middle; }
    ChoicePicker > Vertical {
        width: auto; min-width: 40; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    ChoicePicker Label { width: 100%; text-style: bold; }
    ChoicePicker #picker-hint { color: $text-muted; }
    """

    def __init__(self, title: str, choices: Sequence[Choice], *, current: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(inert(self.title_text), markup=False)
            yield Static(self.table(), id="picker-choices")
            yield Static(Text(self.hint or "a key picks · Esc cancels"), id="picker-hint")

    def table(self) -> Table:
        """One row per choice: its key, mark and label (``•`` on the one in force)."""
        table = Table.grid(padding=(0, 1))
        for choice in self.choices:
            here = "•" if choice.value == self.current else " "
            table.add_row(Text(here), Text(choice.key, style="bold"), Text(choice.mark), Text(inert(choice.label)))
        return table

    def on_key(self, event: events.Key) -> None:
        chosen = next((choice for choice in self.choices if event.character is not None and choice.key == event.character), None)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen.value)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss("")
