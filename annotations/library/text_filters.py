"""What the store says of each sentence, for a search: the tags shown with each hit, and the
sentences a search's ``--tag``, ``--annotator`` and ``--status`` filters keep.

The store is the record (the text index holds no annotation): each stored article is read
as opening it would show it (:func:`~annotations.store.corpus.stored_article`: an article
changed since is re-anchored). A sentence found is matched to its article's records as the
store finds them (:mod:`annotations.store.identity`): by its article's content hash (the
index keeps it with each sentence), then by its file's path; so an article moved, renamed
or copied keeps its tags in a search.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from annotations.library.text_scope import absolute
from annotations.library.text_search import Articles, Hit
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
    """Each stored article's records by sentence, keyed by the absolute path its file was
    last opened at, and which of them holds each content hash."""

    def __init__(self, views: dict[str, RecordView], schema: TagSchema | None = None, contents: dict[str, str] | None = None) -> None:
        self.views = views
        self.contents = contents or {}
        """The key (in :attr:`views`) of the stored article holding each content hash."""
        self._order = {tag.name: number for number, tag in enumerate((schema or TagSchema()).tags)}

    @classmethod
    def read(
        cls, store: Store, *, cache: SentenceCache | None = None, schema: TagSchema | None = None, paths: Collection[str] | None = None
    ) -> StoreFacts:
        """The store's articles (only those at ``paths``, when given), read once."""
        views: dict[str, RecordView] = {}
        holders: dict[str, list[tuple[str, str]]] = {}
        for file in store.stored_files():
            path = absolute(str(file.meta.get("path", "")))
            if paths is not None and path not in paths:
                continue
            from annotations.store.corpus import stored_article  # re-anchoring: only a store with articles needs it

            views[path] = stored_article(store, file, cache=cache, schema=schema).view
            content = file.meta.get("content")
            if isinstance(content, str) and content:
                holders.setdefault(content, []).append((file.path.stem, path))
        return cls(views, schema, {content: _holder(store, content, held) for content, held in holders.items()})

    def key(self, hit: Hit) -> str:
        """The key (in :attr:`views`) of the stored article ``hit``'s sentence belongs to, as
        the store finds it: by its content, then by its path (``hit.path`` when none is stored)."""
        return self.contents.get(hit.content, hit.path)

    def articles(self, sentences: dict[str, set[int]]) -> Articles:
        """What a search keeps to find the ``sentences`` of stored articles (by key, as
        :meth:`matching` gives them): their articles' files wherever they are (by content
        hash, or by path), and in them those sentences."""
        contents: dict[str, list[str]] = {}
        for content, key in self.contents.items():
            if key in sentences:
                contents.setdefault(key, []).append(content)
        wanted = [(contents.get(key, []), key, numbers) for key, numbers in sentences.items()]
        return Articles(wanted, lambda hit: hit.sentence in sentences.get(self.key(hit), ()))

    @property
    def paths(self) -> list[str]:
        """Every stored article's path."""
        return list(self.views)

    def tags(self, hit: Hit) -> list[str]:
        """The tags on ``hit``'s sentence (every annotator's, each once), in the schema's order."""
        view = self.views.get(self.key(hit))
        found = view.tags_at(hit.sentence) if view is not None else set()
        return sorted(found, key=lambda tag: (self._order.get(tag, len(self._order)), tag))

    def matching(self, wanted: SentenceFilter) -> dict[str, set[int]]:
        """The sentences (by article path) holding a record ``wanted`` keeps."""
        found: dict[str, set[int]] = {}
        for path, view in self.views.items():
            numbers = {number for number, records in _anchored(view) if any(wanted.keeps(record) for record in records)}
            if numbers:
                found[path] = numbers
        return found


def _holder(store: Store, content: str, held: list[tuple[str, str]]) -> str:
    """Which of the stored articles ``held`` (store file key, path) holding ``content`` the
    store finds for it: the one its alias names, else the first."""
    if len(held) > 1:
        from annotations.store.identity import read_alias

        named = read_alias(store.root, "c", content)
        for key, path in held:
            if key == named:
                return path
    return held[0][1]


def _anchored(view: RecordView) -> Iterable[tuple[int, list[Record]]]:
    """Each sentence's records, whole-sentence and spans."""
    yield from view.by_sentence.items()
    yield from view.spans.items()
