"""Verdicts on checkable records and grades on sources: what an annotator says a claim
is worth, with the evidence, and how far a source can be trusted.

A record tagged with a checkable tag (the schema's ``checkable``: claim and figure by
default) takes a ``status`` out of the verdict scale (:class:`~annotations.schema.VerdictScale`;
a record without one is at the scale's first status, ``unverified``), ``evidence`` items
(``{kind: url|sentence|text, value, by, at}``), a ``rationale`` and the
``status_history`` of its changes (``{by, at, from, to}``). A record tagged ``source``
takes a ``grade``: the Admiralty code, source reliability A-F and information
credibility 1-6 (``B2``).

The rationale is a field of its own, not the record's note: the note is the analyst's
comment on the sentence (written before any verdict, and kept when the verdict
changes), the rationale says why the verdict is what it is and travels with it (into
the final layer, a ClaimReview, the brief).

Every change is one undoable step through the record's ordinary write path (see
:meth:`~annotations.store.editing.ArticleEdits.change_records`), labelled with what
changed (``status of sentence 8: false → unverified``). A target is a sentence number
(the annotator's own whole-sentence record) or :class:`~annotations.store.spans.Words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from annotations.errors import StoreError
from annotations.formats.hygiene import clean_field, clean_line
from annotations.store.article_state import ArticleState, Change
from annotations.store.editing import ArticleEdits, Mutation
from annotations.store.records import EVIDENCE_KINDS, EVIDENCE_QUOTE_MAX, GRADE_PATTERN, Evidence, Record, StatusChange, utc_now
from annotations.store.spans import Words, check_words

Target = int | Words
"""A sentence number (its whole-sentence record) or words in a sentence (their span record)."""

#: The tag whose records take a grade.
SOURCE_TAG = "source"
#: What the letters and digits of a grade mean (the Admiralty code), for help texts.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
#: The most characters of words a label quotes.
WORDS_SHOWN = 40


class Assessment(NamedTuple):
    """A record's verdict as read: its status (the scale's first where none was set), its
    rationale, evidence and status history."""

    status: str
    rationale: str
    evidence: tuple[Evidence, ...]
    history: tuple[StatusChange, ...]


def parse_grade(code: str) -> str:
    """``code`` as a grade (``b2`` → ``B2``); a one-line error explaining the code if it is not one."""
    cleaned = code.strip().upper()
    if re.match(GRADE_PATTERN, cleaned) is None:
        raise StoreError(None, f"{code!r} is not a grade: a letter A-F (source reliability) and a digit 1-6 (credibility), such as B2")
    return cleaned


def grade_meaning(code: str) -> str:
    """What a grade says: ``B2`` → ``usually reliable, probably true``."""
    return f"{RELIABILITY[code[0]]}, {CREDIBILITY[code[1]]}"


def check_evidence(kind: str, value: str) -> str:
    """An evidence item's value as kept; a one-line error for an unknown kind, an empty
    value, a URL that is not a web address or a sentence that is not ``PATH#N``."""
    if kind not in EVIDENCE_KINDS:
        raise StoreError(None, f"unknown evidence kind {kind!r} (known: {', '.join(EVIDENCE_KINDS)})")
    value = " ".join(clean_line(value).split()) if kind != "text" else clean_field(value).strip()
    if not value:
        raise StoreError(None, "evidence: give a URL, a sentence (PATH#N) or text")
    if kind == "url" and re.match(r"^https?://[^\s/]+", value) is None:
        raise StoreError(None, f"evidence: {value!r} is not a web address (http:// or https://)")
    if kind == "sentence" and re.match(r"^.+#[1-9][0-9]*$", value) is None:
        raise StoreError(None, f"evidence: {value!r} is not a sentence of an article (PATH#N)")
    return value


def cited_words(text: str) -> str:
    """A cited sentence's words as an evidence item keeps them (one line, single spaces, at
    most :data:`~annotations.store.records.EVIDENCE_QUOTE_MAX` characters)."""
    return " ".join(clean_line(text).split())[:EVIDENCE_QUOTE_MAX].rstrip()  # cut, then cut again the same


class Cited(NamedTuple):
    """Evidence as given: its kind, its value, and a cited sentence's words (``quote``)."""

    kind: str
    value: str
    quote: str = ""


def where(state: ArticleState, target: Target) -> str:
    """What a label names: ``sentence 8``, or ``"the words" in sentence 8``."""
    if isinstance(target, int):
        return f"sentence {target}"
    quoted = " ".join(state.article.sentence(target.sentence).text[target.start : target.end].split())
    if len(quoted) > WORDS_SHOWN:
        quoted = quoted[: WORDS_SHOWN - 1].rstrip() + "…"
    return f'"{quoted}" in sentence {target.sentence}'


def own_record(state: ArticleState, target: Target) -> Record | None:
    """This annotator's record on ``target`` (checked to be in the article), if any."""
    if isinstance(target, int):
        state.check([target])
        return state.own(target)
    check_words(state.article, target)
    return state.own_span(target)


class Verdicts:
    """One annotator's verdicts, evidence and grades on one open article."""

    def __init__(self, state: ArticleState, edits: ArticleEdits) -> None:
        self.state = state
        self.edits = edits

    # -- reading ---------------------------------------------------------

    def assessment(self, target: Target) -> Assessment:
        """This annotator's verdict on ``target`` (the scale's first status if none)."""
        record: dict[str, Any] = dict(own_record(self.state, target) or {})
        return Assessment(
            str(record.get("status") or self.state.schema.verdicts.default.name),
            str(record.get("rationale", "")),
            tuple(record.get("evidence", ())),
            tuple(record.get("status_history", ())),
        )

    def grade(self, target: Target) -> str | None:
        """This annotator's grade of the source on ``target`` (None if ungraded)."""
        record = own_record(self.state, target)
        return record.get("grade") if record is not None else None

    def checkable(self, target: Target) -> bool:
        """Whether this annotator's record on ``target`` has a checkable tag."""
        record = own_record(self.state, target)
        return record is not None and bool(set(record["tags"]) & set(self.state.schema.checkable))

    # -- changing ----------------------------------------------------------

    def set_status(self, target: Target, status: str, note: str | None = None, evidence: Sequence[tuple[str, str] | Cited] = ()) -> Change:
        """Set the status of the claim on ``target`` (with ``note``, its rationale: ``""``
        clears it; with ``evidence``, (kind, value) or :class:`Cited` items added),
        recording who changed it from what, and when; one undoable step."""
        record = self.claim_record(target)
        scale = self.state.schema.verdicts
        scale.require(status)
        rationale = self.state.checked_note(note) if note is not None else None
        before = str(record.get("status") or scale.default.name)
        items = [self._item(Cited(*given)) for given in evidence]

        def mutate(changed: Record) -> None:
            if before != status or "status" not in changed:
                changed["status"] = status
            if before != status:
                entry: StatusChange = {"by": self.state.annotator, "at": utc_now(), "from": before, "to": status}
                changed["status_history"] = [*changed.get("status_history", []), entry]
            if rationale is not None:
                _set_or_drop(changed, "rationale", rationale)
            if items:
                changed["evidence"] = [*changed.get("evidence", []), *items]

        what = f"{before} → {status}" if before != status else status
        added = f", {len(items)} evidence item{'s' * (len(items) != 1)} added" if items else ""
        return self.change_one(f"status of {where(self.state, target)}: {what}{added}", target, mutate)

    def add_evidence(self, target: Target, kind: str, value: str, quote: str = "") -> Change:
        """Add an evidence item (a ``url``, a ``sentence`` ``PATH#N`` with its words,
        ``quote``, or ``text``) to the claim on ``target``."""
        self.claim_record(target)
        item = self._item(Cited(kind, value, quote))
        return self.change_one(
            f"evidence on {where(self.state, target)}: add {kind}",
            target,
            lambda changed: changed.__setitem__("evidence", [*changed.get("evidence", []), item]),
        )

    def _item(self, cited: Cited) -> Evidence:
        """The evidence item kept for ``cited``, checked, by this annotator, now."""
        item: Evidence = {"kind": cited.kind, "value": check_evidence(cited.kind, cited.value), "by": self.state.annotator, "at": utc_now()}
        quote = cited_words(cited.quote)
        if cited.kind == "sentence" and quote:
            item["quote"] = quote
        return item

    def remove_evidence(self, target: Target, index: int) -> Change:
        """Remove evidence item ``index`` (from 0, as :meth:`assessment` lists them) from the claim on ``target``."""
        record = self.claim_record(target)
        items = list(record.get("evidence", []))
        if not 0 <= index < len(items):
            raise StoreError(self.state.article.path, f"{where(self.state, target)} has no evidence item {index + 1}")
        del items[index]
        return self.change_one(
            f"evidence on {where(self.state, target)}: remove item {index + 1}",
            target,
            lambda changed: _set_or_drop(changed, "evidence", items),
        )

    def set_grade(self, target: Target, code: str | None) -> Change:
        """Grade the source on ``target`` (``B2``; None removes the grade)."""
        grade = parse_grade(code) if code is not None else None
        record = own_record(self.state, target)
        if record is None or SOURCE_TAG not in record["tags"]:
            raise StoreError(
                self.state.article.path, f"{where(self.state, target)} is not tagged {SOURCE_TAG} by you: only a source takes a grade"
            )
        before = record.get("grade")
        return self.change_one(
            f"grade of {where(self.state, target)}: {before or 'none'} → {grade or 'none'}",
            target,
            lambda changed: _set_or_drop(changed, "grade", grade or ""),
        )

    def claim_record(self, target: Target, why: str = "only a claim takes a status") -> Record:
        """This annotator's record on ``target``; one clear error (ending in ``why``) if it has no checkable tag."""
        record = own_record(self.state, target)
        checkable = self.state.schema.checkable
        if record is None or not set(record["tags"]) & set(checkable):
            tags = " or ".join(checkable) or "a checkable tag (none is configured: see checkable: in the config)"
            raise StoreError(self.state.article.path, f"{where(self.state, target)} is not tagged {tags} by you: {why}")
        return record

    def change_one(self, label: str, target: Target, mutate: Mutation, *, keep_untagged: bool = False) -> Change:
        """``mutate`` applied to this annotator's record on ``target`` (made if missing), as
        one undoable step (``keep_untagged``: kept with no tag, as the final layer keeps one)."""
        key = (target, None) if isinstance(target, int) else (target.sentence, target)
        return self.edits.change_records(label, [key], lambda _: mutate, keep_untagged=keep_untagged)


def _set_or_drop(record: Record, name: str, value: Any) -> None:
    """Set an assessment field, or remove it where ``value`` is empty."""
    if value:
        record[name] = value  # type: ignore[literal-required]
    else:
        record.pop(name, None)  # type: ignore[misc]
