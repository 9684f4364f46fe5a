"""One open article for one annotator: the parts the reader and the commands call
(editing, undo, triage), composed, and :func:`open_article`, which opens one.

:func:`open_article` finds the article's store file (by content, then path: see
:mod:`annotations.store.identity`), takes its lock and re-anchors records made on an
older text (see :mod:`annotations.store.reanchoring`); the object it returns is a
context manager that lets go of the lock on exit (or call
:meth:`ArticleAnnotations.release`). Building an :class:`ArticleAnnotations` itself
reads and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_file import ArticleFile
from annotations.store.article_state import ArticleState, Change
from annotations.store.editing import ArticleEdits
from annotations.store.folder import Store
from annotations.store.identity import article_file_for
from annotations.store.reanchoring import Reanchoring
from annotations.store.records import Record
from annotations.store.views import RecordView

if TYPE_CHECKING:
    from annotations.store.anchoring import Candidate
    from annotations.store.links import Links, LinkView, StoredRecords
    from annotations.store.records import LinkEnd
    from annotations.store.spans import Words
    from annotations.store.triage import Triage
    from annotations.store.undo import UndoHistory
    from annotations.store.verdicts import Assessment, Cited, Target, Verdicts

__all__ = ["ArticleAnnotations", "Change", "open_article", "open_in_file"]


def open_article(store: Store, article: Article, *, annotator: str, schema: TagSchema) -> ArticleAnnotations:
    """Open ``article`` in ``store`` for ``annotator``: its store file found and locked for
    writing (see :meth:`Store.file_for_key`), its records re-anchored to its text.

    Use it in a ``with`` block (the lock is let go of on exit), or call
    :meth:`ArticleAnnotations.release` when done (the reader, a final layer)."""
    file = article_file_for(store, article, write=True)
    try:
        opened = ArticleAnnotations(ArticleState(store, article, file, annotator=annotator, schema=schema), held=True)
        Reanchoring(opened.state).anchor()
    except BaseException:
        store.release_article(file)
        raise
    return opened


def open_in_file(store: Store, article: Article, file: ArticleFile, *, annotator: str, schema: TagSchema) -> ArticleAnnotations:
    """``article`` in a store ``file`` a caller found another way and holds itself (the
    reader's file for a final layer, a stored file read by the whole-store commands),
    re-anchored; releasing it lets go of nothing."""
    opened = ArticleAnnotations(ArticleState(store, article, file, annotator=annotator, schema=schema), held=False)
    Reanchoring(opened.state).anchor()
    return opened


class ArticleAnnotations:
    """The annotations of one open article, for one annotator: the edit API
    (:class:`ArticleEdits`), the undo history (:class:`UndoHistory`) and triage
    (:class:`Triage`) over one shared :class:`ArticleState`.

    The parts but the edits are made (and their modules imported) when first used: the
    reader's first frame reads tags and notes only, and a start pays for every module."""

    def __init__(self, state: ArticleState, *, held: bool = False) -> None:
        self.state = state
        self.edits = ArticleEdits(state)
        self.edits.check_change = self._check_change
        self._held = held
        """Whether this holds its file's lock (and so must release it)."""

    @cached_property
    def history(self) -> UndoHistory:
        """Undo and redo, kept across restarts."""
        from annotations.store.undo import UndoHistory

        return UndoHistory(self.state)

    @cached_property
    def triage(self) -> Triage:
        """Orphans and fuzzy anchors."""
        from annotations.store.triage import Triage

        return Triage(self.state)

    @cached_property
    def verdicts(self) -> Verdicts:
        """Statuses, evidence and grades on claims."""
        from annotations.store.verdicts import Verdicts

        return Verdicts(self.state, self.edits)

    @cached_property
    def linking(self) -> Links:
        """Links between claims, in this article and others."""
        from annotations.store.links import Links

        return Links(self.state, self.verdicts)

    def _check_change(self, records: Sequence[tuple[Record | None, Record | None]]) -> None:
        """Refuse a change that would leave an attribution without its source (see
        :func:`~annotations.store.source_untag.refuse_orphaned_attributions`)."""
        from annotations.store.source_untag import refuse_orphaned_attributions

        refuse_orphaned_attributions(self.state, records)

    def __enter__(self) -> ArticleAnnotations:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def release(self) -> None:
        """Done with the article: let go of the store file (and its lock) this opened,
        unless another open in this process still uses it. Harmless twice."""
        if self._held:
            self._held = False
            self.state.store.release_article(self.state.file)

    def reopened(self, article: Article) -> ArticleAnnotations:
        """The annotations of ``article`` (this one, completed or read again) as the store
        holds them now, resolved and locked anew; this object's own hold is released
        after the new one is taken (so a lock both use is never let go of between)."""
        fresh = open_article(self.store, article, annotator=self.annotator, schema=self.schema)
        self.release()
        return fresh

    # -- what the parts share ------------------------------------------------

    @property
    def store(self) -> Store:
        """The store the article is open in."""
        return self.state.store

    @property
    def article(self) -> Article:
        """The article as read."""
        return self.state.article

    @property
    def file(self) -> ArticleFile:
        """The article's store file."""
        return self.state.file

    @property
    def annotator(self) -> str:
        """Who edits."""
        return self.state.annotator

    @property
    def schema(self) -> TagSchema:
        """The tags in use."""
        return self.state.schema

    @property
    def content(self) -> str | None:
        """The hash of the article's normalized text."""
        return self.state.content

    def moves(self) -> object:
        """Where the places of this article's records went at its last edits (see
        :mod:`~annotations.store.link_moves`)."""
        return self.state.moves()

    def end_now(self, end: LinkEnd) -> LinkEnd | None:
        """A link's ``end`` in this article as it is now, followed through its edits
        (None: its place is gone, or it names a text of which nothing is known)."""
        from annotations.store.link_moves import current_end

        return current_end(end, self.content or "", self.moves())

    @property
    def view(self) -> RecordView:
        """The records as shown now: anchored by sentence, orphans, tagged sentences."""
        return self.state.view

    @view.setter
    def view(self, view: RecordView) -> None:
        self.state.view = view

    @property
    def read_only(self) -> bool:
        """True when this process cannot write (another writer, or an unwritable folder)."""
        return self.state.read_only

    @property
    def read_only_reason(self) -> str:
        """Why this process cannot write the article, for the user."""
        return self.state.read_only_reason()

    # -- reading ---------------------------------------------------------

    def tags(self, sentence: int) -> list[str]:
        """Tags on ``sentence`` from every annotator, in schema order."""
        return self.edits.tags(sentence)

    def own_tags(self, sentence: int) -> list[str]:
        """This annotator's own tags on ``sentence``, in schema order."""
        return self.edits.own_tags(sentence)

    def note(self, sentence: int) -> str:
        """This annotator's note on ``sentence`` ("" if none)."""
        return self.edits.note(sentence)

    def has_note(self, sentence: int) -> bool:
        """Whether any annotator left a note on ``sentence``."""
        return self.edits.has_note(sentence)

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
        return self.edits.stored_position

    @property
    def position(self) -> int:
        """Where the reader goes back to: the saved sentence, or the last one here when the
        saved one is past the end (of the text, or of the part of a big article loaded yet)."""
        return min(self.stored_position, len(self.article.sentences))

    # -- changing ----------------------------------------------------------

    def toggle(self, sentences: Iterable[int], tag: str) -> Change:
        """Add ``tag`` to every sentence, or remove it if all of them have it already."""
        return self.edits.toggle(sentences, tag)

    def add_tags(self, sentences: Iterable[int], tags: Sequence[str]) -> Change:
        """Add ``tags`` to each sentence."""
        return self.edits.edit(sentences, add=tags)

    def remove_tags(self, sentences: Iterable[int], tags: Sequence[str]) -> Change:
        """Remove ``tags`` from each sentence."""
        return self.edits.edit(sentences, remove=tags)

    def edit(self, sentences: Iterable[int], *, add: Sequence[str] = (), remove: Sequence[str] = (), note: str | None = None) -> Change:
        """Add and remove tags and set the note on each sentence, as one undoable change."""
        return self.edits.edit(sentences, add=add, remove=remove, note=note)

    def add_each(
        self, tags: Mapping[int, Sequence[str]], label: str = "accept suggestions", notes: Mapping[int, str] | None = None
    ) -> Change:
        """Add each sentence's own tags, as one undoable change (see :meth:`ArticleEdits.add_each`)."""
        return self.edits.add_each(tags, label, notes)

    def clear(self, sentences: Iterable[int]) -> Change:
        """Remove every tag (not the note) from each sentence."""
        return self.edits.clear(sentences)

    def set_note(self, sentences: Iterable[int], note: str) -> Change:
        """Set (or with ``""`` clear) the note on each sentence."""
        return self.edits.set_note(sentences, note)

    def save_position(self, sentence: int) -> None:
        """Remember where the reader is (not an undoable change)."""
        self.edits.save_position(sentence)

    # -- spans: words inside a sentence (see annotations.store.spans) ----------

    def spans(self, sentence: int) -> list[Record]:
        """Every annotator's span records on ``sentence``, by their words' offsets."""
        return self.view.spans_at(sentence)

    def toggle_span(self, words: Words, tag: str) -> Change:
        """Add ``tag`` to ``words``, or remove it if this annotator's span has it already."""
        return self.edits.toggle_span(words, tag)

    def edit_span(self, words: Words, *, add: Sequence[str] = (), remove: Sequence[str] = (), note: str | None = None) -> Change:
        """Add and remove tags and set the note on ``words``, as one undoable change."""
        return self.edits.edit_span(words, add=add, remove=remove, note=note)

    def set_span_note(self, words: Words, note: str) -> Change:
        """Set (or with ``""`` clear) this annotator's note on ``words``."""
        return self.edits.set_span_note(words, note)

    # -- verdicts, grades and links (see annotations.store.verdicts, .links) ----

    def assessment(self, target: Target) -> Assessment:
        """This annotator's status, rationale, evidence and status history on ``target``."""
        return self.verdicts.assessment(target)

    def grade(self, target: Target) -> str | None:
        """This annotator's grade of the source on ``target`` (``B2``; None if ungraded)."""
        return self.verdicts.grade(target)

    def links(self, target: Target) -> list[LinkView]:
        """The links ``target``'s records start, then those leading to it from anywhere in the store."""
        return self.linking.links(target)

    def incoming_links(self, target: Target) -> list[LinkView]:
        """The links leading to ``target`` from any article of the store."""
        return self.linking.incoming(target)

    def link_end(self, target: Target) -> LinkEnd:
        """``target`` as the other end of a link (see :meth:`link`)."""
        return self.linking.end(target)

    def set_status(self, target: Target, status: str, note: str | None = None, evidence: Sequence[tuple[str, str] | Cited] = ()) -> Change:
        """Set the status of this annotator's claim on ``target`` (``note``: its rationale;
        ``evidence``: (kind, value) or :class:`~annotations.store.verdicts.Cited` items added), as one change."""
        return self.verdicts.set_status(target, status, note, evidence)

    def add_evidence(self, target: Target, kind: str, value: str, quote: str = "") -> Change:
        """Add evidence (``url``, ``sentence`` as ``PATH#N`` with its words, ``quote``, or ``text``) to the claim on ``target``."""
        return self.verdicts.add_evidence(target, kind, value, quote)

    def remove_evidence(self, target: Target, index: int) -> Change:
        """Remove evidence item ``index`` (from 0) from the claim on ``target``."""
        return self.verdicts.remove_evidence(target, index)

    def set_grade(self, target: Target, code: str | None) -> Change:
        """Grade the source on ``target`` (``B2``), or with None remove its grade."""
        return self.verdicts.set_grade(target, code)

    def link(self, target: Target, other: LinkEnd, kind: str, *, stored: StoredRecords | None = None) -> Change:
        """Link the claim on ``target`` to ``other`` (see :meth:`link_end`, :func:`~annotations.store.links.end_of`;
        ``stored``: how the other article's records are read, see :meth:`Links.link`)."""
        return self.linking.link(target, other, kind, stored=stored)

    def unlink(self, target: Target, other: LinkEnd, kind: str) -> Change:
        """Remove the ``kind`` link from the claim on ``target`` to ``other``."""
        return self.linking.unlink(target, other, kind)

    def undo(self) -> Change:
        """Undo the last change made to this article (kept across restarts)."""
        return self.history.undo()

    def redo(self) -> Change:
        """Redo the last undone change."""
        return self.history.redo()

    # -- triage: orphans and fuzzy anchors ------------------------------------

    def needs_review(self) -> list[Record]:
        """Orphans, then fuzzily anchored records: what the triage view lists."""
        return self.triage.needs_review()

    def candidates(self, record: Record, limit: int = 3) -> list[Candidate]:
        """The sentences most like the one ``record`` was made on, best first."""
        return self.triage.candidates(record, limit)

    def attach(self, record_id: str, sentence: int) -> Change:
        """Put a record (an orphan, or a fuzzy one) on ``sentence``, confirmed by a person."""
        return self.triage.attach(record_id, sentence)

    def confirm(self, record_id: str) -> Change:
        """Accept a fuzzy anchor as it is (it becomes ``exact``)."""
        return self.triage.confirm(record_id)

    def delete(self, record_ids: Sequence[str]) -> Change:
        """Delete records (orphans from triage), as one undoable change."""
        return self.triage.delete(record_ids)
