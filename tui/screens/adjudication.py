"""The adjudication view: the sentences where annotators disagree, one at a time, with
each annotator's tags and notes; a number key takes a reading into the final layer."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from annotations.errors import NewsmarkError
from annotations.team.adjudication import Adjudication, Reading

from ..key_groups import DECIDING, GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar

#: Readings a number key can take (1-9).
MAX_READINGS = 9


def _take_binding(number: int) -> Binding:
    description = "Take reading 1 into the final layer" if number == 1 else f"Take reading {number}"
    tooltip = "Take that annotator's reading (its tags and note) into the final layer; u undoes it" if number == 1 else ""
    return Binding(str(number), f"take({number})", description, show=number == 1, tooltip=tooltip, group=DECIDING)


class AdjudicationScreen(ModalScreen[bool]):
    """Walk the disputed sentences; take one reading of each into the final layer (saved
    at once, undone by ``u``). Dismisses with whether anything changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next", "Next disagreement", show=False, group=MOVING),
        Binding("k,up", "previous", "Previous disagreement", show=False, group=MOVING),
        *(_take_binding(number) for number in range(1, MAX_READINGS + 1)),
        Binding(
            "a",
            "take_agreed",
            "Take agreed",
            tooltip="Take every reading all annotators agree on into the final layer (u undoes it)",
            group=DECIDING,
        ),
        Binding("u", "undo", "Undo", tooltip="Undo the final layer's last change", group=DECIDING),
        Binding("escape,q", "close", "Close", group=GENERAL),
    ]

    DEFAULT_CSS = """
    AdjudicationScreen { align: center middle; }
    AdjudicationScreen > Vertical {
        width: 100; max-width: 98%; height: 30; max-height: 95%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    AdjudicationScreen #adjudication-title { width: 100%; text-style: bold; }
    AdjudicationScreen #adjudication-body { height: 1fr; margin: 1 0; }
    """

    def __init__(self, adjudication: Adjudication) -> None:
        super().__init__()
        self.adjudication = adjudication
        self.index = 0
        self.changed = False
        self._agreed_waiting: int | None = None
        """Agreed readings the final layer lacks (None: count again)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="adjudication-title", markup=False)
            yield Static("", id="adjudication-body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()

    def action_take_agreed(self) -> None:
        """Take what every reader agrees on into the final layer (one change, ``u`` undoes
        it), so it exports as the whole settled reading and not only the disputes."""
        try:
            change = self.adjudication.take_agreed()
        except NewsmarkError as error:
            self.notify(f"Agreed readings not taken: {error}", severity="error", timeout=8)
            return
        if not change:
            self.notify(f"Every agreed reading is in {self.adjudication.final} already.")
            return
        self._record_change()
        count = len(change.sentences)
        self.notify(f"{count} sentence(s) every annotator tagged alike taken into {self.adjudication.final} (u undoes).", timeout=5)
        self.show()

    @property
    def sentence(self) -> int | None:
        """The disputed sentence shown (None when there is none)."""
        sentences = self.adjudication.sentences
        return sentences[self.index] if sentences else None

    def show(self) -> None:
        """Draw the current disagreement: the sentence, each reading, the final one."""
        title = self.query_one("#adjudication-title", Label)
        body = self.query_one("#adjudication-body", Static)
        sentence = self.sentence
        if sentence is None:
            title.update("Adjudication: no disagreements")
            body.update("Every annotator who read this article gave each sentence the same tags.")
            return
        sentences = self.adjudication.sentences
        settled = sum(self.adjudication.settled(n) is not None for n in sentences)
        if self._agreed_waiting is None:  # looked for once per change, not on every move
            self._agreed_waiting = len(self.adjudication.agreed_not_final())
        agreed = self._agreed_waiting
        waiting = f" · {agreed} agreed not in {self.adjudication.final} (a)" if agreed else ""
        title.update(f"Disagreement {self.index + 1}/{len(sentences)} · sentence {sentence} · {settled} settled{waiting}")
        text = Text(inert(self.adjudication.layer.article.sentence(sentence).text) + "\n")
        for number, reading in enumerate(self.adjudication.readings(sentence), start=1):
            text.append(f"\n{number}  ", style="bold")
            text.append(self._line(reading))
        final = self.adjudication.settled(sentence)
        text.append(f"\n\n{inert(self.adjudication.final)}: ", style="bold")
        text.append(self._line(final)[len(inert(final.annotator)) + 2 :] if final else "not settled (or settled as no tag)", style="italic")
        body.update(text)

    @staticmethod
    def _line(reading: Reading) -> str:
        """``ana: claim, figure — note: …``."""
        line = f"{inert(reading.annotator)}: {', '.join(reading.tags) or '(no tag)'}"
        if reading.note:
            line += " — note: " + " ⏎ ".join(inert(part) for part in reading.note.splitlines())
        return line

    def action_next(self) -> None:
        """The next disagreement (stops at the last)."""
        self.index = min(self.index + 1, max(0, len(self.adjudication.sentences) - 1))
        self.show()

    def action_previous(self) -> None:
        """The previous disagreement (stops at the first)."""
        self.index = max(0, self.index - 1)
        self.show()

    def action_take(self, number: int) -> None:
        """Take reading ``number`` of the sentence into the final layer, then go on."""
        sentence = self.sentence
        if sentence is None:
            return
        readings = self.adjudication.readings(sentence)
        if not 1 <= number <= len(readings):
            self.notify(f"There is no reading {number} here (1-{len(readings)}).", severity="warning")
            return
        reading = readings[number - 1]
        try:
            self.adjudication.take(sentence, reading)
        except NewsmarkError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return
        self._record_change()
        self.notify(f"Sentence {sentence}: {reading.annotator}'s reading taken into {self.adjudication.final}.", timeout=3)
        self.action_next()

    def action_undo(self) -> None:
        """Undo the final layer's last change, and show its sentence."""
        try:
            change = self.adjudication.undo()
        except NewsmarkError as error:
            self.notify(f"Not undone: {error}", severity="error", timeout=8)
            return
        if not change:
            self.notify("Nothing to undo in the final layer.")
            return
        self._record_change()
        if change.sentences and change.sentences[0] in self.adjudication.sentences:
            self.index = self.adjudication.sentences.index(change.sentences[0])
        self.show()

    def _record_change(self) -> None:
        """The final layer changed: say so on closing, and count what waits again."""
        self.changed = True
        self._agreed_waiting = None

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(self.changed)
