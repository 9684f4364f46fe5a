"""Tagging one article: the operations the reader and the CLI call on the store."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotations.errors import StoreError
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_file import ArticleFile, apply_records
from annotations.store.folder import Store
from annotations.store.records import (
    Record,
    anchor_record,
    is_empty,
    new_record,
    utc_now,
)
from annotations.store.views import RecordView

Mutation = Callable[[Record], None]


@dataclass(frozen=True)
class Change:
    """What one call changed: the sentences whose tags or notes differ now."""

    label: str
    sentences: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.sentences)


class ArticleAnnotations:
    """The annotations of one open article, for one annotator.

    Opening re-anchors records made on an older text of the article: each record whose
    sentence still occurs moves to the nearest occurrence; the others become orphans.
    """

    def __init__(self, store: Store, article: Article, *, annotator: str, schema: TagSchema) -> None:
        self.store = store
        self.article = article
        self.annotator = annotator
        self.schema = schema
        self.file: ArticleFile = store.article_file(article.path)
        self.view = RecordView(())
        """The records as shown now: anchored by sentence, orphans, tagged sentences."""
        self._anchor()

    @property
    def read_only(self) -> bool:
        """True when this process cannot write (another writer, or an unwritable folder)."""
        return self.file.read_only

    # -- reading ---------------------------------------------------------

    def tags(self, sentence: int) -> list[str]:
        """Tags on ``sentence`` from every annotator, in schema order."""
        return self.schema.sort(t for r in self.view.at(sentence) for t in r["tags"])

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
    def position(self) -> int:
        """The sentence the reader was on when last saved (1 if never)."""
        value = self.file.meta.get("position", 1)
        return value if isinstance(value, int) and 1 <= value <= len(self.article.sentences) else 1

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
        cleaned = note.strip("\n") if note is not None else None

        def mutate(record: Record) -> None:
            record["tags"] = [t for t in [*record["tags"], *add] if t not in remove]
            if cleaned is not None:
                record["note"] = cleaned

        parts = [f"tag {', '.join(add)}"] * bool(add) + [f"untag {', '.join(remove)}"] * bool(remove) + ["note"] * (note is not None)
        return self._change(" + ".join(parts) or "edit", sentences, mutate)

    def clear(self, sentences: Iterable[int]) -> Change:
        """Remove every tag (not the note) from each sentence."""
        return self._change("clear tags", sentences, lambda r: r.__setitem__("tags", []))

    def set_note(self, sentences: Iterable[int], note: str) -> Change:
        """Set (or with ``""`` clear) the note on each sentence."""
        note = note.strip("\n")
        return self._change("note" if note else "clear note", sentences, lambda r: r.__setitem__("note", note))

    def save_position(self, sentence: int) -> None:
        """Remember where the reader is (not an undoable change)."""
        self._require_writable()
        self._check([sentence])
        with self.file.transaction():
            self._write_meta(position=sentence, opened=utc_now())

    def undo(self) -> Change:
        """Undo the last change made to this article (kept across restarts)."""
        return self._step(redo=False)

    def redo(self) -> Change:
        """Redo the last undone change."""
        return self._step(redo=True)

    # -- internals ---------------------------------------------------------

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
            raise StoreError(self.store.root, f"read-only: {self.store.read_only_reason}")

    def _write_meta(self, **extra: Any) -> None:
        self.file.set_meta(
            path=self.article.path,
            sha256=self.article.sha256,
            title=self.article.title,
            meta=self.article.meta,
            **extra,
        )

    def _change(self, label: str, sentences: Iterable[int], mutate: Mutation) -> Change:
        self._require_writable()
        numbers = self._check(sentences)
        now = utc_now()
        before: dict[str, dict[str, Any] | None] = {}
        after: dict[str, Record | None] = {}
        changed: list[int] = []
        for number in numbers:
            old = self._own(number)
            new = copy.deepcopy(old) if old else new_record(self.article, self.article.sentence(number), self.annotator, now)
            mutate(new)
            new["tags"] = self.schema.sort(new["tags"])
            if old is not None and (old["tags"], old["note"]) == (new["tags"], new["note"]):
                continue
            if old is None and is_empty(new):
                continue
            new["updated"] = now
            changed.append(number)
            before[new["id"]] = _undo_state(old)
            after[new["id"]] = None if is_empty(new) else new
        if not after:
            return Change(label, ())
        with self.file.transaction():
            if not self.file.exists:
                self._write_meta(position=1, opened=now)
            apply_records(self.file, after.items())
            redo_states = {record_id: _undo_state(record) for record_id, record in after.items()}
            self.file.push_history(self.annotator, f"{label} on {_ranges(numbers)}", before, redo_states)
        self._reindex()
        return Change(label, tuple(changed))

    def _step(self, redo: bool) -> Change:
        self._require_writable()
        if not self.article.complete:
            raise StoreError(self.article.path, "still splitting this big article into sentences; undo and redo work in a moment")
        found = self.file.history_step(self.annotator, redo)
        if found is None:
            return Change("redo" if redo else "undo", ())
        doc_id, step = found
        now = utc_now()
        restored = [(record_id, self._restore(record_id, state, now)) for record_id, state in step["after" if redo else "before"].items()]
        touched = {state["sentence"] for side in (step["before"], step["after"]) for state in side.values() if state}
        with self.file.transaction():
            apply_records(self.file, restored)
            self.file.mark_history(doc_id, undone=not redo)
        self._reindex()
        return Change(("redo " if redo else "undo ") + step["label"], tuple(sorted(touched)))

    def _restore(self, record_id: str, state: dict[str, Any] | None, now: str) -> Record | None:
        """The record an undo state describes, rebuilt on the current text if it was deleted."""
        if state is None:
            return None
        existing = self.file.record(record_id)
        if existing is None:
            existing = new_record(self.article, self.article.sentence(state["sentence"]), self.annotator, state["created"])
            existing["id"] = record_id
        restored = existing.copy()
        restored["tags"] = list(state["tags"])
        restored["note"] = state["note"]
        restored["updated"] = now
        return restored

    def _reindex(self, records: list[Record] | None = None) -> None:
        self.view = RecordView(self.file.records() if records is None else records)

    def _anchor(self) -> None:
        """Fit stored records to the current text; persist the result when writable.

        An incomplete article (first part of a big one) cannot tell a moved sentence
        from one not split yet: it shows only records that fit as they are, and changes
        nothing stored.
        """
        article = self.article
        if not article.complete:
            total = len(article.sentences)
            self._reindex(
                [
                    r
                    for r in self.file.records()
                    if not r.get("orphan") and 1 <= r["sentence"] <= total and article.sentence(r["sentence"]).text == r["text"]
                ]
            )
            return
        by_text: dict[str, list[int]] | None = None  # built only if some record has to move
        moved: list[Record] = []
        for record in self.file.records():
            number = record["sentence"]
            if (
                not record.get("orphan")
                and record.get("article", {}).get("sha256") == article.sha256
                and 1 <= number <= len(article.sentences)
                and article.sentence(number).text == record["text"]
            ):
                continue
            if by_text is None:
                by_text = defaultdict(list)
                for sentence in article.sentences:
                    by_text[sentence.text].append(sentence.number)
            candidates = by_text.get(record["text"], [])
            if candidates:
                old_start = record.get("selector", {}).get("start", 0)
                best = min(candidates, key=lambda n: (abs(article.sentence(n).start - old_start), n))
                moved.append(anchor_record(record, article, article.sentence(best)))
            elif not record.get("orphan"):
                orphaned = record.copy()
                orphaned["orphan"] = True
                moved.append(orphaned)
        stale_meta = self.file.exists and (self.file.meta.get("sha256"), self.file.meta.get("title")) != (article.sha256, article.title)
        if (moved or stale_meta) and not self.read_only:
            with self.file.transaction():
                self._write_meta()
                apply_records(self.file, ((r["id"], r) for r in moved))
                # Undo steps name sentence numbers of the old text: they no longer apply.
                self.file.clear_history()
            self._reindex()
            return
        # Read-only (or nothing moved): show the re-anchored view without saving it.
        by_id = {r["id"]: r for r in moved}
        self._reindex([by_id.get(r["id"], r) for r in self.file.records()])


def _undo_state(record: Record | None) -> dict[str, Any] | None:
    """What undo needs to bring a record back: small, so saves stay small."""
    if record is None:
        return None
    return {"sentence": record["sentence"], "tags": list(record["tags"]), "note": record["note"], "created": record["created"]}


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
