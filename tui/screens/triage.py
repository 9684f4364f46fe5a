"""The triage view: orphaned annotations (and fuzzy anchors to review), one at a time,
with the sentences they may belong to now."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.errors import NewsmarkError
from annotations.store.anchoring import Candidate
from annotations.store.article_annotations import ArticleAnnotations, Change
from annotations.store.records import Record

from ..key_groups import DECIDING, GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar

#: Candidate sentences shown for each annotation.
CANDIDATES = 3


class TriageScreen(ModalScreen[bool]):
    """Review orphans and fuzzy anchors: attach each to a candidate or to the sentence
    under the reader's cursor, confirm a fuzzy one, delete or leave it for
    later; each change is undoable (`u`, here or in the reader). Dismisses with whether
    anything changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next", "Next annotation", show=False, group=MOVING),
        Binding("k,up", "previous", "Previous annotation", show=False, group=MOVING),
        Binding("1", "attach_candidate(1)", "Attach to candidate 1", tooltip="Attach to the first candidate sentence", group=DECIDING),
        Binding("2", "attach_candidate(2)", "Attach to candidate 2", show=False, group=DECIDING),
        Binding("3", "attach_candidate(3)", "Attach to candidate 3", show=False, group=DECIDING),
        Binding("c", "attach_cursor", "Attach to cursor", tooltip="Attach to the sentence under the reader's cursor", group=DECIDING),
        Binding("y", "confirm", "Confirm", tooltip="Confirm a fuzzy anchor as it is", group=DECIDING),
        Binding("d", "delete", "Delete", tooltip="Delete the annotation (u brings it back)", group=DECIDING),
        Binding("u", "undo", "Undo", tooltip="Undo the last change (an attach, confirm or delete)", group=DECIDING),
        Binding("l,space", "later", "Leave for later", tooltip="Leave it as it is and go to the next one", group=DECIDING),
        Binding("escape,q", "close", "Close", group=GENERAL),
    ]

    DEFAULT_CSS = """
    TriageScreen { align: center middle; }
    TriageScreen > Vertical {
        width: 100; max-width: 98%; height: 30; max-height: 95%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    TriageScreen #triage-title { width: 100%; text-style: bold; }
    TriageScreen #triage-record { height: auto; max-height: 12; margin: 1 0; }
    TriageScreen #triage-candidates { height: 1fr; }
    """

    def __init__(self, annotations: ArticleAnnotations, cursor: int) -> None:
        super().__init__()
        self.annotations = annotations
        self.cursor = cursor
        self.records: list[Record] = annotations.needs_review()
        self.index = 0
        self.changed = False
        self._candidates: list[Candidate] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="triage-title", markup=False)
            yield Static("", id="triage-record", markup=False)
            yield OptionList(id="triage-candidates")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()

    @property
    def current(self) -> Record | None:
        """The annotation shown, if any is left."""
        return self.records[self.index] if 0 <= self.index < len(self.records) else None

    def show(self) -> None:
        """Draw the current annotation and its candidates."""
        title = self.query_one("#triage-title", Label)
        body = self.query_one("#triage-record", Static)
        listing = self.query_one(OptionList)
        listing.clear_options()
        record = self.current
        orphans = sum(1 for r in self.records if r.get("orphan"))
        fuzzy = len(self.records) - orphans
        if record is None:
            title.update(f"Nothing to review · {orphans} orphan(s), {fuzzy} fuzzy")
            body.update("Every annotation is on a sentence. Esc closes.")
            return
        kind = "orphan" if record.get("orphan") else f"fuzzy ({record.get('anchor', '').removeprefix('fuzzy ')} alike)"
        title.update(f"{self.index + 1}/{len(self.records)} · {kind} · {orphans} orphan(s), {fuzzy} fuzzy")
        text = Text()
        text.append("was: ", style="dim")
        text.append(inert(record.get("quote") or record["text"]))
        if not record.get("orphan"):
            text.append("\nnow on sentence ", style="dim")
            text.append(f"{record['sentence']}: ", style="dim")
            text.append(inert(record["text"]))
        text.append("\ntags: ", style="dim")
        text.append(", ".join(record["tags"]) or "—")
        text.append(" · by ", style="dim")
        text.append(inert(record["annotator"]))
        if record["note"]:
            text.append("\nnote: ", style="dim")
            text.append(inert(record["note"]))
        body.update(text)
        self._candidates = self.annotations.candidates(record, CANDIDATES)
        for number, candidate in enumerate(self._candidates, start=1):
            prompt = Text(f"{number}  ", style="bold")
            prompt.append(f"{candidate.score:.2f}  sentence {candidate.sentence}: ", style="dim")
            prompt.append(inert(self.annotations.article.sentence(candidate.sentence).text))
            listing.add_option(Option(prompt, id=f"candidate-{number}"))
        if not self._candidates:
            listing.add_option(Option(Text("no sentence is even half alike: c attaches to the cursor's", style="dim"), disabled=True))

    def _apply(self, call: Callable[[], Change]) -> bool:
        try:
            call()
        except NewsmarkError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return False
        self.changed = True
        return True

    def _done_with_current(self) -> None:
        """The current annotation was dealt with: list what is left, stay at its place."""
        self.records = self.annotations.needs_review()
        self.index = min(self.index, max(0, len(self.records) - 1))
        self.show()

    def action_next(self) -> None:
        """Show the next annotation to review."""
        if self.index + 1 < len(self.records):
            self.index += 1
            self.show()

    def action_previous(self) -> None:
        """Show the previous annotation to review."""
        if self.index > 0:
            self.index -= 1
            self.show()

    def action_later(self) -> None:
        """Leave the annotation as it is and go on to the next (wrapping around)."""
        if self.records:
            self.index = (self.index + 1) % len(self.records)
            self.show()

    def action_attach_candidate(self, number: int) -> None:
        """Attach the annotation to its number-th candidate sentence."""
        record = self.current
        if record is None or not 1 <= number <= len(self._candidates):
            return
        sentence = self._candidates[number - 1].sentence
        if self._apply(lambda: self.annotations.attach(record["id"], sentence)):
            self.notify(f"Attached to sentence {sentence}", timeout=3)
            self._done_with_current()

    def action_attach_cursor(self) -> None:
        """Attach the annotation to the sentence under the reader's cursor."""
        record = self.current
        if record is not None and self._apply(lambda: self.annotations.attach(record["id"], self.cursor)):
            self.notify(f"Attached to sentence {self.cursor}", timeout=3)
            self._done_with_current()

    def action_confirm(self) -> None:
        """Keep a fuzzy anchor where it is, confirmed (an orphan has nothing to confirm)."""
        record = self.current
        if record is None or record.get("orphan"):
            return
        if self._apply(lambda: self.annotations.confirm(record["id"])):
            self._done_with_current()

    def action_delete(self) -> None:
        """Delete the annotation (undoable with u, here or in the reader)."""
        record = self.current
        if record is not None and self._apply(lambda: self.annotations.delete([record["id"]])):
            self.notify("Deleted (u brings it back)", timeout=3)
            self._done_with_current()

    def action_undo(self) -> None:
        """Undo the last change to the article (an attach, confirm or delete made here)."""
        if self._apply(self.annotations.undo):
            self._done_with_current()

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(self.changed)
