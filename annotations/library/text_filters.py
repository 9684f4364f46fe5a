"""What the store says of each sentence, for a search: the tags shown with each hit, and the
sentences a search's ``--tag``, ``--annotator`` and ``--status`` filters keep.

The store is the record (the text index holds no annotation): each stored article is read
as opening it would show it (:func:`~annotations.store.corpus.stored_article`: an article
changed since is re-anchored), by the path its file is at.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from annotations.library.text_scope import absolute
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.folder import Store
from annotations.store.records import Record
from annotations.store.views import RecordView, keep_record

#: A checkable record's verdict status when it has none (the default scale's first).
UNVERIFIED = "unverified"


@dataclass(frozen=True)
class SentenceFilter:
    """Which records a search keeps (an empty filter keeps every sentence, recorded or not)."""

    tags: frozenset[str] = frozenset()
    annotators: frozenset[str] = frozenset()
    status: str | None = None
    checkable: frozenset[str] = frozenset({"claim", "figure"})
    """The tags whose records take a verdict: the only ones a status filter keeps."""
    unset: str = UNVERIFIED
    """The status of a checkable record that has none (the verdict scale's first)."""

    @property
    def active(self) -> bool:
        """Whether it narrows anything (then only sentences with a kept record are found)."""
        return bool(self.tags or self.annotators or self.status is not None)

    def keeps(self, record: Record) -> bool:
        """Whether ``record`` passes: one of the tags, by one of the annotators, of the
        status (a record with a checkable tag only: a source or a concern has no verdict)."""
        if not keep_record(record, self.tags, self.annotators):
            return False
        if self.status is None:
            return True
        return not self.checkable.isdisjoint(record["tags"]) and record.get("status", self.unset) == self.status


class StoreFacts:
    """Each stored article's records by sentence, keyed by its article file's absolute path."""

    def __init__(self, views: dict[str, RecordView], schema: TagSchema | None = None) -> None:
        self.views = views
        self._order = {tag.name: number for number, tag in enumerate((schema or TagSchema()).tags)}

    @classmethod
    def read(
        cls, store: Store, *, cache: SentenceCache | None = None, schema: TagSchema | None = None, paths: Collection[str] | None = None
    ) -> StoreFacts:
        """The store's articles (only those at ``paths``, when given), read once."""
        views: dict[str, RecordView] = {}
        for file in store.stored_files():
            path = absolute(str(file.meta.get("path", "")))
            if paths is not None and path not in paths:
                continue
            from annotations.store.corpus import stored_article  # re-anchoring: only a store with articles needs it

            views[path] = stored_article(store, file, cache=cache, schema=schema).view
        return cls(views, schema)

    @property
    def paths(self) -> list[str]:
        """Every stored article's path."""
        return list(self.views)

    def tags(self, path: str, sentence: int) -> list[str]:
        """The tags on ``sentence`` of the article at ``path`` (every annotator's, each once), in the schema's order."""
        view = self.views.get(path)
        found = view.tags_at(sentence) if view is not None else set()
        return sorted(found, key=lambda tag: (self._order.get(tag, len(self._order)), tag))

    def matching(self, wanted: SentenceFilter) -> dict[str, set[int]]:
        """The sentences (by article path) holding a record ``wanted`` keeps."""
        found: dict[str, set[int]] = {}
        for path, view in self.views.items():
            numbers = {number for number, records in _anchored(view) if any(wanted.keeps(record) for record in records)}
            if numbers:
                found[path] = numbers
        return found


def _anchored(view: RecordView) -> Iterable[tuple[int, list[Record]]]:
    """Each sentence's records, whole-sentence and spans."""
    yield from view.by_sentence.items()
    yield from view.spans.items()
