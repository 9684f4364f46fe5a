"""The elsewhere panel: the cursor sentence's claim in other articles, "searching…" until the
worker answers; Enter asks for the other article at that sentence, Esc closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.elsewhere.matching import Result

from ...shown import excerpt, inert
from ...widgets.panels import PanelList

#: How much of a result's sentence the panel shows.
EXCERPT_LENGTH = 160
#: How each verdict on the numbers is shown.
NUMBERS_STYLE = {"same": "green", "differs": "bold red", "none": "dim"}


class ElsewherePanel(Vertical):
    """The results for one sentence; :attr:`selected` is the result under the cursor."""

    DEFAULT_CSS = """
    ElsewherePanel { width: 48; max-width: 50%; height: 1fr; border-left: vkey $primary; background: $panel; }
    .-narrow ElsewherePanel { width: 100%; max-width: 100%; border-left: none; }
    ElsewherePanel OptionList { height: 1fr; border: none; }
    ElsewherePanel #elsewhere-state { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "close", "Close elsewhere", show=False)]

    class ResultChosen(Message):
        """The user picked a result: open its article at its sentence."""

        def __init__(self, result: Result) -> None:
            self.result = result
            super().__init__()

    class Closed(Message):
        """The panel was closed (the text takes the focus back)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sentence = 0
        """The sentence whose results are shown (or searched for)."""
        self.results: list[Result] = []

    def compose(self) -> ComposeResult:
        yield Label("Elsewhere", classes="panel-title", id="elsewhere-title")
        yield Static("", id="elsewhere-state")
        yield PanelList(id="elsewhere-list")

    @property
    def selected(self) -> Result | None:
        """The result under the list's cursor (what a key acting on the pair acts on)."""
        highlighted = self.query_one(OptionList).highlighted
        return self.results[highlighted] if highlighted is not None and highlighted < len(self.results) else None

    def searching(self, sentence: int) -> None:
        """Say that sentence ``sentence``'s results are being looked for."""
        self.sentence, self.results = sentence, []
        self.query_one("#elsewhere-title", Label).update(f"Elsewhere · sentence {sentence}")
        self.query_one("#elsewhere-state", Static).update("searching…")
        self.query_one(OptionList).clear_options()

    def show(self, sentence: int, results: list[Result]) -> None:
        """List ``results`` (for ``sentence``; those for a sentence left since are dropped)."""
        if sentence != self.sentence:
            return
        self.results = results
        listing = self.query_one(OptionList)
        listing.clear_options()
        for result in results:
            body = Text()
            body.append(f"{result.score:.2f} ", style="bold")
            body.append(f"{result.numbers.value}", style=NUMBERS_STYLE[result.numbers.value])
            body.append(f"  {inert(excerpt(result.title, 60))} #{result.sentence}\n", style="italic")
            body.append(inert(excerpt(result.text, EXCERPT_LENGTH)))
            listing.add_option(Option(body))
        if results:
            listing.highlighted = 0
        found = f"{len(results)} sentence{'s' * (len(results) != 1)} in other articles" if results else "nothing in other articles"
        self.query_one("#elsewhere-state", Static).update(found)

    def failed(self, sentence: int, reason: str) -> None:
        """Say why the search for ``sentence`` failed."""
        if sentence == self.sentence:
            self.query_one("#elsewhere-state", Static).update(Text(f"could not search: {reason}", style="red"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.results):
            self.post_message(self.ResultChosen(self.results[event.option_index]))

    def action_close(self) -> None:
        """Hide the panel."""
        self.display = False
        self.post_message(self.Closed())
