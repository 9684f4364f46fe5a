"""The undo history of one open article: undo and redo steps, kept in its store file
across restarts, and the states a step puts back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotations.errors import StoreError
from annotations.store.article_state import ArticleState, Change
from annotations.store.link_moves import place
from annotations.store.records import Record, assessment, copy_record, instant, new_record, stamp_after, utc_now, with_assessment


def undo_state(record: Record | None, *, note: bool, assessed: bool = False) -> dict[str, Any] | None:
    """What undo needs to bring a record back: its tags, and its note only when the
    change was to the note (a tag toggle on a noted sentence must not copy the note
    into every step: 100 toggles on a long note made a store of hundreds of MB); its
    assessment (status, evidence, grade, links) likewise only when that changed."""
    if record is None:
        return None
    state: dict[str, Any] = {
        "sentence": record["sentence"],
        "tags": list(record["tags"]),
        "created": record["created"],
        "group": record.get("group", ""),
    }
    if note:
        state["note"] = record["note"]
    if "span" in record:  # a span record comes back on its words
        state["span"] = dict(record["span"])
    if assessed:
        state["assessment"] = assessment(record)
    return state


#: Added to a step's label once it was moved to an edited text (its numbers are the old text's).
EDITED_SINCE = " (before the article was edited)"


def moved_step(step: dict[str, Any], at: Mapping[str, str]) -> dict[str, Any] | None:
    """``step`` moved to an edited text: each state's sentence (and words) to where
    ``at`` says that place went (see :func:`~annotations.store.link_moves.places_moved`);
    None when one is gone, or the step puts a whole record back (triage's steps hold
    the record as it was on the old text)."""
    moved = {**step, "before": dict(step["before"]), "after": dict(step["after"])}
    changed = False
    for side in ("before", "after"):
        for record_id, kept in step[side].items():
            if kept is None:
                continue
            if kept.get("whole"):
                return None
            went = at.get(place(kept["sentence"], kept.get("span")))
            if went is None:
                return None
            parts = [int(part) for part in went.split(":")]
            state = {**kept, "sentence": parts[0]}
            if "span" in kept and len(parts) == 3:
                state["span"] = {**kept["span"], "start": parts[1], "end": parts[2]}
            changed = changed or state != kept
            moved[side][record_id] = state
    if "sentences" in step:
        numbers = [at.get(str(number)) for number in step["sentences"]]
        if any(number is None for number in numbers):
            return None
        moved["sentences"] = [int(str(number)) for number in numbers]
        changed = changed or moved["sentences"] != step["sentences"]
    if changed and not str(step["label"]).endswith(EDITED_SINCE):
        moved["label"] = f"{step['label']}{EDITED_SINCE}"
    return moved


def whole_state(record: Record | None) -> dict[str, Any] | None:
    """An undo state that puts ``record`` back exactly as it is (its sentence, anchor and
    orphan mark too), whether or not it exists when the step is undone: triage's steps."""
    if record is None:
        return None
    return {**(undo_state(record, note=True, assessed=True) or {}), "record": dict(record), "whole": True}


def _content(record: Record) -> tuple[object, ...]:
    """What a person changes in a record (an undo or redo restamps it: not ``updated``)."""
    fields = (list(record["tags"]), record["note"], record["sentence"], bool(record.get("orphan")), record["annotator"], record.get("span"))
    return (*fields, assessment(record))


class UndoHistory:
    """Undo and redo of one annotator's changes to one open article."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state

    def undo(self) -> Change:
        """Undo the last change made to this article (kept across restarts)."""
        return self.step(redo=False)

    def redo(self) -> Change:
        """Redo the last undone change."""
        return self.step(redo=True)

    def step(self, redo: bool) -> Change:
        """Undo (or with ``redo``, redo) one step, as one write."""
        state = self.state
        state.require_writable()
        if not state.article.complete:
            raise StoreError(state.article.path, "still splitting this big article into sentences; undo and redo work in a moment")
        found = state.file.history_step(state.annotator, redo)
        if found is None:
            return Change("redo" if redo else "undo", ())
        doc_id, step = found
        self._check_whole_states(step, redo)
        now = utc_now()
        restored = [(record_id, self._restore(record_id, kept, now)) for record_id, kept in step["after" if redo else "before"].items()]
        touched = {
            kept["sentence"]
            for side in (step["before"], step["after"])
            for kept in side.values()
            if kept and not kept.get("record", {}).get("orphan")
        } | set(step.get("sentences", ()))  # a step of effects alone names its sentences
        pairs = [(state.file.record(record_id), record) for record_id, record in restored]
        with state.file.transaction():
            state.file.apply(restored)
            state.file.mark_history(doc_id, undone=not redo)
        state.view.apply(pairs)
        label = ("redo " if redo else "undo ") + step["label"]
        return Change(label, tuple(sorted(touched)), len(restored), step.get("effects"))

    def _check_whole_states(self, step: dict[str, Any], redo: bool) -> None:
        """Refuse to undo (or redo) a triage step over a record someone changed since: its
        whole state would put back what it held then, and lose their later change."""
        done = step["before" if redo else "after"]
        for record_id, kept in done.items():
            if not (kept and kept.get("whole")):
                continue
            current = self.state.file.record(record_id)
            if current is not None and _content(current) != _content(kept["record"]):
                raise StoreError(
                    self.state.article.path,
                    f"cannot {'redo' if redo else 'undo'} {step['label']}: {current['annotator']} changed that annotation since",
                )

    def _restore(self, record_id: str, kept: dict[str, Any] | None, now: str) -> Record | None:
        """The record an undo state describes, rebuilt on the current text if it was deleted."""
        if kept is None:
            return None
        existing = self.state.file.record(record_id)
        if "record" in kept and (existing is None or kept.get("whole")):  # a deleted record comes back whole (an orphan too)
            whole: Record = kept["record"]
            return {
                **whole,
                "updated": stamp_after(max(whole["updated"], existing["updated"], key=instant) if existing else whole["updated"], now),
            }
        if existing is None:
            article = self.state.article
            existing = new_record(article, article.sentence(kept["sentence"]), self.state.annotator, kept["created"])
            existing["id"] = record_id
            existing["updated"] = kept["created"]
            if "span" in kept:
                existing["span"] = kept["span"]
        restored = copy_record(existing)
        restored["tags"] = list(kept["tags"])
        if "group" in kept:
            restored["group"] = kept["group"]
        if "note" in kept:  # steps keep a note only when the change made was to it
            restored["note"] = kept["note"]
        if "assessment" in kept:  # likewise the assessment
            with_assessment(restored, kept["assessment"])
        restored["updated"] = stamp_after(existing["updated"], now)
        return restored
