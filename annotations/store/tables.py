"""TinyDB tables that change only the documents they touch and tell the storage which.

TinyDB 4's ``Table._update_table`` (a private method) hands every insert, update and
remove the whole table converted to integer ids, and converts it back afterwards: two
passes over every document for each call, tens of milliseconds at 100,000 documents.
:class:`JournalledTable` overrides that one method, which is why pyproject pins
``tinydb<5``: TinyDB's own updaters run on :class:`_ChangeRecorder`, a view keyed by
integer ids over the storage's table that notes the documents they set, read to change
in place, or deleted; the storage is handed exactly those
(:meth:`DurableJSONStorage.changed`), which is what its journal line holds. Reads are
TinyDB's own. :class:`ArticleDB` is TinyDB with these tables (``TinyDB.table_class``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Table

from annotations.store.storage import DurableJSONStorage


class _ChangeRecorder(MutableMapping[int, Any]):
    """A table's documents by integer id, noting which ids were set or read (and may
    have been changed in place) and which were deleted."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.touched: set[str] = set()
        self.deleted: set[str] = set()

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        document = self.documents[key]
        self.touched.add(key)  # TinyDB's update changes the document it gets in place
        return document

    def __setitem__(self, doc_id: int, document: Any) -> None:
        key = str(doc_id)
        self.documents[key] = document
        self.touched.add(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self.documents[key]
        self.deleted.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.documents

    def __iter__(self) -> Iterator[int]:
        return iter([int(key) for key in self.documents])

    def __len__(self) -> int:
        return len(self.documents)

    def clear(self) -> None:
        self.deleted.update(self.documents)
        self.documents.clear()

    def changes(self) -> tuple[list[str], list[str]]:
        """(ids set, ids deleted), as the table holds them now."""
        put = [key for key in self.touched if key in self.documents]
        gone = [key for key in self.deleted if key not in self.documents]
        return put, gone


class JournalledTable(Table):
    """A TinyDB table whose writes cost what they change, reported to the storage exactly."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        storage = cast(DurableJSONStorage, self.storage)
        recorder = _ChangeRecorder(storage.table(self.name))
        try:
            # The recorder is the mutable mapping TinyDB's updaters use (in, [], del, clear).
            updater(cast(dict[int, Mapping[str, Any]], recorder))
        finally:
            # What changed in memory is reported even if the updater failed halfway, so the
            # storage never holds a change it will not write (a transaction then rolls back).
            put, gone = recorder.changes()
            storage.changed(self.name, put, gone)
            self.clear_cache()

    def next_id(self) -> int:
        """A new document id, from TinyDB's own counter (so its ``insert`` stays in step)."""
        return cast(int, self._get_next_id())  # type: ignore[no-untyped-call]

    def replace(self, documents: Mapping[int, Mapping[str, Any]], remove: Iterable[int] = ()) -> None:
        """Set each document of ``documents`` by id (inserted or replaced whole) and
        remove the ids of ``remove``: one pass over the given documents, one write."""

        def updater(table: dict[int, Mapping[str, Any]]) -> None:
            for doc_id in remove:
                table.pop(doc_id, None)
            for doc_id, document in documents.items():
                table[doc_id] = dict(document)

        self._update_table(updater)


class ArticleDB(TinyDB):
    """TinyDB whose tables are :class:`JournalledTable` over a :class:`DurableJSONStorage`."""

    table_class = JournalledTable
