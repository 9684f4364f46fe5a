"""Tagging one open article: what an annotator reads and changes on its sentences, each
change one undoable step (see :mod:`annotations.store.undo`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from annotations.model import Article
from annotations.store.article_state import ArticleState, Change
from annotations.store.records import (
    Record,
    assessment,
    copy_record,
    is_empty,
    new_record,
    selector_for,
    stamp_after,
    utc_now,
    with_assessment,
)
from annotations.store.spans import Words, check_words, span_of, words_of
from annotations.store.undo import undo_state

Mutation = Callable[[Record], None]
Target = tuple[int, Words | None]
"""What one record of a change is on: a sentence, and the words in it (None: all of it)."""


def _group(records: list[Record]) -> None:
    """Mark records changed by one action on several sentences as one group (a new id
    they share), so a claim spanning three sentences reads as one; a one-sentence action
    leaves a record's group as it was."""
    if len(records) > 1:
        group = str(uuid.uuid4())
        for record in records:
            record["group"] = group


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


#: The most characters of words an undo step quotes (longer ones are cut with "…").
WORDS_SHOWN = 40


def _where(article: Article, targets: list[Target], numbers: Sequence[int]) -> str:
    """What an undo step names: the sentences, or the words in one, quoted."""
    words = targets[0][1] if len(targets) == 1 else None
    if words is None:
        return _ranges(numbers)
    quoted = " ".join(article.sentence(words.sentence).text[words.start : words.end].split())
    if len(quoted) > WORDS_SHOWN:
        quoted = quoted[: WORDS_SHOWN - 1].rstrip() + "…"
    return f'"{quoted}" in {words.sentence}'


class ArticleEdits:
    """One annotator's tags and notes on one open article: read them, change them."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state
        self.check_change: Callable[[Sequence[tuple[Record | None, Record | None]]], None] = lambda _: None
        """Called with each change's records (before, after) before it is written: raises to
        refuse it (see :mod:`annotations.store.source_untag`)."""

    # -- reading ---------------------------------------------------------

    def tags(self, sentence: int) -> list[str]:
        """Tags on ``sentence`` from every annotator, in schema order."""
        return self.state.schema.sort(t for r in self.state.view.at(sentence) for t in r["tags"])

    def own_tags(self, sentence: int) -> list[str]:
        """This annotator's own tags on ``sentence``, in schema order (what its tag keys toggle)."""
        own = self.state.own(sentence)
        return self.state.schema.sort(own["tags"]) if own else []

    def note(self, sentence: int) -> str:
        """This annotator's note on ``sentence`` ("" if none)."""
        own = self.state.own(sentence)
        return own["note"] if own else ""

    def has_note(self, sentence: int) -> bool:
        """Whether any annotator left a note on ``sentence``."""
        return any(r["note"] for r in self.state.view.at(sentence))

    def span_tags(self, words: Words) -> list[str]:
        """Tags on exactly ``words`` from every annotator, in schema order."""
        found = (r for r in self.state.view.spans_at(words.sentence) if words_of(r) == words)
        return self.state.schema.sort(t for r in found for t in r["tags"])

    def own_span_tags(self, words: Words) -> list[str]:
        """This annotator's own tags on exactly ``words``, in schema order."""
        own = self.state.own_span(words)
        return self.state.schema.sort(own["tags"]) if own else []

    def span_note(self, words: Words) -> str:
        """This annotator's note on exactly ``words`` ("" if none)."""
        own = self.state.own_span(words)
        return own["note"] if own else ""

    @property
    def stored_position(self) -> int:
        """The sentence the reader was on when last saved (1 if never or invalid); on a
        changed text, where that sentence is now (see :mod:`annotations.store.reanchoring`)."""
        if self.state.moved_position is not None:
            return self.state.moved_position
        value = self.state.file.meta.get("position", 1)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1

    # -- changing ----------------------------------------------------------

    def toggle(self, sentences: Iterable[int], tag: str) -> Change:
        """Add ``tag`` to every sentence, or remove it if all of them have it already."""
        numbers = self.state.check(sentences)
        self.state.schema.require([tag])
        if all(tag in (self.state.own(n) or {"tags": ()})["tags"] for n in numbers):
            return self.edit(numbers, remove=[tag])
        return self.edit(numbers, add=[tag])

    def edit(
        self,
        sentences: Iterable[int],
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
        note: str | None = None,
        keep_untagged: bool = False,
        effects: Mapping[str, Any] | None = None,
    ) -> Change:
        """Add and remove tags and set the note on each sentence, as one undoable change;
        ``keep_untagged``: a record left with no tag and no note is kept, not dropped (the
        final layer's decision that the sentence has no tag, see
        :mod:`annotations.team.adjudication`); ``effects``: what the step keeps beside records."""
        self.state.schema.require([*add, *remove])
        cleaned = self.state.checked_note(note) if note is not None else None

        def mutate(record: Record) -> None:
            record["tags"] = [t for t in [*record["tags"], *add] if t not in remove]
            if cleaned is not None:
                record["note"] = cleaned

        parts = [f"tag {', '.join(add)}"] * bool(add) + [f"untag {', '.join(remove)}"] * bool(remove) + ["note"] * (note is not None)
        return self._change(" + ".join(parts) or "edit", sentences, lambda _: mutate, keep_untagged=keep_untagged, effects=effects)

    def add_each(
        self,
        tags: Mapping[int, Sequence[str]],
        label: str = "accept suggestions",
        notes: Mapping[int, str] | None = None,
        effects: Mapping[str, Any] | None = None,
        assessments: Mapping[int, dict[str, Any]] | None = None,
    ) -> Change:
        """Add each sentence's own tags (``tags``: by sentence number), as one undoable
        change (each record keeps its own group: they are not a range): how accepted
        suggestions and agreed readings are applied; ``effects``: what the step keeps
        beside records (see :class:`Change`); ``assessments``: by sentence, the verdict,
        grade and links its record takes too."""
        self.state.schema.require({t for added in tags.values() for t in added})

        kept = {number: self.state.checked_note(note) for number, note in (notes or {}).items()}
        assessed = dict(assessments or {})

        def adding(number: int) -> Mutation:
            def mutate(record: Record) -> None:
                record["tags"] = [*record["tags"], *tags[number]]
                if number in kept:
                    record["note"] = kept[number]
                if assessed.get(number):
                    with_assessment(record, assessed[number])

            return mutate

        return self._change(label, tags, adding, group=False, effects=effects)

    def effect_step(self, label: str, sentences: Iterable[int], effects: Mapping[str, Any]) -> Change:
        """An undoable step that changes no record, only holds ``effects`` (a rejection of
        suggestions: undoing it is for whoever made the effects to follow)."""
        state = self.state
        state.require_writable()
        numbers = state.check(sentences)
        extra = {"effects": dict(effects), "sentences": list(numbers)}
        created = not state.file.exists
        with state.file.transaction():
            if created:  # no visit: only the reader's leaving saves a position (save_position)
                state.write_meta()
            state.file.push_history(state.annotator, f"{label} on {_ranges(numbers)}", {}, {}, extra)
        if created:
            state.remember()
        return Change(label, tuple(numbers), 0, dict(effects))

    def clear(self, sentences: Iterable[int], *, effects: Mapping[str, Any] | None = None) -> Change:
        """Remove every tag (not the note) from each sentence; ``effects``: what the step keeps beside records."""
        return self._change("clear tags", sentences, lambda _: lambda r: r.__setitem__("tags", []), effects=effects)

    def set_note(self, sentences: Iterable[int], note: str) -> Change:
        """Set (or with ``""`` clear) the note on each sentence."""
        note = self.state.checked_note(note)
        return self._change("note" if note else "clear note", sentences, lambda _: lambda r: r.__setitem__("note", note))

    # -- spans: words inside one sentence ------------------------------------

    def toggle_span(self, words: Words, tag: str) -> Change:
        """Add ``tag`` to ``words``, or remove it if this annotator's span has it already."""
        self.state.schema.require([tag])
        check_words(self.state.article, words)
        if tag in self.own_span_tags(words):
            return self.edit_span(words, remove=[tag])
        return self.edit_span(words, add=[tag])

    def edit_span(
        self,
        words: Words,
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
        note: str | None = None,
        keep_untagged: bool = False,
    ) -> Change:
        """Add and remove tags and set the note on ``words`` (one span record for this
        annotator: made if missing, dropped if left empty unless ``keep_untagged``, see
        :meth:`edit`), as one undoable change."""
        self.state.schema.require([*add, *remove])
        check_words(self.state.article, words)
        cleaned = self.state.checked_note(note) if note is not None else None

        def mutate(record: Record) -> None:
            record["tags"] = [t for t in [*record["tags"], *add] if t not in remove]
            if cleaned is not None:
                record["note"] = cleaned

        parts = [f"tag {', '.join(add)}"] * bool(add) + [f"untag {', '.join(remove)}"] * bool(remove) + ["note"] * (note is not None)
        return self._change_targets(" + ".join(parts) or "edit", [(words.sentence, words)], lambda _: mutate, keep_untagged=keep_untagged)

    def set_span_note(self, words: Words, note: str) -> Change:
        """Set (or with ``""`` clear) this annotator's note on ``words``."""
        check_words(self.state.article, words)
        note = self.state.checked_note(note)
        return self._change_targets(
            "note" if note else "clear note", [(words.sentence, words)], lambda _: lambda r: r.__setitem__("note", note)
        )

    def save_position(self, sentence: int) -> None:
        """Remember where the reader is (not an undoable change)."""
        state = self.state
        state.require_writable()
        state.check([sentence])
        created = not state.file.exists
        with state.file.transaction():
            # its sentence's quote, to follow it when the text changes
            at = selector_for(state.article, state.article.sentence(sentence))
            state.write_meta(position=sentence, position_at=at, opened=utc_now())
        state.moved_position = None
        if created:  # whatever writes the file first makes it findable by content
            state.remember()

    def _change(
        self,
        label: str,
        sentences: Iterable[int],
        mutation_for: Callable[[int], Mutation],
        *,
        group: bool = True,
        keep_untagged: bool = False,
        effects: Mapping[str, Any] | None = None,
    ) -> Change:
        """Apply ``mutation_for(n)`` to this annotator's record on each sentence ``n`` (made
        if missing; dropped if left empty unless ``keep_untagged``), as one undoable step;
        ``group``: the records changed form one annotation (a range)."""
        numbers = self.state.check(sentences)
        targets: list[Target] = [(n, None) for n in numbers]
        return self._change_targets(
            label, targets, lambda target: mutation_for(target[0]), group=group, keep_untagged=keep_untagged, effects=effects
        )

    def _old_and_new(self, target: Target, now: str) -> tuple[Record | None, Record]:
        """This annotator's record on ``target`` (None if none) and a copy to change (a
        fresh record if none)."""
        state = self.state
        number, words = target
        old = state.own(number) if words is None else state.own_span(words)
        if old is not None:
            return old, copy_record(old)
        sentence = state.article.sentence(number)
        new = new_record(state.article, sentence, state.annotator, now)
        if words is not None:
            new["span"] = span_of(sentence.text, words.start, words.end)
        return None, new

    def change_records(
        self, label: str, targets: list[Target], mutation_for: Callable[[Target], Mutation], *, keep_untagged: bool = False
    ) -> Change:
        """Apply ``mutation_for(target)`` to this annotator's record on each target, as one
        undoable step whose ``label`` names what changed and where (the assessment's edits,
        see :mod:`annotations.store.verdicts`; ``keep_untagged``: see :meth:`edit`)."""
        return self._change_targets(label, targets, mutation_for, group=False, named=True, keep_untagged=keep_untagged)

    def _change_targets(
        self,
        label: str,
        targets: list[Target],
        mutation_for: Callable[[Target], Mutation],
        *,
        group: bool = True,
        keep_untagged: bool = False,
        effects: Mapping[str, Any] | None = None,
        named: bool = False,
    ) -> Change:
        """Apply ``mutation_for(target)`` to this annotator's record on each target (made if
        missing; dropped if left empty unless ``keep_untagged``), as one undoable step (see
        :meth:`_change`); ``named``: the label names the place already."""
        state = self.state
        state.require_writable()
        numbers = sorted({number for number, _ in targets})
        now = utc_now()
        before: dict[str, dict[str, Any] | None] = {}
        after: dict[str, Record | None] = {}
        redo_states: dict[str, dict[str, Any] | None] = {}
        pairs: list[tuple[Record | None, Record | None]] = []
        changed: list[int] = []
        for target in targets:
            number = target[0]
            old, new = self._old_and_new(target, now)
            mutation_for(target)(new)
            new["tags"] = state.schema.sort(new["tags"])
            dropped = is_empty(new) and not keep_untagged
            # a dropped record takes its assessment with it: the undo state must keep it
            assessed = assessment(old or {}) != (assessment(new) if not dropped else {})
            if old is not None and (old["tags"], old["note"]) == (new["tags"], new["note"]) and not assessed:
                continue
            if old is None and dropped:
                continue
            new["updated"] = stamp_after(old["updated"] if old else None, now)
            changed.append(number)
            kept = None if dropped else new
            note_changed = (old["note"] if old else "") != new["note"]
            before[new["id"]] = undo_state(old, note=note_changed, assessed=assessed)
            redo_states[new["id"]] = undo_state(kept, note=note_changed, assessed=assessed)
            after[new["id"]] = kept
            pairs.append((old, kept))
        if not after:
            return Change(label, ())
        self.check_change(pairs)
        if group:  # a range is one annotation; sentences tagged each for itself are not
            _group([record for record in after.values() if record is not None])
        for record_id, kept_record in after.items():
            redo_state = redo_states[record_id]
            if kept_record is not None and redo_state is not None:
                redo_state["group"] = kept_record["group"]  # grouped just now
        created = not state.file.exists
        with state.file.transaction():
            if created:  # no visit: only the reader's leaving saves a position (save_position)
                state.write_meta()
            state.file.apply(after.items())
            extra = {"effects": dict(effects)} if effects else None
            step = label if named else f"{label} on {_where(state.article, targets, numbers)}"
            state.file.push_history(state.annotator, step, before, redo_states, extra)
        if created:
            state.remember()
        state.view.apply(pairs)
        return Change(label, tuple(changed), 0, dict(effects) if effects else None)
