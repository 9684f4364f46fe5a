"""The triage view: orphaned annotations (and fuzzy anchors to review), one sentence at
a time (every annotator's record made on it), with the sentences they may belong to now."""

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
from annotations.store.spans import tagged_sentence
from annotations.store.triage import ReviewGroup, final_layer_hint, refusal

from ..key_groups import DECIDING, GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar

#: Candidate sentences shown for each annotation.
CANDIDATES = 3


class TriageScreen(ModalScreen[bool]):
    """Review orphans and fuzzy anchors by sentence: attach yours on it to a candidate or
    to the sentence under the reader's cursor, confirm a fuzzy one, delete or leave it
    for later (one decision for every record on the sentence that is yours; another
    annotator's is refused with the reason); each change is undoable (`u`, here or in
    the reader). Dismisses with whether anything changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next", "Next annotation", show=False, group=MOVING),
        Binding("k,up", "previous", "Previous annotation", show=False, group=MOVING),
        Binding("1", "attach_candidate(1)", "Attach to 1st", tooltip="Attach to the first candidate sentence", group=DECIDING),
        Binding("2", "attach_candidate(2)", "Attach to candidate 2", show=False, group=DECIDING),
        Binding("3", "attach_candidate(3)", "Attach to candidate 3", show=False, group=DECIDING),
        Binding("c", "attach_cursor", "To cursor", tooltip="Attach to the sentence under the reader's cursor", group=DECIDING),
        Binding("y", "confirm", "Confirm", tooltip="Confirm a fuzzy anchor as it is", group=DECIDING),
        Binding("d", "delete", "Delete", tooltip="Delete the annotation (u brings it back)", group=DECIDING),
        Binding("u", "undo", "Undo", tooltip="Undo the last change (an attach, confirm or delete)", group=DECIDING),
        Binding("l,space", "later", "Later", tooltip="Leave it as it is and go to the next one", group=DECIDING),
        Binding("escape,q", "close", "Close", group=GENERAL),
        Binding("question_mark", "help", "Help", group=GENERAL),
    ]
    KEY_BAR_KEEP: ClassVar[frozenset[str]] = frozenset({"attach_candidate(1)", "delete", "later", "close", "help"})
    """Actions the key bar shows however narrow the terminal (the short descriptions fit
    every key from 80 columns on; below, the others go first)."""

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

    def __init__(
        self, annotations: ArticleAnnotations, cursor: int, *, on_change: Callable[[], None] | None = None, final_annotator: str = "final"
    ) -> None:
        """``on_change``: called after each change is saved (the reader shows it at once);
        ``final_annotator``: the final layer's name, whose records are settled as itself."""
        super().__init__()
        self.annotations = annotations
        self.cursor = cursor
        self.final_annotator = final_annotator
        self._on_change = on_change
        self.groups: list[ReviewGroup] = annotations.triage.groups()
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
    def records(self) -> list[Record]:
        """The record shown for each sentence to review (yours when you have one on it)."""
        return [group.lead for group in self.groups]

    @property
    def group(self) -> ReviewGroup | None:
        """The sentence shown (its records), if any is left."""
        return self.groups[self.index] if 0 <= self.index < len(self.groups) else None

    @property
    def current(self) -> Record | None:
        """The annotation shown (yours on the sentence when you have one), if any is left."""
        group = self.group
        return group.lead if group is not None else None

    def show(self) -> None:
        """Draw the current sentence's annotations and its candidates."""
        title = self.query_one("#triage-title", Label)
        body = self.query_one("#triage-record", Static)
        listing = self.query_one(OptionList)
        listing.clear_options()
        group = self.group
        orphans = sum(1 for g in self.groups if g.orphan)
        fuzzy = len(self.groups) - orphans
        if group is None:
            title.update(f"Nothing to review · {orphans} orphan(s), {fuzzy} fuzzy")
            body.update("Every annotation is on a sentence. Esc closes.")
            return
        record = group.lead
        kind = "orphan" if group.orphan else f"fuzzy ({record.get('anchor', '').removeprefix('fuzzy ')} alike)"
        whose = "" if group.mine else " · not yours"
        title.update(f"{self.index + 1}/{len(self.groups)} · {kind}{whose} · {orphans} orphan(s), {fuzzy} fuzzy")
        body.update(self._described(group))
        self._candidates = self.annotations.candidates(record, CANDIDATES)
        for number, candidate in enumerate(self._candidates, start=1):
            prompt = Text(f"{number}  ", style="bold")
            prompt.append(f"{candidate.score:.2f}  sentence {candidate.sentence}: ", style="dim")
            prompt.append(inert(self.annotations.article.sentence(candidate.sentence).text))
            listing.add_option(Option(prompt, id=f"candidate-{number}"))
        if not self._candidates:
            listing.add_option(Option(Text("no sentence to offer: c attaches to the cursor's", style="dim"), disabled=True))

    def _described(self, group: ReviewGroup) -> Text:
        """The sentence as it was, then each annotator's record on it (whose, tags, note)
        and whose are not yours to settle."""
        record = group.lead
        text = Text()
        span = record.get("span")
        if span is None:
            text.append("was: ", style="dim")
            text.append(inert(record.get("quote") or record["text"]))
        else:  # words in a sentence (as `newsmark orphans` shows them): the words, the sentence they were in
            text.append("words: ", style="dim")
            text.append(inert(record.get("quote") or span["quote"]), style="bold underline")
            text.append("\nin: ", style="dim")
            text.append(inert(tagged_sentence(record)))
        if not group.orphan:
            text.append("\nnow on sentence ", style="dim")
            text.append(f"{record['sentence']}: ", style="dim")
            text.append(inert(record["text"]))
        for each in (*group.mine, *group.theirs):
            text.append("\ntags: ", style="dim")
            text.append(", ".join(each["tags"]) or "—")
            text.append(" · by ", style="dim")
            text.append(inert(each["annotator"]))
            if each["note"]:
                text.append(" · note: ", style="dim")
                text.append(inert(each["note"]))
        final = self.final_annotator
        colleagues = sorted({r["annotator"] for r in group.theirs} - {final})
        if colleagues:
            text.append("\nnot yours: ", style="dim")
            text.append(inert(", ".join(colleagues)))
            text.append(" (only they settle theirs: the next import of their files would put them back)", style="dim")
        if any(r["annotator"] == final for r in group.theirs):
            text.append(f"\n{final}: ", style="dim")
            text.append(inert(final_layer_hint(final)), style="dim")
        return text

    def _apply(self, call: Callable[[], Change]) -> bool:
        try:
            call()
        except NewsmarkError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return False
        self.changed = True
        if self._on_change is not None:
            self._on_change()
        return True

    def _done_with_current(self) -> None:
        """The current sentence was dealt with: list what is left, stay at its place."""
        self.groups = self.annotations.triage.groups()
        self.index = min(self.index, max(0, len(self.groups) - 1))
        self.show()

    def _yours(self) -> list[str]:
        """The ids of your records on the current sentence; when there are none (another
        annotator's only), say why nothing is done."""
        group = self.group
        if group is None:
            return []
        if not group.mine:
            reason = refusal(group.lead, self.annotations.annotator, self.final_annotator)
            self.notify(f"Not changed: {reason}", severity="warning", timeout=8, markup=False)
        return [r["id"] for r in group.mine]

    def _settled(self, done: str) -> None:
        """Say what one decision did, and whose records on the sentence it left."""
        group = self.group
        names = sorted({r["annotator"] for r in group.theirs}) if group is not None else []
        owners = ", ".join(name + "'s" for name in names)
        left = f"; {owners} stay as they are (theirs to settle)" if names else ""
        self.notify(f"{done}{left}", timeout=3)
        self._done_with_current()

    def action_next(self) -> None:
        """Show the next annotation to review."""
        if self.index + 1 < len(self.groups):
            self.index += 1
            self.show()

    def action_previous(self) -> None:
        """Show the previous annotation to review."""
        if self.index > 0:
            self.index -= 1
            self.show()

    def action_later(self) -> None:
        """Leave the annotation as it is and go on to the next (wrapping around)."""
        if self.groups:
            self.index = (self.index + 1) % len(self.groups)
            self.show()

    def action_attach_candidate(self, number: int) -> None:
        """Attach your annotations on the sentence to its number-th candidate sentence."""
        if self.group is None or not 1 <= number <= len(self._candidates):
            return
        self._attach_yours(self._candidates[number - 1].sentence)

    def action_attach_cursor(self) -> None:
        """Attach your annotations on the sentence to the sentence under the reader's cursor."""
        if self.group is not None:
            self._attach_yours(self.cursor)

    def _attach_yours(self, sentence: int) -> None:
        ids = self._yours()
        if ids and self._apply(lambda: self.annotations.triage.attach_all(ids, sentence)):
            self._settled(f"Attached to sentence {sentence}")

    def action_confirm(self) -> None:
        """Keep a fuzzy anchor where it is, confirmed (an orphan has nothing to confirm)."""
        group = self.group
        if group is None or group.orphan:
            return
        ids = self._yours()
        if ids and self._apply(lambda: self.annotations.triage.attach_all(ids, group.lead["sentence"])):
            self._settled(f"Confirmed on sentence {group.lead['sentence']}")

    def action_delete(self) -> None:
        """Delete your annotations on the sentence (undoable with u, here or in the reader)."""
        ids = self._yours()
        if ids and self._apply(lambda: self.annotations.delete(ids)):
            self._settled("Deleted (u brings it back)")

    def action_undo(self) -> None:
        """Undo the last change to the article (an attach, confirm or delete made here)."""
        if self._apply(self.annotations.undo):
            self._done_with_current()

    def action_help(self) -> None:
        """Show every key of the triage view."""
        from .help import HelpScreen

        self.app.push_screen(HelpScreen("newsmark · orphans", self.active_bindings))

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(self.changed)
