"""The adjudication view: the places where annotators disagree (whole sentences, words
inside them, and claims given different verdicts), one at a time, with each annotator's
tags, notes and status; a number key takes a reading (its verdict too) into the final
layer, a tag's letter toggles that tag in the final reading (the last one off: settled
with no tag); once every disagreement is settled the view says so."""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import lru_cache
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from annotations.errors import NewsmarkError
from annotations.schema import TagSchema
from annotations.store.article_annotations import Change
from annotations.team.adjudication import Adjudication, Place, Reading, sentence_of

from ..key_groups import DECIDING, GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar

#: Readings a number key can take (1-9).
MAX_READINGS = 9


def _take_binding(number: int) -> Binding:
    description = "Take reading 1 into the final layer" if number == 1 else f"Take reading {number}"
    tooltip = "Take that annotator's reading (its tags, note and verdict) into the final layer; u undoes it" if number == 1 else ""
    return Binding(str(number), f"take({number})", description, show=number == 1, tooltip=tooltip, group=DECIDING)


def final_tag_bindings(schema: TagSchema) -> list[BindingType]:
    """A tag's letter toggling that tag in the final reading of the sentence shown."""
    return [
        Binding(
            tag.key,
            f"toggle_final('{tag.name}')",
            tag.name,
            show=False,  # listed under the final reading: the key bar has no room for every tag
            tooltip=f"Toggle {tag.name} in the final reading of this sentence (u undoes it)",
            group=DECIDING,
        )
        for tag in schema.tags
    ]


@lru_cache(maxsize=8)
def _adjudication_class(schema: TagSchema) -> type[AdjudicationScreen]:
    tag_keys = final_tag_bindings(schema)
    return types.new_class(
        "AdjudicationScreen",
        (AdjudicationScreen,),
        {"inherit_bindings": False},
        lambda ns: ns.update(BINDINGS=[*AdjudicationScreen.BINDINGS, *tag_keys]),
    )


class AdjudicationScreen(ModalScreen[bool]):
    """Walk the disputed sentences; take one reading of each into the final layer, or
    toggle tags in it (saved at once, undone by ``u``); when every one is settled, say so.
    Dismisses with whether anything changed. Use :meth:`for_schema` for the tag keys."""

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

    @classmethod
    def for_schema(cls, schema: TagSchema) -> type[AdjudicationScreen]:
        """The adjudication view with each tag of ``schema``'s letter toggling it in the final reading."""
        return _adjudication_class(schema)

    def __init__(self, adjudication: Adjudication) -> None:
        super().__init__()
        self.adjudication = adjudication
        self.index = 0
        self.done = False
        """Whether the view shows that every disagreement is settled (after the last one)."""
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
    def place(self) -> Place | None:
        """The disputed place shown (None when there is none, or all are settled and said so)."""
        places = self.adjudication.places
        return places[self.index] if places and not self.done else None

    @property
    def sentence(self) -> int | None:
        """The sentence of the disputed place shown (see :attr:`place`)."""
        place = self.place
        return None if place is None else sentence_of(place)

    def _agreed(self) -> int:
        """How many agreed readings the final layer lacks (counted once per change, not on every move)."""
        if self._agreed_waiting is None:
            self._agreed_waiting = len(self.adjudication.agreed_not_final())
        return self._agreed_waiting

    def _waiting(self) -> str:
        """`` · N agreed not in final (a)`` while agreed readings wait, else ``""``."""
        agreed = self._agreed()
        return f" · {agreed} agreed not in {self.adjudication.final} (a)" if agreed else ""

    @property
    def key_bar_hidden(self) -> frozenset[str]:
        """Actions the key bar leaves out now, as they can do nothing (pressed, each says
        why): taking a reading with no disagreement shown, taking agreed readings when
        the final layer has every one."""
        hidden: set[str] = set()
        if self.place is None:
            hidden.update(f"take({number})" for number in range(1, MAX_READINGS + 1))
        if not self._agreed():
            hidden.add("take_agreed")
        return frozenset(hidden)

    def show(self) -> None:
        """Draw the current disagreement: the sentence, each reading, the final one (and
        the key bar: which keys can do something now)."""
        self.refresh_bindings()
        title = self.query_one("#adjudication-title", Label)
        body = self.query_one("#adjudication-body", Static)
        places = self.adjudication.places
        if not places:
            title.update("Adjudication: no disagreements")
            body.update("Every annotator who read this article gave each sentence, and the same words in it, the same tags.")
            return
        if self.done:
            self._show_settled(title, body)
            return
        place = places[self.index]
        sentence = sentence_of(place)
        settled = len(places) - len(self.adjudication.unsettled())
        everything = " (all)" if settled == len(places) else ""
        where = f"sentence {sentence}"
        whole = self.adjudication.layer.article.sentence(sentence).text
        if isinstance(place, int):
            text = Text(inert(whole) + "\n")
        else:  # words inside the sentence: underlined there
            words = inert(whole[place.start : place.end])
            where += f", words “{self._shortened(words)}”"
            text = Text(inert(whole[: place.start]))
            text.append(words, style="bold underline")
            text.append(inert(whole[place.end :]) + "\n")
        title.update(f"Disagreement {self.index + 1}/{len(places)} · {where} · {settled} settled{everything}{self._waiting()}")
        for number, reading in enumerate(self.adjudication.readings(place), start=1):
            text.append(f"\n{number}  ", style="bold")
            text.append(self._line(reading))
        text.append(f"\n\n{inert(self.adjudication.final)}: ", style="bold")
        text.append(self._final_line(self.adjudication.settled(place)), style="italic")
        keys = "  ".join(f"{tag.key} {inert(tag.name)}" for tag in self.adjudication.layer.schema.tags)
        text.append(f"\n\nToggle a tag in {inert(self.adjudication.final)}'s reading: {keys}", style="dim")
        body.update(text)

    @staticmethod
    def _shortened(words: str, limit: int = 40) -> str:
        """Words as the title names them (a long run cut short)."""
        return words if len(words) <= limit else words[: limit - 1] + "…"

    def _final_line(self, final: Reading | None) -> str:
        """The final reading after ``final: ``: its tags and note, ``(no tag) — settled``
        for a sentence settled with no tag, or ``not settled``."""
        if final is None:
            return "not settled"
        line = self._line(final)[len(inert(final.annotator)) + 2 :]
        return line.replace("(no tag)", "(no tag) — settled", 1) if not final.tags else line

    def _show_settled(self, title: Label, body: Static) -> None:
        """Every disagreement is settled: say so, and what is left to do."""
        count = len(self.adjudication.places)
        final = inert(self.adjudication.final)
        title.update(f"Adjudication: all {count} disagreement(s) settled{self._waiting()}")
        lines = [f"Every disagreement in this article is settled in the final reading ({final})."]
        if self._agreed_waiting:
            lines.append(f"a takes the {self._agreed_waiting} sentence(s) every annotator tagged alike into {final} too.")
        lines.append("k goes back over the disagreements, u undoes the last change, Esc closes.")
        body.update("\n".join(lines))

    @staticmethod
    def _line(reading: Reading) -> str:
        """``ana: claim, figure — false — note: …`` (the status where the annotator set one; a source's grade: ``ana: source B2``)."""
        line = f"{inert(reading.annotator)}: {', '.join(reading.tags) or '(no tag)'}"
        if reading.grade:
            line += f" {inert(reading.grade)}"
        if reading.status:
            line += f" — {inert(reading.status)}"
        if reading.note:
            line += " — note: " + " ⏎ ".join(inert(part) for part in reading.note.splitlines())
        return line

    def action_next(self) -> None:
        """The next disagreement; after the last, the line saying all are settled (if they are)."""
        last = max(0, len(self.adjudication.places) - 1)
        if self.index >= last and self.adjudication.places and not self.adjudication.unsettled():
            self.done = True
        self.index = min(self.index + 1, last)
        self.show()

    def action_previous(self) -> None:
        """The previous disagreement (from the line saying all are settled: the one shown last)."""
        if self.done:
            self.done = False
        else:
            self.index = max(0, self.index - 1)
        self.show()

    def _go_on(self) -> None:
        """After a reading is taken: the next unsettled disagreement (after this one, then
        from the first); when none is left, the line saying every one is settled."""
        places = self.adjudication.places
        unsettled = set(self.adjudication.unsettled())
        if not unsettled:
            self.done = True
            self.notify(f"Every disagreement is settled in {self.adjudication.final}: Esc closes, u undoes.", timeout=5)
        else:
            order = [*range(self.index + 1, len(places)), *range(self.index + 1)]
            self.index = next(i for i in order if places[i] in unsettled)
        self.show()

    def action_take(self, number: int) -> None:
        """Take reading ``number`` of the place shown into the final layer, then go on."""
        place = self.place
        if place is None:
            self._nothing_shown()
            return
        readings = self.adjudication.readings(place)
        if not 1 <= number <= len(readings):
            self.notify(f"There is no reading {number} here (1-{len(readings)}).", severity="warning")
            return
        reading = readings[number - 1]
        if not self._save(lambda: self.adjudication.take(place, reading)):
            return
        settled = "settled with no tag" if not reading.tags else "taken"
        self.notify(f"Sentence {sentence_of(place)}: {reading.annotator}'s reading {settled} in {self.adjudication.final}.", timeout=3)
        self._go_on()

    def action_toggle_final(self, tag: str) -> None:
        """Add ``tag`` to the final reading of the place shown, or remove it (stays on it)."""
        place = self.place
        if place is None:
            self._nothing_shown()
            return
        before = len(self.adjudication.unsettled())
        if not self._save(lambda: self.adjudication.toggle(place, tag)):
            return
        if before and not self.adjudication.unsettled():
            self.notify(f"Every disagreement is settled in {self.adjudication.final}: Esc closes, u undoes.", timeout=5)
        self.show()

    def _nothing_shown(self) -> None:
        """Say why a key for the disagreement shown did nothing: none is shown."""
        if not self.adjudication.places:
            self.notify("No disagreements here: there is no reading to take.", severity="warning")
        else:
            self.notify("No disagreement shown (all are settled): k goes back to one.", severity="warning")

    def _save(self, change: Callable[[], Change]) -> bool:
        """Make ``change`` to the final layer; whether it was saved (else say why not)."""
        try:
            change()
        except NewsmarkError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return False
        self._record_change()
        return True

    def action_undo(self) -> None:
        """Undo the final layer's last change, and show the disagreement it changed back."""
        try:
            change, place = self.adjudication.undo_at()
        except NewsmarkError as error:
            self.notify(f"Not undone: {error}", severity="error", timeout=8)
            return
        if not change:
            self.notify("Nothing to undo in the final layer.")
            return
        self._record_change()
        if place is not None:
            self.index = self.adjudication.places.index(place)
            self.done = False
        self.show()

    def _record_change(self) -> None:
        """The final layer changed: say so on closing, and count what waits again."""
        self.changed = True
        self._agreed_waiting = None

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(self.changed)
