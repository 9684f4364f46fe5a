"""Tagging one article: the operations the reader and the CLI call on the store."""

from __future__ import annotations

import datetime as _dt
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from annotations.errors import NewsmarkError, StoreError
from annotations.formats.hygiene import clean_field, clean_line
from annotations.formats.loader import load_article
from annotations.model import Article, storable_path
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.identity import article_file_for, content_hash, remember
from annotations.store.records import (
    MAX_NOTE_CHARS,
    Record,
    anchor_record,
    article_ref,
    is_empty,
    new_record,
    parse_timestamp,
    stamp_after,
    utc_now,
)
from annotations.store.views import RecordView

if TYPE_CHECKING:
    # Imported where records are placed again (a changed text, triage), never on the
    # reader's start path: its dataclasses cost ~1.5 ms to build.
    from annotations.store.anchoring import Anchorer, Candidate, Quote

Mutation = Callable[[Record], None]


#: A triage candidate this alike makes the sentence at an orphan's old place needless.
PLACE_NOT_NEEDED = 0.75


class Change(NamedTuple):
    """What one call changed: the sentences whose tags or notes differ now."""

    label: str
    sentences: tuple[int, ...]
    records: int = 0
    """Records changed that are on no sentence (orphans), when that is all it changed."""

    def __bool__(self) -> bool:
        return bool(self.sentences) or self.records > 0


class ArticleAnnotations:
    """The annotations of one open article, for one annotator.

    The article's store file is found by its content, then its path (see
    :mod:`annotations.store.identity`). Opening re-anchors records made on an older text
    of the article: exact, moved, fuzzy or orphan (see :mod:`annotations.store.anchoring`).
    """

    def __init__(self, store: Store, article: Article, *, annotator: str, schema: TagSchema, file: ArticleFile | None = None) -> None:
        self.store = store
        self.article = article
        self.annotator = clean_line(annotator)
        self.schema = schema
        self.content: str | None = content_hash(article)
        """The hash of the article's normalized text (the whole text's for the first part of a big one)."""
        self.file: ArticleFile = file if file is not None else article_file_for(store, article, write=True)
        """The article's store file (found by content, then by path: see
        :mod:`annotations.store.identity`; ``file`` when a caller that found the file
        another way, such as the whole-store export, knows it)."""
        self._opened = file is None
        """Whether this object opened its file for writing (and so must release it)."""
        self.view = RecordView(())
        """The records as shown now: anchored by sentence, orphans, tagged sentences."""
        self._anchorer: Anchorer | None = None
        self._anchor()

    def release(self) -> None:
        """Done with the article: let go of the store file (and its lock) this opened,
        unless another open in this process still uses it. Harmless twice."""
        if self._opened:
            self._opened = False
            self.store.release_article(self.file)

    def reopened(self, article: Article) -> ArticleAnnotations:
        """The annotations of ``article`` (this one, completed or read again) as the store
        holds them now, resolved and locked anew; this object's own hold is released
        after the new one is taken (so a lock both use is never let go of between)."""
        fresh = ArticleAnnotations(self.store, article, annotator=self.annotator, schema=self.schema)
        self.release()
        return fresh

    @property
    def read_only(self) -> bool:
        """True when this process cannot write (another writer, or an unwritable folder)."""
        return self.file.read_only

    @property
    def read_only_reason(self) -> str:
        """Why this process cannot write the article (another writer of it or of the
        whole store, an unwritable folder), for the user."""
        return self.store.why_read_only(self.file)

    # -- reading ---------------------------------------------------------

    def tags(self, sentence: int) -> list[str]:
        """Tags on ``sentence`` from every annotator, in schema order."""
        return self.schema.sort(t for r in self.view.at(sentence) for t in r["tags"])

    def own_tags(self, sentence: int) -> list[str]:
        """This annotator's own tags on ``sentence``, in schema order (what its tag keys toggle)."""
        own = self._own(sentence)
        return self.schema.sort(own["tags"]) if own else []

    def note(self, sentence: int) -> str:
        """This annotator's note on ``sentence`` ("" if none)."""
        own = self._own(sentence)
        return own["note"] if own else ""

    def has_note(self, sentence: int) -> bool:
        """Whether any annotator left a note on ``sentence``."""
        return any(r["note"] for r in self.view.at(sentence))

    def records(self) -> list[Record]:
        """Anchored records, sorted by sentence, annotator, id."""
        return self.view.anchored()

    def orphans(self) -> list[Record]:
        """Records whose sentence no longer occurs in the article's text."""
        return self.view.orphans()

    def tagged_sentences(self) -> list[int]:
        """Numbers of sentences with at least one tag."""
        return self.view.tagged_sentences()

    @property
    def tagged_count(self) -> int:
        """How many sentences have a tag."""
        return self.view.tagged_count

    @property
    def stored_position(self) -> int:
        """The sentence the reader was on when last saved, as saved (1 if never or invalid)."""
        value = self.file.meta.get("position", 1)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1

    @property
    def position(self) -> int:
        """Where the reader goes back to: the saved sentence, or the last one here when the
        saved one is past the end (of the text, or of the part of a big article loaded yet)."""
        return min(self.stored_position, len(self.article.sentences))

    # -- changing ----------------------------------------------------------

    def toggle(self, sentences: Iterable[int], tag: str) -> Change:
        """Add ``tag`` to every sentence, or remove it if all of them have it already."""
        numbers = self._check(sentences)
        self.schema.require([tag])
        if all(tag in (self._own(n) or {"tags": ()})["tags"] for n in numbers):
            return self.remove_tags(numbers, [tag])
        return self.add_tags(numbers, [tag])

    def add_tags(self, sentences: Iterable[int], tags: Sequence[str]) -> Change:
        """Add ``tags`` to each sentence."""
        return self.edit(sentences, add=tags)

    def remove_tags(self, sentences: Iterable[int], tags: Sequence[str]) -> Change:
        """Remove ``tags`` from each sentence."""
        return self.edit(sentences, remove=tags)

    def edit(self, sentences: Iterable[int], *, add: Sequence[str] = (), remove: Sequence[str] = (), note: str | None = None) -> Change:
        """Add and remove tags and set the note on each sentence, as one undoable change."""
        self.schema.require([*add, *remove])
        cleaned = self._checked_note(note) if note is not None else None

        def mutate(record: Record) -> None:
            record["tags"] = [t for t in [*record["tags"], *add] if t not in remove]
            if cleaned is not None:
                record["note"] = cleaned

        parts = [f"tag {', '.join(add)}"] * bool(add) + [f"untag {', '.join(remove)}"] * bool(remove) + ["note"] * (note is not None)
        return self._change(" + ".join(parts) or "edit", sentences, lambda _: mutate)

    def add_each(
        self, tags: Mapping[int, Sequence[str]], label: str = "accept suggestions", notes: Mapping[int, str] | None = None
    ) -> Change:
        """Add each sentence's own tags (``tags``: by sentence number), as one undoable
        change (each record keeps its own group: they are not a range): how accepted
        suggestions and agreed readings are applied."""
        self.schema.require({t for added in tags.values() for t in added})

        kept = {number: self._checked_note(note) for number, note in (notes or {}).items()}

        def adding(number: int) -> Mutation:
            def mutate(record: Record) -> None:
                record["tags"] = [*record["tags"], *tags[number]]
                if number in kept:
                    record["note"] = kept[number]

            return mutate

        return self._change(label, tags, adding, group=False)

    def clear(self, sentences: Iterable[int]) -> Change:
        """Remove every tag (not the note) from each sentence."""
        return self._change("clear tags", sentences, lambda _: lambda r: r.__setitem__("tags", []))

    def set_note(self, sentences: Iterable[int], note: str) -> Change:
        """Set (or with ``""`` clear) the note on each sentence."""
        note = self._checked_note(note)
        return self._change("note" if note else "clear note", sentences, lambda _: lambda r: r.__setitem__("note", note))

    # -- triage: orphans and fuzzy anchors ------------------------------------

    def needs_review(self) -> list[Record]:
        """Orphans, then fuzzily anchored records: what the triage view lists."""
        fuzzy = [r for r in self.view.anchored() if str(r.get("anchor", "")).startswith("fuzzy")]
        return self.view.orphans() + fuzzy

    def candidates(self, record: Record, limit: int = 3) -> list[Candidate]:
        """The sentences of the article most like the one ``record`` was made on, best
        first; and the sentence now at its old place, when no candidate is close (a
        sentence rewritten in place is often what it became, however unlike)."""
        from annotations.store.anchoring import Anchorer, Candidate, similarity

        if self._anchorer is None:
            self._anchorer = Anchorer(self.article)
        quote = record.get("quote") or record["text"]
        found = self._anchorer.candidates(quote, limit)
        place = record["sentence"]
        close = found and found[0].score >= PLACE_NOT_NEEDED
        if close or not 1 <= place <= len(self.article.sentences) or any(c.sentence == place for c in found):
            return found
        at_place = Candidate(place, round(similarity(quote, self.article.sentence(place).text), 2))
        return sorted([*found[: limit - 1], at_place], key=lambda c: -c.score)

    def attach(self, record_id: str, sentence: int) -> Change:
        """Put a record (an orphan, or a fuzzy one) on ``sentence``, confirmed by a person:
        anchored ``exact`` there from now on (merged with the annotator's record already
        on it, if any)."""
        self._require_writable()
        (number,) = self._check([sentence])
        record = self.file.record(record_id)
        if record is None:
            raise StoreError(self.article.path, f"no annotation {record_id}")
        placed = anchor_record(record, self.article, self.article.sentence(number))
        placed["updated"] = stamp_after(record["updated"], utc_now())
        current = [placed if r["id"] == record_id else r for r in self.file.records()]
        merged = merge_changes(current, self.schema)
        changes: list[tuple[str, Record | None]] = [(record_id, placed), *merged]
        # one undoable step that puts every record it touches back whole (an orphan as
        # an orphan, a merged record as it was); it also undoes a confirmed fuzzy anchor
        before = {changed_id: _whole_state(self.file.record(changed_id)) for changed_id, _ in changes}
        after = {changed_id: _whole_state(changed) for changed_id, changed in changes}
        with self.file.transaction():
            self.file.apply(changes)
            self.file.drop_steps(set(before), but=self.annotator)
            self.file.push_history(self.annotator, f"attach to sentence {number}", before, after)
        self._reindex()
        return Change("attach", (number,))

    def confirm(self, record_id: str) -> Change:
        """Accept a fuzzy anchor as it is (it becomes ``exact``)."""
        record = self.file.record(record_id)
        if record is None or record.get("orphan"):
            raise StoreError(self.article.path, f"no anchored annotation {record_id}")
        return self.attach(record_id, record["sentence"])

    def delete(self, record_ids: Sequence[str]) -> Change:
        """Delete records (orphans from triage), as one undoable change."""
        self._require_writable()
        found = [r for r in (self.file.record(i) for i in record_ids) if r is not None]
        if not found:
            return Change("delete", ())
        before = {r["id"]: {**(_undo_state(r, note=True) or {}), "record": dict(r)} for r in found}
        with self.file.transaction():
            self.file.apply((r["id"], None) for r in found)
            self.file.push_history(self.annotator, f"delete {len(found)} annotation(s)", before, dict.fromkeys(before))
        self._reindex()
        return Change("delete", tuple(sorted({r["sentence"] for r in found if not r.get("orphan")})), len(found))

    def save_position(self, sentence: int) -> None:
        """Remember where the reader is (not an undoable change)."""
        self._require_writable()
        self._check([sentence])
        created = not self.file.exists
        with self.file.transaction():
            self._write_meta(position=sentence, opened=utc_now())
        if created:  # whatever writes the file first makes it findable by content
            self._remember()

    def undo(self) -> Change:
        """Undo the last change made to this article (kept across restarts)."""
        return self._step(redo=False)

    def redo(self) -> Change:
        """Redo the last undone change."""
        return self._step(redo=True)

    # -- internals ---------------------------------------------------------

    def _checked_note(self, note: str) -> str:
        """The note as it is kept (no leading or trailing blank lines); too long a note is
        refused with a one-line error before anything changes."""
        note = clean_field(note).strip("\n")
        if len(note) > MAX_NOTE_CHARS:
            raise StoreError(
                self.article.path, f"note too long ({len(note):,} characters; the limit is {MAX_NOTE_CHARS:,}); nothing was saved"
            )
        return note

    def _own(self, sentence: int) -> Record | None:
        mine = [r for r in self.view.at(sentence) if r["annotator"] == self.annotator]
        return max(mine, key=lambda r: (r["updated"], r["id"])) if mine else None

    def _check(self, sentences: Iterable[int]) -> list[int]:
        numbers = sorted(set(sentences))
        total = len(self.article.sentences)
        for number in numbers:
            if not 1 <= number <= total:
                raise StoreError(self.article.path, f"sentence {number} is out of range 1-{total}")
        return numbers

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(self.store.root, f"read-only: {self.read_only_reason}")

    def _write_meta(self, **extra: Any) -> None:
        if self.content is not None:
            extra["content"] = self.content
        self.file.set_meta(
            path=storable_path(self.article.path),
            sha256=self.article.sha256,
            title=self.article.title,
            meta=self.article.meta,
            **extra,
        )

    def _remember(self) -> None:
        """Let a later open of this text, or of this path, find this store file."""
        remember(self.store, self.file, path=storable_path(self.article.path), content=self.content, sha256=self.article.sha256)

    def _change(self, label: str, sentences: Iterable[int], mutation_for: Callable[[int], Mutation], *, group: bool = True) -> Change:
        """Apply ``mutation_for(n)`` to this annotator's record on each sentence ``n`` (made
        if missing; dropped if left empty), as one undoable step; ``group``: the records
        changed form one annotation (a range)."""
        self._require_writable()
        numbers = self._check(sentences)
        now = utc_now()
        before: dict[str, dict[str, Any] | None] = {}
        after: dict[str, Record | None] = {}
        redo_states: dict[str, dict[str, Any] | None] = {}
        pairs: list[tuple[Record | None, Record | None]] = []
        changed: list[int] = []
        for number in numbers:
            old = self._own(number)
            new = _copy(old) if old else new_record(self.article, self.article.sentence(number), self.annotator, now)
            mutation_for(number)(new)
            new["tags"] = self.schema.sort(new["tags"])
            if old is not None and (old["tags"], old["note"]) == (new["tags"], new["note"]):
                continue
            if old is None and is_empty(new):
                continue
            new["updated"] = stamp_after(old["updated"] if old else None, now)
            changed.append(number)
            kept = None if is_empty(new) else new
            note_changed = (old["note"] if old else "") != new["note"]
            before[new["id"]] = _undo_state(old, note=note_changed)
            redo_states[new["id"]] = _undo_state(kept, note=note_changed)
            after[new["id"]] = kept
            pairs.append((old, kept))
        if not after:
            return Change(label, ())
        if group:  # a range is one annotation; sentences tagged each for itself are not
            _group([record for record in after.values() if record is not None])
        for record_id, kept_record in after.items():
            redo_state = redo_states[record_id]
            if kept_record is not None and redo_state is not None:
                redo_state["group"] = kept_record["group"]  # grouped just now
        created = not self.file.exists
        with self.file.transaction():
            if created:
                self._write_meta(position=1, opened=now)
            self.file.apply(after.items())
            self.file.push_history(self.annotator, f"{label} on {_ranges(numbers)}", before, redo_states)
        if created:
            self._remember()
        self.view.apply(pairs)
        return Change(label, tuple(changed))

    def _step(self, redo: bool) -> Change:
        self._require_writable()
        if not self.article.complete:
            raise StoreError(self.article.path, "still splitting this big article into sentences; undo and redo work in a moment")
        found = self.file.history_step(self.annotator, redo)
        if found is None:
            return Change("redo" if redo else "undo", ())
        doc_id, step = found
        self._check_whole_states(step, redo)
        now = utc_now()
        restored = [(record_id, self._restore(record_id, state, now)) for record_id, state in step["after" if redo else "before"].items()]
        touched = {
            state["sentence"]
            for side in (step["before"], step["after"])
            for state in side.values()
            if state and not state.get("record", {}).get("orphan")
        }
        pairs = [(self.file.record(record_id), record) for record_id, record in restored]
        with self.file.transaction():
            self.file.apply(restored)
            self.file.mark_history(doc_id, undone=not redo)
        self.view.apply(pairs)
        return Change(("redo " if redo else "undo ") + step["label"], tuple(sorted(touched)), len(restored))

    def _check_whole_states(self, step: dict[str, Any], redo: bool) -> None:
        """Refuse to undo (or redo) a triage step over a record someone changed since: its
        whole state would put back what it held then, and lose their later change."""
        done = step["before" if redo else "after"]
        for record_id, state in done.items():
            if not (state and state.get("whole")):
                continue
            current = self.file.record(record_id)
            if current is not None and _content(current) != _content(state["record"]):
                raise StoreError(
                    self.article.path,
                    f"cannot {'redo' if redo else 'undo'} {step['label']}: {current['annotator']} changed that annotation since",
                )

    def _restore(self, record_id: str, state: dict[str, Any] | None, now: str) -> Record | None:
        """The record an undo state describes, rebuilt on the current text if it was deleted."""
        if state is None:
            return None
        existing = self.file.record(record_id)
        if "record" in state and (existing is None or state.get("whole")):  # a deleted record comes back whole (an orphan too)
            whole: Record = state["record"]
            return {
                **whole,
                "updated": stamp_after(max(whole["updated"], existing["updated"], key=_instant) if existing else whole["updated"], now),
            }
        if existing is None:
            existing = new_record(self.article, self.article.sentence(state["sentence"]), self.annotator, state["created"])
            existing["id"] = record_id
            existing["updated"] = state["created"]
        restored = _copy(existing)
        restored["tags"] = list(state["tags"])
        if "group" in state:
            restored["group"] = state["group"]
        if "note" in state:  # steps keep a note only when the change made was to it
            restored["note"] = state["note"]
        restored["updated"] = stamp_after(existing["updated"], now)
        return restored

    def _reindex(self, records: list[Record] | None = None) -> None:
        self.view = RecordView(self.file.records() if records is None else records)

    def _anchor(self) -> None:
        """Fit stored records to the current text; persist the result when writable.

        Records whose sentence changed are re-anchored by :func:`reanchored` (exact,
        moved, fuzzy or orphan: see :mod:`annotations.store.anchoring`). Two records of one annotator that meet on a sentence (after an import,
        or a move) are merged into one. An incomplete article (first part of a big one)
        cannot tell a moved sentence from one not split yet: it shows only records that
        fit as they are, and changes nothing stored.
        """
        article = self.article
        if not article.complete:
            total = len(article.sentences)
            self._reindex(
                [
                    r
                    for r in self.file.records()
                    if not r.get("orphan") and 1 <= r["sentence"] <= total and _nfc(article.sentence(r["sentence"]).text) == _nfc(r["text"])
                ]
            )
            return
        moved = reanchored(article, self.file.records())
        current = [moved.get(r["id"], r) for r in self.file.records()]
        changes: list[tuple[str, Record | None]] = [(record_id, record) for record_id, record in moved.items()]
        changes += merge_changes(current, self.schema)
        stored = self.file.meta if self.file.exists else None
        text_changed = stored is not None and stored.get("sha256") != article.sha256
        stale_meta = stored is not None and (
            (stored.get("sha256"), stored.get("title"), stored.get("path")) != (article.sha256, article.title, storable_path(article.path))
            or (self.content is not None and stored.get("content") != self.content)
        )
        if (changes or stale_meta) and not self.read_only:
            with self.file.transaction():
                self._write_meta()
                self.file.apply(changes)
                if changes or text_changed:
                    # undo steps name records and sentences as they were: they no longer apply
                    self.file.clear_history()
            self._remember()
            self._reindex()
            return
        if stored is not None and not self.read_only:
            self._remember()
        # Read-only (or nothing to change): show the re-anchored view without saving it.
        self._reindex(_with_changes(current, changes))


def _quote(record: Record) -> Quote:
    from annotations.store.anchoring import Quote

    selector = record["selector"]
    return Quote(record["text"], selector["prefix"], selector["suffix"], selector["start"], record.get("article", {}).get("sha256", ""))


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


def merge_changes(records: list[Record], schema: TagSchema) -> list[tuple[str, Record | None]]:
    """Changes that merge every annotator's records sharing a sentence into the oldest one:
    tags united, notes joined (a note already held by the kept one is not added again),
    stamped as the latest of them; the others deleted. A group whose joined notes would
    pass the note limit is left as it is (nothing is cut off)."""
    groups: dict[tuple[int, str], list[Record]] = defaultdict(list)
    for record in records:
        if not record.get("orphan"):
            groups[(record["sentence"], record["annotator"])].append(record)
    changes: list[tuple[str, Record | None]] = []
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
        keep = _copy(group[0])
        keep["tags"] = schema.sort(t for r in group for t in r["tags"])
        keep["note"] = note
        keep["updated"] = max((r["updated"] for r in group), key=_instant)
        changes.append((keep["id"], keep))
        changes.extend((r["id"], None) for r in group[1:])
    return changes


def _with_changes(records: list[Record], changes: list[tuple[str, Record | None]]) -> list[Record]:
    """``records`` with changes by id applied (``None`` deletes), in memory only."""
    by_id = {r["id"]: r for r in records}
    for record_id, changed in changes:
        if changed is None:
            by_id.pop(record_id, None)
        else:
            by_id[record_id] = changed
    return list(by_id.values())


def _instant(stamp: str) -> tuple[int, _dt.datetime | str]:
    """A stamp as a moment, for ordering stamps written with different offsets."""
    try:
        return (1, parse_timestamp(stamp).astimezone(_dt.timezone.utc))
    except (ValueError, OverflowError):
        return (0, stamp)


def view_as_opened(store: Store, article_file: ArticleFile, cache: SentenceCache | None = None) -> RecordView:
    """A stored article's records as opening the article would show them, for the commands
    that read the whole store (``export``, ``stats``) without opening each article.

    Records stored for another text than the one the file was last read as (imported
    from a colleague's other version) are anchored by reading the article, exactly as
    opening it would; if it cannot be read as it was, they are shown as orphans rather
    than under sentence numbers of another text.
    """
    meta = article_file.meta
    records = article_file.records()
    sha256 = meta.get("sha256")
    if all(r.get("orphan") or r.get("article", {}).get("sha256") == sha256 for r in records):
        return RecordView(_with_changes(records, merge_changes(records, TagSchema())))
    try:
        article = load_article(str(meta.get("path", "")), cache=cache)
    except NewsmarkError:
        article = None
    if article is not None and article.sha256 == sha256:
        return ArticleAnnotations(store, article, annotator="", schema=TagSchema(), file=article_file).view
    unanchored: list[Record] = []
    for record in records:
        if not record.get("orphan") and record.get("article", {}).get("sha256") != sha256:
            record = record.copy()
            record["orphan"] = True
        unanchored.append(record)
    return RecordView(unanchored)


def _undo_state(record: Record | None, *, note: bool) -> dict[str, Any] | None:
    """What undo needs to bring a record back: its tags, and its note only when the
    change was to the note (a tag toggle on a noted sentence must not copy the note
    into every step: 100 toggles on a long note made a store of hundreds of MB)."""
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
    return state


def _content(record: Record) -> tuple[object, ...]:
    """What a person changes in a record (an undo or redo restamps it: not ``updated``)."""
    return (list(record["tags"]), record["note"], record["sentence"], bool(record.get("orphan")), record["annotator"])


def _whole_state(record: Record | None) -> dict[str, Any] | None:
    """An undo state that puts ``record`` back exactly as it is (its sentence, anchor and
    orphan mark too), whether or not it exists when the step is undone: triage's steps."""
    if record is None:
        return None
    return {**(_undo_state(record, note=True) or {}), "record": dict(record), "whole": True}


def _group(records: list[Record]) -> None:
    """Mark records changed by one action on several sentences as one group (a new id
    they share), so a claim spanning three sentences reads as one; a one-sentence action
    leaves a record's group as it was."""
    if len(records) > 1:
        group = str(uuid.uuid4())
        for record in records:
            record["group"] = group


def _copy(record: Record) -> Record:
    """A record to change: its lists and mappings copied, its text shared."""
    copied = record.copy()
    copied["tags"] = list(record["tags"])
    copied["selector"] = record["selector"].copy()
    return copied


def _nfc(text: str) -> str:
    """Text in Unicode's composed form: a sentence saved again in decomposed form (NFD)
    is still the same sentence."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1-3, 7"``."""
    parts: list[str] = []
    start = previous = None
    for number in numbers:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return ", ".join(parts)
