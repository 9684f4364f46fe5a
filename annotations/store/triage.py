"""Triage of one open article: the records that lost their sentence (orphans) or were
placed on a sentence only alike (fuzzy), and what a person decides about them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotations.errors import StoreError
from annotations.store.article_state import ArticleState, Change
from annotations.store.reanchoring import Changes, merge_changes
from annotations.store.records import Record, anchor_record, stamp_after, utc_now
from annotations.store.undo import undo_state, whole_state

if TYPE_CHECKING:
    # Imported where records are placed again, never on the reader's start path: its
    # dataclasses cost ~1.5 ms to build.
    from annotations.store.anchoring import Anchorer, Candidate

#: A triage candidate this alike makes the sentence at an orphan's old place needless.
PLACE_NOT_NEEDED = 0.75


class Triage:
    """Orphans and fuzzy anchors of one open article: list them, find where they may
    belong, attach, confirm or delete them (each an undoable step)."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state
        self._anchorer: Anchorer | None = None

    def needs_review(self) -> list[Record]:
        """Orphans, then fuzzily anchored records: what the triage view lists."""
        view = self.state.view
        fuzzy = [r for r in view.anchored() if str(r.get("anchor", "")).startswith("fuzzy")]
        return view.orphans() + fuzzy

    def candidates(self, record: Record, limit: int = 3) -> list[Candidate]:
        """The sentences of the article most like the one ``record`` was made on, best
        first; and the sentence now at its old place, when no candidate is close (a
        sentence rewritten in place is often what it became, however unlike)."""
        from annotations.store.anchoring import Anchorer, Candidate, similarity

        article = self.state.article
        if self._anchorer is None:
            self._anchorer = Anchorer(article)
        quote = record.get("quote") or record["text"]
        found = self._anchorer.candidates(quote, limit)
        place = record["sentence"]
        close = found and found[0].score >= PLACE_NOT_NEEDED
        if close or not 1 <= place <= len(article.sentences) or any(c.sentence == place for c in found):
            return found
        at_place = Candidate(place, round(similarity(quote, article.sentence(place).text), 2))
        return sorted([*found[: limit - 1], at_place], key=lambda c: -c.score)

    def attach(self, record_id: str, sentence: int) -> Change:
        """Put a record (an orphan, or a fuzzy one) on ``sentence``, confirmed by a person:
        anchored ``exact`` there from now on (merged with the annotator's record already
        on it, if any)."""
        state = self.state
        state.require_writable()
        (number,) = state.check([sentence])
        record = state.file.record(record_id)
        if record is None:
            raise StoreError(state.article.path, f"no annotation {record_id}")
        placed = anchor_record(record, state.article, state.article.sentence(number))
        if "span" in record:  # on its words in that sentence
            from annotations.store.span_anchoring import attach_span

            placed = attach_span(record, placed, state.article)
        placed["updated"] = stamp_after(record["updated"], utc_now())
        current = [placed if r["id"] == record_id else r for r in state.file.records()]
        changes: Changes = [(record_id, placed), *merge_changes(current, state.schema)]
        # one undoable step that puts every record it touches back whole (an orphan as
        # an orphan, a merged record as it was); it also undoes a confirmed fuzzy anchor
        before = {changed_id: whole_state(state.file.record(changed_id)) for changed_id, _ in changes}
        after = {changed_id: whole_state(changed) for changed_id, changed in changes}
        with state.file.transaction():
            state.file.apply(changes)
            state.file.drop_steps(set(before), but=state.annotator)
            state.file.push_history(state.annotator, f"attach to sentence {number}", before, after)
        state.reindex()
        return Change("attach", (number,))

    def confirm(self, record_id: str) -> Change:
        """Accept a fuzzy anchor as it is (it becomes ``exact``)."""
        record = self.state.file.record(record_id)
        if record is None or record.get("orphan"):
            raise StoreError(self.state.article.path, f"no anchored annotation {record_id}")
        return self.attach(record_id, record["sentence"])

    def delete(self, record_ids: Sequence[str]) -> Change:
        """Delete records (orphans from triage), as one undoable change."""
        state = self.state
        state.require_writable()
        found = [r for r in (state.file.record(i) for i in record_ids) if r is not None]
        if not found:
            return Change("delete", ())
        before = {r["id"]: {**(undo_state(r, note=True) or {}), "record": dict(r)} for r in found}
        with state.file.transaction():
            state.file.apply((r["id"], None) for r in found)
            state.file.push_history(state.annotator, f"delete {len(found)} annotation(s)", before, dict.fromkeys(before))
        state.reindex()
        return Change("delete", tuple(sorted({r["sentence"] for r in found if not r.get("orphan")})), len(found))
