"""What the parts of one open article share: the article, its store file, who edits it
and the records as shown now (see :mod:`annotations.store.article_annotations`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from annotations.errors import StoreError
from annotations.formats.hygiene import clean_field, clean_line
from annotations.model import Article, storable_path
from annotations.schema import TagSchema
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.identity import content_hash, remember
from annotations.store.records import MAX_NOTE_CHARS, Record
from annotations.store.spans import Words, words_of
from annotations.store.views import RecordView


class Change(NamedTuple):
    """What one call changed: the sentences whose tags or notes differ now."""

    label: str
    sentences: tuple[int, ...]
    records: int = 0
    """Records changed that are on no sentence (orphans), when that is all it changed."""
    effects: Mapping[str, Any] | None = None
    """What the step holds beside records, by owner (the decisions on suggestions it
    counted: see :mod:`annotations.suggest.deciding`), for whoever undoes or redoes it."""

    def __bool__(self) -> bool:
        return bool(self.sentences) or self.records > 0 or bool(self.effects)


class ArticleState:
    """One open article for one annotator: its text, its store file and the records as
    shown now (:attr:`view`), shared by the edit API, the undo history, triage and
    re-anchoring. Building it reads and writes nothing."""

    def __init__(self, store: Store, article: Article, file: ArticleFile, *, annotator: str, schema: TagSchema) -> None:
        self.store = store
        self.article = article
        self.file = file
        """The article's store file (found by content, then by path: see :mod:`annotations.store.identity`)."""
        self.annotator = clean_line(annotator)
        self.schema = schema
        self.content: str | None = content_hash(article)
        """The hash of the article's normalized text (the whole text's for the first part of a big one)."""
        self.view = RecordView(())
        """The records as shown now: anchored by sentence, orphans, tagged sentences."""
        self.moved_position: int | None = None
        """The saved reading position re-anchored to a changed text (None: as stored)."""
        self.new_moves: dict[str, Any] | None = None
        """Where the records' places went when this open found the text changed (also
        when the file could not be written; None: the text is as stored)."""

    @property
    def read_only(self) -> bool:
        """True when this process cannot write (another writer, or an unwritable folder)."""
        return self.file.read_only

    def read_only_reason(self) -> str:
        """Why this process cannot write the article, for the user."""
        return self.store.why_read_only(self.file)

    def require_writable(self) -> None:
        """Raise :class:`StoreError` when this process cannot write the article."""
        if self.read_only:
            raise StoreError(self.store.root, f"read-only: {self.read_only_reason()}")

    def check(self, sentences: Iterable[int]) -> list[int]:
        """The sentence numbers sorted, once each; one out of range is refused."""
        numbers = sorted(set(sentences))
        total = len(self.article.sentences)
        for number in numbers:
            if not 1 <= number <= total:
                raise StoreError(self.article.path, f"sentence {number} is out of range 1-{total}")
        return numbers

    def own(self, sentence: int) -> Record | None:
        """This annotator's record on ``sentence`` (the latest, if several)."""
        mine = [r for r in self.view.at(sentence) if r["annotator"] == self.annotator]
        return max(mine, key=lambda r: (r["updated"], r["id"])) if mine else None

    def own_span(self, words: Words) -> Record | None:
        """This annotator's record on exactly ``words`` (the latest, if several)."""
        mine = [r for r in self.view.spans_at(words.sentence) if r["annotator"] == self.annotator and words_of(r) == words]
        return max(mine, key=lambda r: (r["updated"], r["id"])) if mine else None

    def checked_note(self, note: str) -> str:
        """The note as it is kept (no leading or trailing blank lines); too long a note is
        refused with a one-line error before anything changes."""
        note = clean_field(note).strip("\n")
        if len(note) > MAX_NOTE_CHARS:
            raise StoreError(
                self.article.path, f"note too long ({len(note):,} characters; the limit is {MAX_NOTE_CHARS:,}); nothing was saved"
            )
        return note

    def write_meta(self, **extra: Any) -> None:
        """Write the article's description (and ``extra``) to its file's meta."""
        if self.content is not None:
            extra["content"] = self.content
        self.file.set_meta(
            path=storable_path(self.article.path),
            sha256=self.article.sha256,
            title=self.article.title,
            meta=self.article.meta,
            **extra,
        )

    def moves(self) -> object:
        """Where the places of this article's records went at its last edits (see
        :mod:`~annotations.store.link_moves`; None when it was never edited)."""
        if self.new_moves is not None:
            return self.new_moves
        return self.file.meta.get("moves") if self.file.exists else None

    def remember(self) -> None:
        """Let a later open of this text, or of this path, find this store file."""
        remember(self.store, self.file, path=storable_path(self.article.path), content=self.content, sha256=self.article.sha256)

    def reindex(self, records: list[Record] | None = None) -> None:
        """Show ``records`` (the file's records when None) from now on."""
        self.view = RecordView(self.file.records() if records is None else records)
