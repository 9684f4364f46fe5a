"""Fitting an article's stored records to its current text: re-anchoring (exact, moved,
fuzzy or orphan: see :mod:`annotations.store.anchoring`) and merging an annotator's
records that meet on one sentence."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from annotations.model import Article, storable_path
from annotations.schema import TagSchema
from annotations.store.article_state import ArticleState
from annotations.store.records import (
    MAX_NOTE_CHARS,
    Record,
    anchor_record,
    article_ref,
    copy_record,
    instant,
    selector_for,
    with_assessment,
)
from annotations.store.spans import record_key

if TYPE_CHECKING:
    # Imported where records are placed again (a changed text), never on the reader's
    # start path: its dataclasses cost ~1.5 ms to build.
    from annotations.store.anchoring import Quote

Changes = list[tuple[str, Record | None]]


def _quote(record: Record) -> Quote:
    from annotations.store.anchoring import Quote

    selector = record["selector"]
    return Quote(record["text"], selector["prefix"], selector["suffix"], selector["start"], record.get("article", {}).get("sha256", ""))


def _split(article: Article, records: list[Record]) -> tuple[list[tuple[Record, int]], list[Record]]:
    """The records that fit ``article`` as they are (with their sentence), and those to place."""
    fitting: list[tuple[Record, int]] = []
    needs: list[Record] = []
    total = len(article.sentences)
    for record in records:
        number = record["sentence"]
        same_text = record.get("article", {}).get("sha256") == article.sha256
        if record.get("orphan"):
            if not same_text:
                needs.append(record)
        elif same_text and 1 <= number <= total and article.sentence(number).text == record["text"]:
            fitting.append((record, number))
        else:
            needs.append(record)
    return fitting, needs


def reanchored(article: Article, records: list[Record]) -> dict[str, Record]:
    """The records that must change to fit the (complete) ``article``, by id.

    A record fits as it is when it was anchored on this very text and its sentence is
    unchanged; an orphan already tried on this text stays as it is. The others are
    placed by :class:`~annotations.store.anchoring.Anchorer`: exact or moved records
    move onto their sentence (a fuzzy one stays marked fuzzy), fuzzy ones onto the
    sentence they became, keeping the quote they were made on in ``quote`` and their
    similarity in ``anchor``; the rest become orphans (marked as tried on this text,
    their sentence, text and selector as they were).
    """
    fitting, needs = _split(article, records)
    if not needs:
        return {}
    from annotations.store.anchoring import Anchorer

    fits = [(_quote(record), number) for record, number in fitting]
    anchors = Anchorer(article).locate([_quote(r) for r in needs], fits)
    changed: dict[str, Record] = {}
    for record, anchor in zip(needs, anchors, strict=True):
        if anchor.sentence is None:
            orphaned = record.copy()
            orphaned["orphan"] = True
            orphaned["anchor"] = "orphan"
            orphaned["article"] = article_ref(article)
            changed[record["id"]] = orphaned
            continue
        placed = anchor_record(record, article, article.sentence(anchor.sentence))
        if "span" in record:  # its words, found again in its sentence (or an orphan)
            from annotations.store.span_anchoring import place_span

            changed[record["id"]] = place_span(record, placed, article, anchor.kind)
            continue
        was_fuzzy = str(record.get("anchor", "")).startswith("fuzzy")
        if anchor.kind == "fuzzy":
            placed["anchor"] = f"fuzzy {anchor.score:.2f}"
            placed["quote"] = record.get("quote") or record["text"]
        elif was_fuzzy and not record.get("orphan"):
            placed["anchor"] = record["anchor"]
            placed["quote"] = record.get("quote", "")
        else:
            placed["anchor"] = anchor.kind
        changed[record["id"]] = placed
    return changed


def merge_changes(records: list[Record], schema: TagSchema) -> Changes:
    """Changes that merge every annotator's records sharing a sentence (and words, for
    spans: :func:`~annotations.store.spans.record_key`) into the oldest one:
    tags united, notes joined (a note already held by the kept one is not added again),
    verdicts merged (:func:`~annotations.store.assessment_merge.merged_assessment`),
    stamped as the latest of them; the others deleted. A group whose joined notes would
    pass the note limit is left as it is (nothing is cut off)."""
    groups: dict[tuple[int, str, int, int], list[Record]] = defaultdict(list)
    for record in records:
        if not record.get("orphan"):
            groups[record_key(record)].append(record)
    changes: Changes = []
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: (r["created"], r["id"]))
        note = ""
        for record in group:
            if record["note"] and record["note"] not in note:
                note = f"{note}\n\n{record['note']}" if note else record["note"]
        if len(note) > MAX_NOTE_CHARS:
            continue
        keep = copy_record(group[0])
        keep["tags"] = schema.sort(t for r in group for t in r["tags"])
        keep["note"] = note
        from annotations.store.assessment_merge import merged_assessment  # rare: not at every open

        with_assessment(keep, merged_assessment(group))
        keep["updated"] = max((r["updated"] for r in group), key=instant)
        changes.append((keep["id"], keep))
        changes.extend((r["id"], None) for r in group[1:])
    return changes


def with_changes(records: list[Record], changes: Changes) -> list[Record]:
    """``records`` with changes by id applied (``None`` deletes), in memory only."""
    by_id = {r["id"]: r for r in records}
    for record_id, changed in changes:
        if changed is None:
            by_id.pop(record_id, None)
        else:
            by_id[record_id] = changed
    return list(by_id.values())


def _nfc(text: str) -> str:
    """Text in Unicode's composed form: a sentence saved again in decomposed form (NFD)
    is still the same sentence."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def moved_position(article: Article, stored: dict[str, Any]) -> dict[str, Any]:
    """The reading position saved in ``stored`` (an older text's meta) on ``article``:
    its sentence found again as a record's is, else its old number within the text;
    with that sentence's quote, to follow it again (``{}``: no position saved)."""
    number = stored.get("position")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1 or not article.sentences:
        return {}
    at = stored.get("position_at")
    found: int | None = None
    if isinstance(at, dict) and all(isinstance(at.get(k), str) for k in ("exact", "prefix", "suffix")) and isinstance(at.get("start"), int):
        same = [sentence.number for sentence in article.sentences if sentence.text == at["exact"]]
        found = same[0] if len(same) == 1 else _located(article, at, str(stored.get("sha256", "")))
    number = found or min(number, len(article.sentences))
    return {"position": number, "position_at": selector_for(article, article.sentence(number))}


def _located(article: Article, at: dict[str, Any], version: str) -> int | None:
    """Where the sentence quoted by ``at`` (a selector of the text ``version``) is now,
    found as a record's sentence is (None: nowhere)."""
    from annotations.store.anchoring import Anchorer, Quote

    quote = Quote(at["exact"], at["prefix"], at["suffix"], at["start"], version)
    return Anchorer(article).locate([quote])[0].sentence


class Reanchoring:
    """Fits one open article's stored records to its current text, and saves the result
    when the article is writable (:meth:`anchor`)."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state

    def anchor(self) -> None:
        """Fit stored records to the current text; persist the result when writable.

        Records whose sentence changed are re-anchored by :func:`reanchored` (exact,
        moved, fuzzy or orphan). Two records of one annotator that meet on a sentence
        (after an import, or a move) are merged into one. An incomplete article (first
        part of a big one) cannot tell a moved sentence from one not split yet: it shows
        only records that fit as they are, and changes nothing stored.
        """
        state = self.state
        article = state.article
        if not article.complete:
            total = len(article.sentences)
            state.reindex(
                [
                    r
                    for r in state.file.records()
                    if not r.get("orphan") and 1 <= r["sentence"] <= total and _nfc(article.sentence(r["sentence"]).text) == _nfc(r["text"])
                ]
            )
            return
        moved = reanchored(article, state.file.records())
        moves = state.new_moves = self._moves(moved)
        current = [moved.get(r["id"], r) for r in state.file.records()]
        if moves is not None and state.content:
            # links into this article from its own records follow their sentences
            from annotations.store.link_moves import relinked

            repointed = relinked(current, state.content, moves)
            moved.update(repointed)
            current = [repointed.get(r["id"], r) for r in current]
        changes: Changes = [(record_id, record) for record_id, record in moved.items()]
        changes += merge_changes(current, state.schema)
        if self._save(changes, moves):
            return
        # Read-only (or nothing to change): show the re-anchored view without saving it.
        state.reindex(with_changes(current, changes))

    def _moves(self, moved: dict[str, Record]) -> dict[str, Any] | None:
        """Where the places of the stored records went, when the text's content changed
        (with the moves of earlier edits kept), else None."""
        state = self.state
        stored = state.file.meta if state.file.exists else None
        old = str(stored.get("content") or "") if stored is not None else ""
        if stored is None or not old or not state.content or old == state.content:
            return None
        from annotations.store.link_moves import places_moved, with_moves

        return with_moves(stored.get("moves"), old, state.content, places_moved(state.file.records(), moved))

    def _keep_history(self, changes: Changes, moves: dict[str, Any] | None, old: str) -> None:
        """Undo steps name sentences as they were: on a changed text each step is moved to
        where its sentences went (see :func:`~annotations.store.undo.moved_step`), and a
        step whose sentence is gone (or that names a record merged away) is dropped; with
        no map of where they went, the history ends."""
        state = self.state
        step = moves.get(old) if moves is not None else None
        if not isinstance(step, dict) or not isinstance(step.get("at"), dict):
            state.file.clear_history()
            return
        from annotations.store.undo import moved_step

        at: dict[str, str] = step["at"]
        state.file.rewrite_history(lambda kept: moved_step(kept, at))
        state.file.drop_steps({record_id for record_id, record in changes if record is None})

    def _save(self, changes: Changes, moves: dict[str, Any] | None = None) -> bool:
        """Write ``changes`` and a stale description of the article (with the ``moves``
        its records' places made, see :mod:`~annotations.store.link_moves`), when writable
        and needed; True when written (the view then shows the file)."""
        state = self.state
        article = state.article
        stored = state.file.meta if state.file.exists else None
        text_changed = stored is not None and stored.get("sha256") != article.sha256
        stale_meta = stored is not None and (
            (stored.get("sha256"), stored.get("title"), stored.get("path")) != (article.sha256, article.title, storable_path(article.path))
            or (state.content is not None and stored.get("content") != state.content)
        )
        moved_text = text_changed and stored is not None and stored.get("content") != state.content
        position = moved_position(article, stored) if moved_text and stored is not None else {}
        state.moved_position = position.get("position")
        if (changes or stale_meta) and not state.read_only:
            with state.file.transaction():
                state.write_meta(**position, **({"moves": moves} if moves is not None else {}))
                state.file.apply(changes)
                if changes or text_changed:
                    self._keep_history(changes, moves, str(stored.get("content") or "") if stored is not None else "")
            state.remember()
            state.reindex()
            return True
        if stored is not None and not state.read_only:
            state.remember()
        return False
