"""The elsewhere panel: the cursor sentence's claim in other articles, "searching…" until the
worker answers; Enter asks for the other article at that sentence, ``c`` and ``x`` ask to
link the claim to the selected one (corroborates, contradicts), Esc closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.elsewhere.matching import Result

from ...key_groups import CHECKING, GENERAL, MOVING, VIEWS
from ...shown import excerpt, inert
from ...widgets.panels import PanelList

#: How much of a result's sentence the panel shows.
EXCERPT_LENGTH = 160
#: How each verdict on the numbers is shown.
NUMBERS_STYLE = {"same": "green", "differs": "bold red", "none": "dim"}
#: The link each numbers verdict suggests (the hint line's default): differing numbers contradict.
SUGGESTED_LINK = {"same": "corroborates", "differs": "contradicts"}
#: The link keys, as the hint line names them.
LINK_KEYS = {"corroborates": "c", "contradicts": "x"}


#: The result list's own keys (an option list's Enter, :class:`PanelList`'s j and k and the
#: arrows), as the help names them.
RESULT_KEYS = [
    Binding(
        "enter", "select", "Open the result", tooltip="Open the selected result's article at that sentence (q comes back here)", group=VIEWS
    ),
    Binding("j,down", "cursor_down", "Next result", tooltip="Select the next result", group=MOVING),
    Binding("k,up", "cursor_up", "Previous result", tooltip="Select the previous result", group=MOVING),
]


class ElsewherePanel(Vertical):
    """The results for one sentence; :attr:`selected` is the result under the cursor."""

    DEFAULT_CSS = """
    ElsewherePanel { width: 48; max-width: 50%; height: 1fr; border-left: vkey $primary; background: $panel; }
    .-narrow ElsewherePanel { width: 100%; max-width: 100%; border-left: none; }
    ElsewherePanel OptionList { height: 1fr; border: none; }
    ElsewherePanel #elsewhere-state, ElsewherePanel #elsewhere-hint { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding(
            "c",
            "link('corroborates')",
            "Link: corroborates",
            tooltip="Link the sentence's claim to the selected result's claim as corroborates",
            group=CHECKING,
        ),
        Binding(
            "x",
            "link('contradicts')",
            "Link: contradicts",
            tooltip="Link the sentence's claim to the selected result's claim as contradicts",
            group=CHECKING,
        ),
        Binding("escape", "close", "Close elsewhere", show=False, group=GENERAL),
    ]

    class ResultChosen(Message):
        """The user picked a result: open its article at its sentence."""

        def __init__(self, result: Result) -> None:
            self.result = result
            super().__init__()

    class LinkChosen(Message):
        """The user chose to link sentence ``sentence``'s claim to ``result`` as ``kind``."""

        def __init__(self, sentence: int, result: Result, kind: str) -> None:
            self.sentence = sentence
            self.result = result
            self.kind = kind
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
        yield Static("", id="elsewhere-hint")

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
        self._hint()

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
        self._hint()

    @property
    def suggested(self) -> str | None:
        """The link the selected result's numbers suggest: ``contradicts`` when they differ,
        ``corroborates`` when they agree, None when there are none to compare."""
        selected = self.selected
        return SUGGESTED_LINK.get(selected.numbers.value) if selected is not None else None

    def _hint(self) -> None:
        """The keys under the list, the suggested link first: ``numbers differ: x contradicts · c corroborates · Enter opens · Esc``."""
        hint = Text()
        if self.selected is not None:
            suggested = self.suggested
            kinds = sorted(LINK_KEYS, key=lambda kind: kind != suggested)
            if suggested is not None:
                hint.append(f"numbers {'differ' if suggested == 'contradicts' else 'agree'}: ", style="bold")
            hint.append(" · ".join(f"{LINK_KEYS[kind]} {kind}" for kind in kinds))
            hint.append(" · Enter opens · ")
        hint.append("Esc closes")
        self.query_one("#elsewhere-hint", Static).update(hint)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._hint()

    def action_link(self, kind: str) -> None:
        """Ask to link the sentence's claim to the selected result's as ``kind``."""
        selected = self.selected
        if selected is None:
            self.notify("Nothing selected to link to: wait for the results, or move to one.", severity="warning")
            return
        self.post_message(self.LinkChosen(self.sentence, selected, kind))

    def failed(self, sentence: int, reason: str) -> None:
        """Say why the search for ``sentence`` failed."""
        if sentence == self.sentence:
            self.query_one("#elsewhere-state", Static).update(Text(f"could not search: {reason}", style="red"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.results):
            self.post_message(self.ResultChosen(self.results[event.option_index]))

    @staticmethod
    def help_mode() -> tuple[str, str, list[Binding]]:
        """The panel's keys under their heading in the reader's help."""
        return (
            "Elsewhere panel keys",
            "= in the reader; the keys act on the selected result",
            list(Binding.make_bindings([*ElsewherePanel.BINDINGS, *RESULT_KEYS])),
        )

    def action_close(self) -> None:
        """Hide the panel."""
        self.display = False
        self.post_message(self.Closed())
