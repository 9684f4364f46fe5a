"""An append-only journal beside an article's store file: one toggle writes one line.

A store file holds TinyDB's whole database, so rewriting it on every change costs as
much as the article holds (an article with 50,000 annotations: ~30 MB per key press).
Instead each change appends one line to ``<file>.journal`` — the documents it set and
the ones it deleted — and fsyncs it; the store file is rewritten ("compacted") only
when the journal has grown to a fair share of it, so the cost of a change follows its
size, not the article's.

Reading is the store file, then its journal replayed in order. Replaying is idempotent
as a whole (each line sets documents to values or deletes them), so a crash between
writing a compacted store file and emptying the journal loses nothing and adds nothing.
A line cut short by a crash was never acknowledged (the append had not returned) and
is ignored; a damaged line before the last is reported, and nothing is changed.

Lines are JSON: ``{"set": {table: {doc_id: doc}}, "del": {table: [doc_id, ...]}}``; a
line with ``"whole": true`` replaces every table (TinyDB's whole-database write).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from annotations.errors import StoreError
from annotations.files import fsync_directory, write_all
from annotations.store.permissions import PRIVATE_FILE

Tables = dict[str, dict[str, Any]]

#: The journal is folded into the store file once it is larger than this share of it...
COMPACT_SHARE = 0.25
#: ...and larger than this, so small articles are rewritten as before (it is cheap).
COMPACT_MIN_BYTES = 256 * 1024


def journal_path(store_file: Path) -> Path:
    """The journal of a store file: ``<name>.journal`` beside it."""
    return store_file.with_name(store_file.name + ".journal")


class ChangeSet:
    """The documents a transaction set and deleted, table by table: one journal line.

    The tables hand it exactly what they changed (see :mod:`annotations.store.tables`);
    a document set is kept by reference, so its value when the line is written is the
    one it holds at the end of the transaction.
    """

    def __init__(self) -> None:
        self.set: dict[str, dict[str, Any]] = {}
        self.deleted: dict[str, set[str]] = {}

    def __bool__(self) -> bool:
        return bool(self.set or self.deleted)

    def put(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Note that ``doc_id`` of ``table`` now holds ``doc``."""
        self.deleted.get(table, set()).discard(doc_id)
        self.set.setdefault(table, {})[doc_id] = doc

    def delete(self, table: str, doc_id: str) -> None:
        """Note that ``doc_id`` of ``table`` is gone."""
        self.set.get(table, {}).pop(doc_id, None)
        self.deleted.setdefault(table, set()).add(doc_id)

    def line(self) -> dict[str, Any] | None:
        """The journal line that replays these changes; ``None`` when there are none."""
        sets = {name: docs for name, docs in self.set.items() if docs}
        deleted = {name: sorted(ids, key=_numeric) for name, ids in self.deleted.items() if ids}
        if not sets and not deleted:
            return None
        return {"set": sets, "del": deleted}


def _numeric(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if doc_id.isdigit() else (0, doc_id)


def replay(tables: Tables, line: dict[str, Any]) -> None:
    """Apply one journal line to ``tables`` in place."""
    if line.get("whole"):
        tables.clear()
    for name, doc_ids in line.get("del", {}).items():
        table = tables.get(name, {})
        for doc_id in doc_ids:
            table.pop(doc_id, None)
    for name, docs in line.get("set", {}).items():
        tables.setdefault(name, {}).update(docs)


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The journal's complete lines, in order ([] if there is none).

    Raises :class:`StoreError` naming the journal if a line before the last is damaged
    (the last one may be cut short by a crash: it was never acknowledged).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StoreError(path, f"cannot read the store's journal: {error.strerror or error}") from None
    complete = raw.split(b"\n")[:-1]  # the text after the last newline was never acknowledged
    entries: list[dict[str, Any]] = []
    for number, line in enumerate(complete, start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if not _well_formed(entry):
            raise StoreError(path, f"the store's journal is damaged at line {number}; it was left untouched")
        entries.append(entry)
    return entries


def _well_formed(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    sets, deletes = entry.get("set", {}), entry.get("del", {})
    return (
        isinstance(entry.get("whole", False), bool)
        and isinstance(sets, dict)
        and isinstance(deletes, dict)
        and all(isinstance(docs, dict) and all(isinstance(doc, dict) for doc in docs.values()) for docs in sets.values())
        and all(isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in deletes.values())
    )


def _complete_size(fd: int) -> int:
    """The journal's length up to and with its last newline (its complete lines)."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return size
    end = size
    while end > 0:  # a torn tail: find the newline before it, a block at a time
        start = max(0, end - 65536)
        block = os.pread(fd, end - start, start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        end = start
    return 0


class JournalWriter:
    """Appends lines to a journal, each on disk (fsync) before :meth:`append` returns."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def size(self) -> int:
        """The journal's size in bytes (0 if there is none)."""
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, payload: bytes) -> None:
        """Add one line (``payload`` holds no newline) durably.

        A line cut short by an earlier crash (the journal not ending in a newline) is cut
        off first: it was never acknowledged, and the new line must not be glued to it.
        """
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)
        try:
            size = _complete_size(fd)
            try:
                if size != os.fstat(fd).st_size:
                    os.ftruncate(fd, size)
                write_all(fd, payload + b"\n")
                os.fsync(fd)
                if created:
                    fsync_directory(self.path.parent)
            except BaseException:
                # Leave no partial line (nor a journal this call made) behind a failed write.
                with contextlib.suppress(OSError):
                    if created:
                        os.unlink(self.path)
                    else:
                        os.ftruncate(fd, size)
                raise
        finally:
            os.close(fd)

    def remove(self) -> None:
        """Delete the journal (after its lines were written into the store file)."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        fsync_directory(self.path.parent)

    def should_compact(self, store_file_size: int) -> bool:
        """Whether the journal has grown enough to be folded into the store file."""
        size = self.size()
        return size > COMPACT_MIN_BYTES and size > COMPACT_SHARE * store_file_size
