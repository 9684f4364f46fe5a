"""The help screen: every key, generated from the bindings in force."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.key_bar import KeyBar


def bindings_table(bindings: dict[str, ActiveBinding], key_display: Callable[[Binding], str]) -> Table:
    """A table of key → description for every described binding, in binding order."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    rows: dict[str, list[str]] = {}
    for active in bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        description = binding.tooltip or binding.description
        rows.setdefault(description, [])
        display = key_display(binding)
        if display not in rows[description]:
            rows[description].append(display)
    for description, keys in rows.items():
        table.add_row(Text(" / ".join(keys)), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", priority=True),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: 90%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    """

    def __init__(self, title: str, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self._title = title
        self._listed_bindings = bindings
        self.table: Table | None = None

    def compose(self) -> ComposeResult:
        self.table = bindings_table(self._listed_bindings, self.app.get_key_display)
        with VerticalScroll():
            yield Static(Text(self._title, style="bold"))
            yield Static(self.table, id="help-keys")
            yield Static(Text("ctrl+p opens the command palette: every action, sections and articles.", style="dim"))
        yield KeyBar()

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss(None)
