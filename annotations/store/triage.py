"""Triage of one open article: the records that lost their sentence (orphans) or were
placed on a sentence only alike (fuzzy), and what a person decides about them.

Records are reviewed by sentence: every annotator's record made on one old sentence is
one :class:`ReviewGroup`, settled by one decision. A person settles only their own
records: another annotator's is theirs (the next import of that annotator's file puts
it back as the file says), and acting on it is refused with that reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from annotations.errors import StoreError
from annotations.store.article_state import ArticleState, Change
from annotations.store.reanchoring import Changes, merge_changes
from annotations.store.records import Record, anchor_record, stamp_after, utc_now
from annotations.store.spans import tagged_sentence
from annotations.store.undo import undo_state, whole_state

if TYPE_CHECKING:
    # Imported where records are placed again, never on the reader's start path: its
    # dataclasses cost ~1.5 ms to build.
    from annotations.store.anchoring import Anchorer, Candidate
    from annotations.store.spans import Words

#: A triage candidate this alike makes the sentence at an orphan's old place needless.
PLACE_NOT_NEEDED = 0.75


class ReviewGroup:
    """The records to review that were made on one sentence (every annotator's), as
    ``annotator`` reviews them: :attr:`mine` they settle, :attr:`theirs` belong to others.

    A plain class, not a dataclass: this module is imported on the reader's start path."""

    __slots__ = ("annotator", "records")

    def __init__(self, records: tuple[Record, ...], annotator: str) -> None:
        self.records = records
        self.annotator = annotator

    @property
    def mine(self) -> list[Record]:
        """The records ``annotator`` may settle: their own."""
        return [r for r in self.records if r["annotator"] == self.annotator]

    @property
    def theirs(self) -> list[Record]:
        """Other annotators' records on the sentence: left as they are."""
        return [r for r in self.records if r["annotator"] != self.annotator]

    @property
    def lead(self) -> Record:
        """The record shown for the group: the annotator's own if any, else the first."""
        return next(iter(self.mine), self.records[0])

    @property
    def orphan(self) -> bool:
        """Whether the sentence was lost (else it was found only alike: fuzzy)."""
        return bool(self.lead.get("orphan"))


def refusal(record: Record, annotator: str, final: str = "final") -> str | None:
    """Why ``annotator`` may not attach, confirm or delete ``record`` (None: it is their
    own); ``final`` names the final layer (the configured name), settled as itself."""
    owner = record["annotator"]
    if owner == annotator:
        return None
    if owner == final:
        return final_layer_hint(final)
    return (
        f"{owner}'s annotation: only {owner} attaches, confirms or deletes it (you are {annotator}; "
        f"the next import of {owner}'s file would put it back as that file says)"
    )


def final_layer_hint(final: str) -> str:
    """How the final layer's orphan is settled: as the final layer, then exported."""
    return (
        f"the final layer's annotation (the adjudicated reading): settle it as {final} "
        f"(newsmark orphans FILE --annotator {final} --attach/--confirm/--delete ID), then export "
        f"its file again (newsmark export --split DIR --by {final})"
    )


def _sentence_key(record: Record) -> tuple[bool, int, str]:
    """What records made on one sentence share: orphaned or not, the sentence number they
    hold (the old one for an orphan) and the text they were made on."""
    return (bool(record.get("orphan")), record["sentence"], record.get("quote") or record["text"])


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

    def groups(self) -> list[ReviewGroup]:
        """:meth:`needs_review` by sentence: one group per sentence lost or found only
        alike, holding every annotator's record on it: those with a record of yours first
        (orphans, then fuzzy), then those of others only."""
        by_key: dict[tuple[bool, int, str], list[Record]] = {}
        for record in self.needs_review():
            by_key.setdefault(_sentence_key(record), []).append(record)
        groups = [ReviewGroup(tuple(records), self.state.annotator) for records in by_key.values()]
        # yours to settle first; sentences holding only others' records last, to read
        return sorted(groups, key=lambda group: not group.mine)

    def group_of(self, record: Record) -> ReviewGroup:
        """The group ``record`` is reviewed in (itself alone if it needs no review)."""
        found = next((g for g in self.groups() if any(r["id"] == record["id"] for r in g.records)), None)
        return found or ReviewGroup((record,), self.state.annotator)

    def _require_yours(self, records: Sequence[Record]) -> None:
        """Refuse, with the reason, to change a record another annotator made."""
        for record in records:
            reason = refusal(record, self.state.annotator)
            if reason is not None:
                raise StoreError(self.state.article.path, reason)

    def candidates(self, record: Record, limit: int = 3) -> list[Candidate]:
        """The sentences of the article most like the one ``record`` was made on, best
        first; and the sentence now at its old place, when no candidate is close (a
        sentence rewritten in place is often what it became, however unlike)."""
        from annotations.store.anchoring import Anchorer, Candidate, similarity

        article = self.state.article
        if self._anchorer is None:
            self._anchorer = Anchorer(article)
        # a span's few words alike whole sentences rank nothing: its sentence does
        quote = tagged_sentence(record) if "span" in record else record.get("quote") or record["text"]
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
        on it, if any). Another annotator's record is refused (see :func:`refusal`)."""
        return self.attach_all([record_id], sentence)

    def attach_all(self, record_ids: Sequence[str], sentence: int, words: Mapping[str, Words] | None = None) -> Change:
        """:meth:`attach` each of ``record_ids`` to ``sentence``, as one undoable step;
        a record of words named in ``words`` (by id) goes on those words of it."""
        state = self.state
        state.require_writable()
        (number,) = state.check([sentence])
        records = [state.file.record(record_id) for record_id in record_ids]
        missing = next((i for i, r in zip(record_ids, records, strict=True) if r is None), None)
        if missing is not None:
            raise StoreError(state.article.path, f"no annotation {missing}")
        found = [r for r in records if r is not None]
        self._require_yours(found)
        stamp = utc_now()
        placed: dict[str, Record] = {}
        for record in found:
            placed[record["id"]] = anchor_record(record, state.article, state.article.sentence(number))
            if "span" in record:  # on its words in that sentence
                from annotations.store.span_anchoring import attach_span

                placed[record["id"]] = attach_span(record, placed[record["id"]], state.article, (words or {}).get(record["id"]))
            placed[record["id"]]["updated"] = stamp_after(record["updated"], stamp)
        current = [placed.get(r["id"], r) for r in state.file.records()]
        changes: Changes = [*placed.items(), *merge_changes(current, state.schema)]
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
        """Delete records (orphans from triage), as one undoable change; another
        annotator's record is refused (see :func:`refusal`)."""
        state = self.state
        state.require_writable()
        found = [r for r in (state.file.record(i) for i in record_ids) if r is not None]
        self._require_yours(found)
        if not found:
            return Change("delete", ())
        before = {r["id"]: {**(undo_state(r, note=True) or {}), "record": dict(r)} for r in found}
        with state.file.transaction():
            state.file.apply((r["id"], None) for r in found)
            state.file.push_history(state.annotator, f"delete {len(found)} annotation(s)", before, dict.fromkeys(before))
        state.reindex()
        return Change("delete", tuple(sorted({r["sentence"] for r in found if not r.get("orphan")})), len(found))
