"""The annotation store: a folder of small TinyDB files, one per article.

Layout of a store folder::

    STORE.json          marks the folder as a newsmark store (format version)
    writer.lock         held by the one process allowed to write
    writer.pid          that process's id, for the "in use by process N" message
    articles/<key>.json one TinyDB file per article: tables meta, annotations, history

Every call that changes annotations returns only after the change is on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from annotations.errors import StoreError, StoreLockedError
from annotations.store.locking import LockTimeout, WriterLock
from annotations.store.records import Record
from annotations.store.storage import DurableJSONStorage, atomic_write_bytes

STORE_FORMAT = 1
MARKER_NAME = "STORE.json"
ARTICLES_DIR = "articles"
LOCK_NAME = "writer.lock"
PID_NAME = "writer.pid"
_OWN_NAMES = frozenset({MARKER_NAME, ARTICLES_DIR, LOCK_NAME, PID_NAME})
#: Undo steps kept per article.
HISTORY_LIMIT = 200


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def article_key(path: str) -> str:
    """The file name stem of an article's store file: a hash of its absolute path."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]


class Store:
    """A store folder, opened for writing (holding the single writer lock) or reading.

    ``mode`` is ``"write"`` (raise :class:`StoreLockedError` if another process
    writes), ``"read"`` (never write) or ``"auto"`` (write if free, else read-only).
    """

    def __init__(self, root: str | Path, *, mode: str = "write", wait: float = 0.0) -> None:
        if mode not in ("write", "read", "auto"):
            raise ValueError(f"unknown store mode {mode!r}")
        self.root = Path(root).expanduser()
        self.locked_by: int | None = None
        self.read_only_reason = "opened for reading only"
        """Why the store is read-only, for the user: another writer, or a folder that cannot be written."""
        self._lock: WriterLock | None = None
        self._check_folder()
        self.read_only = mode == "read"
        if mode != "read":
            try:
                self._take_lock(wait)
            except StoreLockedError as error:
                if mode == "write":
                    raise
                self.read_only = True
                self.locked_by = error.pid
                self.read_only_reason = f"the store is in use by {f'process {error.pid}' if error.pid else 'another process'}"
            except StoreError as error:
                if mode == "write":
                    raise
                self.read_only = True  # e.g. a read-only file system: still readable
                self.read_only_reason = error.reason
        self._open_files: dict[str, ArticleFile] = {}

    # -- folder and lock -------------------------------------------------

    def _check_folder(self) -> None:
        root = self.root
        if root.exists() and not root.is_dir():
            raise StoreError(root, "is a file, not a newsmark store folder")
        marker = root / MARKER_NAME
        if root.is_dir():
            try:
                entries = [p.name for p in root.iterdir()]
            except PermissionError:
                raise StoreError(root, "permission denied") from None
            # A store another process is creating this instant holds only our own names.
            foreign = [e for e in entries if e not in _OWN_NAMES and not (e.startswith(".") and e.endswith(".tmp"))]
            if foreign and MARKER_NAME not in entries:
                raise StoreError(root, f"not a newsmark store folder (no {MARKER_NAME}); pick an empty or new folder")
            if MARKER_NAME in entries:
                self._check_marker(marker)

    def _check_marker(self, marker: Path) -> None:
        try:
            data = json.loads(marker.read_bytes())
        except PermissionError:
            raise StoreError(marker, "permission denied") from None
        except (OSError, ValueError):
            raise StoreError(marker, "store marker is unreadable or corrupt; it was left untouched") from None
        version = data.get("newsmark_store") if isinstance(data, dict) else None
        if version != STORE_FORMAT:
            raise StoreError(marker, f"store format {version!r} is not one this newsmark reads ({STORE_FORMAT})")

    def _take_lock(self, wait: float) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker = self.root / MARKER_NAME
            if not marker.exists():  # first: so the folder is never seen without its marker
                atomic_write_bytes(marker, json.dumps({"newsmark_store": STORE_FORMAT}).encode())
            (self.root / ARTICLES_DIR).mkdir(exist_ok=True)
        except OSError as error:
            raise StoreError(self.root, f"cannot create the store folder: {error.strerror or error}") from None
        lock = WriterLock(self.root / LOCK_NAME)
        try:
            lock.acquire(wait)
        except LockTimeout:
            raise StoreLockedError(self.root, self._writer_pid()) from None
        except OSError as error:
            raise StoreError(self.root / LOCK_NAME, f"cannot lock the store: {error.strerror or error}") from None
        self._lock = lock
        try:
            atomic_write_bytes(self.root / PID_NAME, str(os.getpid()).encode())
        except OSError as error:
            self.close()
            raise StoreError(self.root, f"cannot write to the store: {error.strerror or error}") from None

    def _writer_pid(self) -> int | None:
        """The writer's process id; it writes it just after taking the lock, so a file
        naming a process that is gone (or no file yet) is read again for a moment."""
        for _ in range(10):
            try:
                pid = int((self.root / PID_NAME).read_text().strip())
            except (OSError, ValueError):
                pid = None
            if pid is not None and pid != os.getpid() and _alive(pid):
                return pid
            if pid == os.getpid():
                return pid  # this process holds it (another Store object)
            time.sleep(0.02)
        return None

    def close(self) -> None:
        """Release the writer lock (nothing is buffered: every change is on disk)."""
        for article_file in self._open_files.values():
            article_file.close()
        self._open_files.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- article files ---------------------------------------------------

    def article_file(self, path: str) -> ArticleFile:
        """The store file of the article at absolute ``path`` (created on first write)."""
        key = article_key(path)
        if key not in self._open_files:
            self._open_files[key] = ArticleFile(self.root / ARTICLES_DIR / f"{key}.json", read_only=self.read_only)
        return self._open_files[key]

    def stored_paths(self) -> list[Path]:
        """Every article store file, sorted by name."""
        folder = self.root / ARTICLES_DIR
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))

    def stored_files(self) -> Iterator[ArticleFile]:
        """Each stored article's file, opened read-only (a consistent snapshot each)."""
        for path in self.stored_paths():
            yield ArticleFile(path, read_only=True, bulk=True)


class ArticleFile:
    """One article's TinyDB file: its metadata, annotation records and undo history."""

    def __init__(self, path: Path, *, read_only: bool, bulk: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.bulk = bulk
        self._records: dict[str, tuple[int, Record]] = {}
        self._open()

    def _open(self) -> None:
        """(Re)open the TinyDB file and index its records; used after a rollback too."""
        self.db = TinyDB(self.path, storage=DurableJSONStorage, read_only=self.read_only, bulk=self.bulk)
        self.storage: DurableJSONStorage = self.db.storage  # type: ignore[assignment]
        self._meta = self.db.table("meta")
        self._annotations = self.db.table("annotations")
        self._history = self.db.table("history")
        data = self.storage.read()
        if data is not None:
            metas = data.get("meta", {})
            if len(metas) != 1 or next(iter(metas.values())).get("newsmark_store") != STORE_FORMAT:
                raise StoreError(self.path, "not a newsmark article store file (no meta record); it was left untouched")
        # Indexes built from the storage's tables as read (TinyDB's JSON layout, document
        # ids as keys), not through Table.all(), which copies every document: the undo
        # steps as (doc id, annotator, undone), oldest first, so a save does not read the
        # whole history back; the records by id.
        tables = data or {}
        self._steps: list[tuple[int, str, bool]] = sorted(
            (int(doc_id), str(d.get("annotator")), bool(d.get("undone"))) for doc_id, d in tables.get("history", {}).items()
        )
        self._records = {}
        for doc_id, doc in tables.get("annotations", {}).items():
            if not isinstance(doc.get("id"), str) or not isinstance(doc.get("sentence"), int) or not doc_id.isdigit():
                raise StoreError(self.path, f"annotation {doc_id} is malformed (no id or sentence); the file was left untouched")
            self._records[doc["id"]] = (int(doc_id), dict(doc))

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

    def record(self, record_id: str) -> Record | None:
        """The record with ``record_id``, if stored."""
        found = self._records.get(record_id)
        return found[1] if found else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one durable write; on any error, memory reverts to disk."""
        try:
            with self.storage.deferred():
                yield
        except BaseException:
            self.db.close()
            self._open()
            raise

    def set_meta(self, **fields: Any) -> None:
        """Create or update the metadata record."""
        docs = self._meta.all()
        if docs:
            self._meta.update(fields, doc_ids=[docs[0].doc_id])
        else:
            self._meta.insert({"newsmark_store": STORE_FORMAT, **fields})

    def put(self, record: Record) -> None:
        """Insert or replace a record (by ``id``)."""
        found = self._records.get(record["id"])
        if found:
            doc_id = found[0]
            self._annotations.update(record, doc_ids=[doc_id])
        else:
            doc_id = self._annotations.insert(record)
        self._records[record["id"]] = (doc_id, dict(record))

    def put_many(self, records: list[Record]) -> None:
        """Insert or replace many records (the last of a repeated id wins); new ones go in
        with one table write."""
        records = list({r["id"]: r for r in records}.values())
        new = [r for r in records if r["id"] not in self._records]
        for record in records:
            if record["id"] in self._records:
                self.put(record)
        for doc_id, record in zip(self._annotations.insert_multiple(new), new):
            self._records[record["id"]] = (doc_id, dict(record))

    def delete(self, record_id: str) -> None:
        """Remove a record, if present."""
        found = self._records.pop(record_id, None)
        if found:
            self._annotations.remove(doc_ids=[found[0]])

    # -- undo history ------------------------------------------------------

    def push_history(self, annotator: str, label: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Record an annotator's change for undo; drops their redo steps and the oldest beyond the limit."""
        steps = self._steps_of(annotator)
        dropped = [doc_id for doc_id, undone in steps if undone]
        done = [doc_id for doc_id, undone in steps if not undone]
        dropped += done[: max(0, len(done) + 1 - HISTORY_LIMIT)]
        if dropped:
            self._history.remove(doc_ids=dropped)
        entry = {"annotator": annotator, "label": label, "before": before, "after": after, "undone": False}
        doc_id = self._history.insert(entry)
        gone = set(dropped)
        self._steps = [step for step in self._steps if step[0] not in gone] + [(doc_id, annotator, False)]

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
        self._history.update({"undone": undone}, doc_ids=[doc_id])
        self._steps = [(i, who, undone if i == doc_id else flag) for i, who, flag in self._steps]

    def clear_history(self) -> None:
        """Forget every undo step (the article's text changed under them)."""
        self._history.truncate()
        self._steps = []

    def _steps_of(self, annotator: str) -> list[tuple[int, bool]]:
        return [(doc_id, undone) for doc_id, who, undone in self._steps if who == annotator]

    def close(self) -> None:
        """Close the TinyDB handle."""
        self.db.close()


def apply_records(article_file: ArticleFile, records: Iterable[tuple[str, Record | None]]) -> None:
    """Put or delete records by id (``None`` deletes)."""
    for record_id, record in records:
        if record is None:
            article_file.delete(record_id)
        else:
            article_file.put(record)

