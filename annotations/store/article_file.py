"""One article's TinyDB file: its metadata, annotation records and undo history.

Every record goes through TinyDB's tables (:mod:`annotations.store.tables`), and every
change through :meth:`ArticleFile.transaction`, which makes it one durable write (see
:mod:`annotations.store.storage`), or none at all: the tables hand the storage exactly
what changed, and the storage hands it to the journal or the disk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from tinydb.table import Document, Table

from annotations.errors import StoreError
from annotations.store.record_checks import stored_record_problem
from annotations.store.records import Record, utc_now
from annotations.store.storage import DurableJSONStorage
from annotations.store.tables import ArticleDB, JournalledTable
from annotations.store.views import RecordView

#: Written into every article file's meta record (and the store's marker).
STORE_FORMAT = 1
#: Undo steps kept per article.
HISTORY_LIMIT = 200
#: How many deleted records' ids (with when) an article file remembers, the newest.
DELETED_KEPT = 5_000


class ArticleFile:
    """One article's TinyDB file: its metadata, annotation records and undo history.

    :meth:`open` reads and checks the file; the constructor does no I/O (the file is
    read at the first use of its records if :meth:`load` was not called). ``before_write``
    is called before every write reaches the disk and may refuse it by raising
    :class:`StoreError` (the store checks it still holds the writer lock).
    """

    def __init__(self, path: Path, *, read_only: bool, bulk: bool = False, before_write: Callable[[], None] | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.bulk = bulk
        self.before_write = before_write
        self._depth = 0
        self._index: tuple[dict[str, tuple[int, Record]], list[tuple[int, str, bool]]] | None = None
        self._connect()

    @classmethod
    def open(cls, path: Path, *, read_only: bool, bulk: bool = False, before_write: Callable[[], None] | None = None) -> ArticleFile:
        """The article file at ``path``, read and indexed; :class:`StoreError` if it is not one."""
        opened = cls(path, read_only=read_only, bulk=bulk, before_write=before_write)
        opened.load()
        return opened

    @property
    def _records(self) -> dict[str, tuple[int, Record]]:
        """The records by id: (document id, record)."""
        return self._loaded()[0]

    @property
    def _steps(self) -> list[tuple[int, str, bool]]:
        """The undo steps as (document id, annotator, undone), oldest first, so a save
        does not read the whole history back."""
        return self._loaded()[1]

    def _loaded(self) -> tuple[dict[str, tuple[int, Record]], list[tuple[int, str, bool]]]:
        if self._index is None:  # constructed, not opened: read at the first use
            self.load()
        assert self._index is not None
        return self._index

    def _connect(self) -> None:
        """A new TinyDB handle on the file, nothing read yet."""
        self.db = ArticleDB(self.path, storage=DurableJSONStorage, read_only=self.read_only, bulk=self.bulk)
        self.storage: DurableJSONStorage = cast(DurableJSONStorage, self.db.storage)
        self._meta = self.db.table("meta")
        self._history = self.db.table("history")
        self._deleted = self.db.table("deleted")
        self._annotations = cast(JournalledTable, self.db.table("annotations"))

    def load(self) -> None:
        """Read the file (through TinyDB's tables), check it is an article's, index it."""
        if self.storage.read() is not None:
            metas = self._meta.all()
            if len(metas) != 1 or metas[0].get("newsmark_store") != STORE_FORMAT:
                raise StoreError(self.path, "not a newsmark article store file (no meta record); it was left untouched")
        steps = sorted((doc.doc_id, str(doc.get("annotator")), bool(doc.get("undone"))) for doc in self._documents(self._history))
        records: dict[str, tuple[int, Record]] = {}
        for doc in self._documents(self._annotations):  # each TinyDB's Document, a copy
            problem = stored_record_problem(doc)
            if problem is not None:
                raise StoreError(self.path, f"annotation {doc.doc_id} is malformed ({problem}); the file was left untouched")
            records[doc["id"]] = (doc.doc_id, cast(Record, doc))
        self._index = (records, steps)

    def _reopen(self) -> None:
        """Drop memory and read the file again (after a rollback, or to become writable)."""
        self.db.close()
        self._index = None
        self._connect()
        self.load()

    def _documents(self, table: Table) -> list[Document]:
        """Every document of ``table``; a :class:`StoreError` if an id is not a number."""
        try:
            return list(table)
        except ValueError:
            raise StoreError(self.path, f"a document id in its {table.name} is not a number; the file was left untouched") from None

    def make_writable(self, before_write: Callable[[], None] | None) -> None:
        """Turn a read-only file writable (its store took the writer lock), reloading it
        from disk: another writer may have changed it while this one only read."""
        self.read_only = False
        self.before_write = before_write
        self._reopen()

    @property
    def exists(self) -> bool:
        """Whether anything has been saved for this article yet."""
        return self.storage.read() is not None

    @property
    def meta(self) -> dict[str, Any]:
        """The article's stored metadata: path, sha256, title, meta, position, opened."""
        docs = self._meta.all()
        return dict(docs[0]) if docs else {}

    def records(self) -> list[Record]:
        """Every record, orphans included, in no particular order."""
        return [record for _, record in self._records.values()]

    def view(self) -> RecordView:
        """The records split into anchored and orphans (see :class:`RecordView`)."""
        return RecordView(self.records())

    def record(self, record_id: str) -> Record | None:
        """The record with ``record_id``, if stored."""
        found = self._records.get(record_id)
        return found[1] if found else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one durable write; on any error, memory reverts to disk.

        ``before_write`` is asked once, at the end, before anything reaches the disk; a
        transaction inside another is part of it.
        """
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            with self.storage.deferred():
                yield
                if self.storage.pending and self.before_write is not None:
                    self.before_write()
        except BaseException:
            self._reopen()
            raise
        finally:
            self._depth = 0

    def set_meta(self, **fields: Any) -> None:
        """Create or update the metadata record."""
        with self.transaction():
            docs = self._meta.all()
            if docs:
                self._meta.update(fields, doc_ids=[docs[0].doc_id])
            else:
                self._meta.insert({"newsmark_store": STORE_FORMAT, **fields})

    def apply(self, changes: Iterable[tuple[str, Record | None]]) -> None:
        """Put records (by ``id``) or delete them (``None``), as one write of the table.

        Through :meth:`JournalledTable.replace`, which costs what it changes: TinyDB's
        own insert, update and remove each rebuild the whole table, so changing n records
        of an article holding N took n x N steps (50,000 in one range: minutes). The
        document ids stay TinyDB's (a number per record).
        """
        put: dict[int, Record] = {}
        gone: list[int] = []
        deleted: list[str] = []
        with self.transaction():
            for record_id, record in changes:
                found = self._records.get(record_id)
                if record is None:
                    if found is not None:
                        gone.append(found[0])
                        deleted.append(record_id)
                        put.pop(found[0], None)
                        del self._records[record_id]
                    continue
                doc_id = found[0] if found is not None else self._annotations.next_id()
                put[doc_id] = record
                self._records[record_id] = (doc_id, record.copy())
            self._annotations.replace(put, remove=gone)
            if deleted:
                self._remember_deleted(deleted)

    def _remember_deleted(self, record_ids: list[str]) -> None:
        """Note when records were deleted here (the newest :data:`DELETED_KEPT`), so an
        import of an older file does not bring them back (see :meth:`deleted`)."""
        now = utc_now()
        self._deleted.insert_multiple({"id": record_id, "at": now} for record_id in record_ids)
        excess = len(self._deleted) - DELETED_KEPT
        if excess > 0:
            self._deleted.remove(doc_ids=sorted(doc.doc_id for doc in self._deleted.all())[:excess])

    def deleted(self) -> dict[str, str]:
        """When each record deleted from this file was deleted (its id: a stamp), the
        latest deletion of each; a record deleted and put back again is listed too."""
        return {str(doc["id"]): str(doc["at"]) for doc in sorted(self._deleted.all(), key=lambda doc: doc.doc_id)}

    def put(self, record: Record) -> None:
        """Insert or replace a record (by ``id``)."""
        self.apply([(record["id"], record)])

    def put_many(self, records: list[Record]) -> None:
        """Insert or replace many records (the last of a repeated id wins)."""
        self.apply((r["id"], r) for r in records)

    # -- undo history ------------------------------------------------------

    def push_history(
        self, annotator: str, label: str, before: dict[str, Any], after: dict[str, Any], extra: dict[str, Any] | None = None
    ) -> None:
        """Record an annotator's change for undo (``extra``: more fields the step keeps, its
        effects beside records); drops their redo steps and the oldest beyond the limit."""
        steps = self._steps_of(annotator)
        dropped = [doc_id for doc_id, undone in steps if undone]
        done = [doc_id for doc_id, undone in steps if not undone]
        dropped += done[: max(0, len(done) + 1 - HISTORY_LIMIT)]
        entry = {**(extra or {}), "annotator": annotator, "label": label, "before": before, "after": after, "undone": False}
        with self.transaction():
            authors = self.meta.get("authors")
            if not isinstance(authors, list) or annotator not in authors:
                self.set_meta(authors=sorted({*(authors if isinstance(authors, list) else ()), annotator}))
            if dropped:
                self._history.remove(doc_ids=dropped)
            doc_id = self._history.insert(entry)
        gone = set(dropped)
        self._steps[:] = [step for step in self._steps if step[0] not in gone] + [(doc_id, annotator, False)]

    def local_authors(self) -> frozenset[str]:
        """The annotators who changed this article's records in this store (not by an
        import): this store is where their records are made and removed. Kept in the
        metadata from the first change on; an older file's undo history names them too."""
        authors = self.meta.get("authors")
        named = {str(name) for name in authors} if isinstance(authors, list) else set()
        return frozenset(named | {annotator for _, annotator, _ in self._steps})

    def history_step(self, annotator: str, redo: bool) -> tuple[int, dict[str, Any]] | None:
        """The annotator's next undo (or redo) step, with its document id."""
        candidates = [doc_id for doc_id, undone in self._steps_of(annotator) if undone == redo]
        if not candidates:
            return None
        doc_id = candidates[0] if redo else candidates[-1]
        step = self._history.get(doc_id=doc_id)
        return (doc_id, dict(step)) if step is not None else None

    def mark_history(self, doc_id: int, undone: bool) -> None:
        """Move a step between the undo and redo sides."""
        with self.transaction():
            self._history.update({"undone": undone}, doc_ids=[doc_id])
        self._steps[:] = [(i, who, undone if i == doc_id else flag) for i, who, flag in self._steps]

    def rewrite_history(self, rewrite: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
        """Put every undo and redo step through ``rewrite``: its new content, or None to
        drop it (one write)."""
        changed: dict[int, dict[str, Any]] = {}
        dropped: list[int] = []
        for doc in self._history.all():
            step = dict(doc)
            new = rewrite(step)
            if new is None:
                dropped.append(doc.doc_id)
            elif new != step:
                changed[doc.doc_id] = new
        if not changed and not dropped:
            return
        with self.transaction():
            if dropped:
                self._history.remove(doc_ids=dropped)
            for doc_id, step in changed.items():
                self._history.update(step, doc_ids=[doc_id])
        gone = set(dropped)
        self._steps[:] = [entry for entry in self._steps if entry[0] not in gone]

    def clear_history(self) -> None:
        """Forget every undo step (the article's text changed under them)."""
        with self.transaction():
            self._history.truncate()
        self._steps.clear()

    def drop_steps(self, record_ids: set[str], *, but: str = "") -> None:
        """Forget every undo and redo step (of any annotator except ``but``) naming one of
        ``record_ids``: records merged or moved by triage, which those steps no longer
        describe. ``but``'s own steps stay: the triage step comes first in their undo order."""
        if not record_ids:
            return
        named = [
            doc.doc_id
            for doc in self._history.all()
            if doc.get("annotator") != but and record_ids & (set(doc.get("before") or {}) | set(doc.get("after") or {}))
        ]
        if named:
            with self.transaction():
                self._history.remove(doc_ids=named)
            gone = set(named)
            self._steps[:] = [step for step in self._steps if step[0] not in gone]

    def _steps_of(self, annotator: str) -> list[tuple[int, bool]]:
        return [(doc_id, undone) for doc_id, who, undone in self._steps if who == annotator]

    def close(self) -> None:
        """Close the TinyDB handle."""
        self.db.close()
