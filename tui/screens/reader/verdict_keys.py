"""The reader's checking keys: a claim's status (a small picker), its evidence, a
source's grade; on the cursor sentence, or on the words selected in word mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.table import Table
from rich.text import Text

from annotations.errors import NewsmarkError
from annotations.library.evidence_refs import evidence_item
from annotations.store.article_annotations import Change
from annotations.store.records import Record
from annotations.store.spans import Words
from annotations.store.verdicts import CREDIBILITY, RELIABILITY, SOURCE_TAG, grade_meaning

from ...shown import excerpt, inert
from ..choice_picker import Choice, ChoicePicker
from ..prompt_dialog import PromptDialog
from .editing import Edits
from .host import ReaderHost
from .word_mode import WordMode

ChangeCall = Callable[[], Change]
"""A store call that makes a change."""


class Target(NamedTuple):
    """What a checking key works on: a sentence, or words of it (word mode's selection)."""

    sentence: int
    words: Words | None = None

    @property
    def on(self) -> int | Words:
        """The sentence number or the words, as the store's calls take them."""
        return self.sentence if self.words is None else self.words


def own_target_record(host: ReaderHost, target: Target) -> Record | None:
    """Your record of ``target`` (the whole sentence's, or the span's on exactly its words)."""
    annotations = host.annotations
    if target.words is None:
        return next((r for r in annotations.view.at(target.sentence) if r["annotator"] == annotations.annotator), None)
    words = target.words
    return next(
        (
            r
            for r in annotations.spans(target.sentence)
            if r["annotator"] == annotations.annotator and (r["span"]["start"], r["span"]["end"]) == (words.start, words.end)
        ),
        None,
    )


class VerdictKeys:
    """What the status, evidence and grade keys do."""

    def __init__(self, host: ReaderHost, edits: Edits, words: WordMode) -> None:
        self._host = host
        self._edits = edits
        self._words = words

    def target(self) -> Target:
        """The words selected in word mode, else the cursor sentence."""
        bar = self._words.bar
        if self._words.active and bar is not None and bar.cursor is not None:
            return Target(bar.cursor.sentence, bar.cursor.selected)
        return Target(self._host.view.cursor)

    def one_target(self) -> Target:
        """:meth:`target` for a key that works on one record: a range of sentences is dropped,
        and the notice says the key works on the cursor sentence."""
        target = self.target()
        if target.words is None and len(self._host.targets()) > 1:
            self._host.keep_range()
            self._host.move_to(target.sentence)  # a move after a change drops the range
            self._host.notify(
                f"Status, evidence and grade work on one sentence: the range was dropped, sentence {target.sentence} kept.",
                timeout=6,
            )
        return target

    def leave_words(self) -> None:
        """Leave word mode, if in it (link mode takes the keys next)."""
        if self._words.bar is not None:
            self._words.bar.leave()

    def describe(self, target: Target) -> str:
        """``sentence 8``, or ``"300,000" in sentence 6``."""
        if target.words is None:
            return f"sentence {target.sentence}"
        text = self._host.article.sentence(target.sentence).text
        return f'"{inert(excerpt(text[target.words.start : target.words.end], 30))}" in sentence {target.sentence}'

    def _tagged(self, target: Target, wanted: set[str], what: str) -> Record | None:
        """Your record of ``target`` if it has one of the ``wanted`` tags; else say what is missing."""
        record = own_target_record(self._host, target)
        if record is None or not wanted & set(record["tags"]):
            names = " or ".join(sorted(wanted))
            self._host.notify(f"Tag {self.describe(target)} {names} first: {what}.", severity="warning", markup=False)
            return None
        return record

    def _saved(self, call: ChangeCall) -> str | None:
        """Run a store call for a dialog: the reason it failed (the dialog stays), or None once saved and shown."""
        try:
            change = call()
        except NewsmarkError as error:
            return str(error)
        self._host.keep_range()
        self._host.show_change(change)
        return None

    # -- status --------------------------------------------------------------

    def set_status(self) -> None:
        """Pick a status of the scale for the claim (its key in the picker)."""
        target = self.one_target()
        scale = self._host.schema.verdicts
        record = self._tagged(target, set(self._host.schema.checkable), "only a claim to check takes a status")
        if record is None or not self._edits.writable():
            return
        current = record.get("status", scale.default.name)
        choices = [Choice(v.key, v.name, v.label, v.mark) for v in scale.verdicts]

        def chosen(name: str | None) -> None:
            verdict = scale.get(name or "")
            if verdict is None or (name == current and not verdict.final):
                return
            if verdict.final:  # a verdict says why: the rationale (the same verdict again: its rationale edited)
                self._ask_rationale(target, verdict.name, record.get("rationale", ""))
            else:
                self._edits.apply(lambda: self._host.annotations.set_status(target.on, verdict.name))

        picker = ChoicePicker(f"Status of {self.describe(target)}", choices, current=current)
        self._host.app.push_screen(picker, chosen)

    def _ask_rationale(self, target: Target, status: str, rationale: str) -> None:
        """Set ``status`` with the rationale typed (Esc: nothing changes)."""
        annotations = self._host.annotations

        def check(value: str) -> str | None:
            return self._saved(lambda: annotations.set_status(target.on, status, value))  # "" clears it

        about = Text("Why this verdict (kept with it, shown in the panel, the brief and the ClaimReview); empty for none.")
        self._host.app.push_screen(
            PromptDialog(f"{status}: rationale for {self.describe(target)}", "why", check, about=about, value=rationale)
        )

    # -- evidence ------------------------------------------------------------

    def add_evidence(self) -> None:
        """Add an evidence item: a web address, ``PATH#N`` (a sentence of an article in the store) or text."""
        target = self.one_target()
        if self._tagged(target, set(self._host.schema.checkable), "evidence backs a claim's status") is None:
            return
        if not self._edits.writable():
            return
        annotations = self._host.annotations

        def check(value: str) -> str | None:
            if not value:
                return "type a web address, PATH#N or a line of text"
            try:  # PATH#N checked (and kept with the article's full path) as the command line does
                cited = evidence_item(value, annotations.store, self._host.options.cache)
            except NewsmarkError as error:
                return str(error)
            return self._saved(lambda: annotations.add_evidence(target.on, *cited))

        about = Text("A web address (https://…), a sentence of an article in the store (PATH#N), or text.")
        dialog = PromptDialog(f"Evidence for {self.describe(target)}", "https://…, PATH#N or text", check, about=about)
        self._host.app.push_screen(dialog)

    # -- grade ---------------------------------------------------------------

    def grade(self) -> None:
        """Grade the source (Admiralty code such as ``B2``), the meanings shown."""
        target = self.one_target()
        record = self._tagged(target, {SOURCE_TAG}, "only a source takes a grade")
        if record is None or not self._edits.writable():
            return
        annotations = self._host.annotations

        def check(value: str) -> str | None:  # empty: the grade removed
            if not value.strip() and not record.get("grade"):
                return "type a grade such as B2 (reliability A-F, credibility 1-6)"
            return self._saved(lambda: annotations.set_grade(target.on, value.strip() or None))

        current = record.get("grade", "")
        title = f"Grade of the source {self.describe(target)}" + (f" (now {current}: {grade_meaning(current)})" if current else "")
        self._host.app.push_screen(PromptDialog(title, "B2 (empty: no grade)", check, about=grade_table(), value=current))


def grade_table() -> Table:
    """The Admiralty code's meanings side by side: reliability A-F, credibility 1-6."""
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column()
    table.add_row(Text("source reliability", style="bold"), Text("information credibility", style="bold"))
    for (letter, reliable), (digit, credible) in zip(RELIABILITY.items(), CREDIBILITY.items(), strict=True):
        table.add_row(Text(f"{letter} {reliable}"), Text(f"{digit} {credible}"))
    return table
