"""A one-line prompt over the reader (evidence, a source's grade, another article's
sentence): what to type and why, an input checked on Enter, the reason when it is wrong."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..key_groups import GENERAL
from ..shown import inert

Check = Callable[[str], str | None]
"""What is wrong with a typed value (None: nothing)."""


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line; dismisses with it (stripped) once ``check`` finds nothing
    wrong, or with None on Esc. A wrong value stays typed, with its reason under it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True, group=GENERAL)]

    DEFAULT_CSS = """
    PromptDialog { align: center bottom; }
    PromptDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $panel; padding: 0 1; margin-bottom: 1;
    }
    PromptDialog Label { width: 100%; text-style: bold; }
    PromptDialog #prompt-about { height: auto; color: $text-muted; }
    PromptDialog #prompt-error { height: auto; color: $error; }
    """

    def __init__(self, title: str, placeholder: str, check: Check, *, about: RenderableType = "", value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.check = check
        self.about = about
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(inert(self.title_text), markup=False)
            if self.about:
                yield Static(self.about, id="prompt-about")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(id="prompt-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        problem = self.check(value)
        if problem is not None:
            self.query_one("#prompt-error", Static).update(Text(inert(problem)))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Close without a value."""
        self.dismiss(None)
