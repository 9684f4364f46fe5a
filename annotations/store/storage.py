"""A TinyDB storage that is durable: every change is on disk before the call returns.

TinyDB hands its storage the whole database on each write. The first write of a file,
and every so often after, replaces the whole file atomically (a crash at any instant
leaves the old or the new file, never a torn one); the changes in between are appended
to the file's journal (:mod:`annotations.store.journal`), one fsync'd line each, so a
change costs what it changed, not what the article holds.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from annotations.errors import StoreError
from annotations.files import fsync_directory, read_user_file, write_all
from annotations.store.journal import ChangeSet, JournalWriter, journal_path, read_journal, replay
from annotations.store.permissions import PRIVATE_FILE, PRIVATE_FOLDER, SHARED_FILE

Tables = dict[str, dict[str, Any]]


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = SHARED_FILE) -> None:
    """Write ``data`` to ``path`` so that readers and crashes see old or new, never half.

    Only a regular file (or nothing) at ``path`` is replaced: anything else raises
    ``OSError`` and is left as it is. The temporary file is made next to it under a new
    random name, created exclusively and never through a symbolic link, so a file or a
    link planted there is never written through.
    """
    _require_regular_or_missing(path)
    fd, temporary = create_temporary(path, mode)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.close(fd)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_directory(path.parent)


def _require_regular_or_missing(path: Path) -> None:
    """Raise ``OSError`` (with a reason for the user) unless ``path`` is a regular file or absent."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    kind = "a symbolic link" if stat.S_ISLNK(mode) else "a device, pipe or socket"
    raise OSError(errno.EEXIST, f"is {kind}, not a regular file; it was left as it is", str(path))


_TEMPORARY_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def create_temporary(path: Path, mode: int = SHARED_FILE) -> tuple[int, Path]:
    """A new, empty temporary file next to ``path``: ``.<name>.<pid>.<random>.tmp``, created
    with ``mode`` less the umask (by default 0644, as any file the user makes)."""
    for _ in range(100):
        temporary = path.with_name(f".{path.name[:100]}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, _TEMPORARY_FLAGS, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON; orjson for speed, the standard library for what orjson refuses."""
    import orjson  # loaded on the first save, not at start-up

    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        pass  # e.g. integers beyond 64 bits; json handles them, or says what is wrong
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text holds characters that are not valid Unicode") from None
    except (TypeError, ValueError) as error:
        raise ValueError(f"not storable as JSON ({error})") from None


def read_tables(path: Path, *, bulk: bool = False) -> Tables | None:
    """Load a TinyDB JSON file, checking its shape; ``None`` if it does not exist.

    ``bulk`` (export, stats: many files) parses with orjson, which is 3x faster but costs
    10 ms to import, more than one article's file takes to read at start-up.
    """
    try:
        raw = read_user_file(path, StoreError, what="a store file")
    except FileNotFoundError:
        return None
    if not raw.strip():
        raise StoreError(path, "store file is empty (truncated?); it was left untouched")
    try:
        if bulk:
            import orjson

            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError:
                data = json.loads(raw)  # for json's precise message about the damage
        else:
            data = json.loads(raw)
    except UnicodeDecodeError:
        raise StoreError(path, "store file is corrupt (not UTF-8); it was left untouched") from None
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno} column {error.colno}"
        raise StoreError(path, f"store file is corrupt ({detail}); it was left untouched") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise StoreError(path, "not a TinyDB store file (wrong JSON shape); it was left untouched")
    return data


class DurableJSONStorage(Storage):
    """TinyDB storage: TinyDB's JSON layout, a change appended to the journal or the file replaced (atomic, fsync'd).

    The tables (:class:`~annotations.store.tables.JournalledTable`) change the documents
    of :meth:`table` in place and hand over exactly what they changed (:meth:`changed`);
    :meth:`write`, TinyDB's whole-database write, replaces the whole file. ``deferred()``
    groups several operations into one write, so a change and its undo record reach the
    disk together or not at all.
    """

    def __init__(self, path: str | Path, read_only: bool = False, bulk: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.bulk = bulk
        self.journal = JournalWriter(journal_path(self.path))
        self._data: Tables | None = None
        self._loaded = False
        self._defer_depth = 0
        self._pending = ChangeSet()
        self._whole = False
        """A whole-database :meth:`write` is pending: no journal line can say what changed."""
        self._on_disk = False
        """The store file this storage read or wrote is there: changes can be journalled."""
        self._file_size = 0

    @property
    def pending(self) -> bool:
        """Whether changes are waiting for the end of ``deferred()``."""
        return self._whole or bool(self._pending)

    def read(self) -> Tables | None:
        """Return the database; loaded from disk once, then kept in memory."""
        if not self._loaded:
            self._data = self._read_from_disk()
            self._on_disk = self._data is not None
            self._loaded = True
        return self._data

    def _read_from_disk(self) -> Tables | None:
        """The store file with its journal replayed. Read again if the writer compacted the
        journal into a new store file meanwhile (the file at the path is not the one read)."""
        for _ in range(20):
            before = _identity(self.path)
            tables = read_tables(self.path, bulk=self.bulk)
            entries = read_journal(self.journal.path)
            if _identity(self.path) != before:
                continue
            if tables is None:
                return None  # a journal without its store file is a leftover: the next write replaces it
            self._file_size = before[2] if before else 0
            for entry in entries:
                replay(tables, entry)
            return tables
        raise StoreError(self.path, "the store file kept changing while being read; try again")

    def table(self, name: str) -> dict[str, Any]:
        """The documents of table ``name`` (JSON ids as keys), for a table to change in
        place and then report with :meth:`changed`; created if missing."""
        self._require_writable()
        data = self.read()
        if data is None:
            data = self._data = {}
        return data.setdefault(name, {})

    def changed(self, name: str, put: Iterable[str], deleted: Iterable[str]) -> None:
        """Table ``name`` set the documents ``put`` and deleted ``deleted`` (ids) in
        :meth:`table`; unless deferred, they are on disk before this returns."""
        table = self.table(name)
        for doc_id in put:
            self._pending.put(name, doc_id, table[doc_id])
        for doc_id in deleted:
            self._pending.delete(name, doc_id)
        if not self._defer_depth:
            self._flush()

    def write(self, data: Tables) -> None:
        """Replace the whole database (TinyDB's drop_tables); unless deferred, on disk before returning."""
        self._require_writable()
        self._data = data
        self._loaded = True
        self._whole = True
        if not self._defer_depth:
            self._flush()

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(self.path, "the store is open read-only")

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Collect the writes made inside the block into one durable write at its end.

        If the block raises, or the write fails, the in-memory state is dropped and
        reloaded from disk, so memory never claims what the disk does not hold.
        """
        self._defer_depth += 1
        try:
            yield
        except BaseException:
            self._defer_depth -= 1
            if not self._defer_depth:
                self.reload()
            raise
        self._defer_depth -= 1
        if not self._defer_depth and self.pending:
            self._flush()

    def reload(self) -> None:
        """Forget the in-memory state; the next read comes from disk."""
        self._data = None
        self._loaded = False
        self._on_disk = False
        self._pending = ChangeSet()
        self._whole = False

    def _flush(self) -> None:
        """Put the pending changes on disk: one journal line, or the whole file rewritten."""
        data = self._data or {}
        line = {"set": data, "del": {}, "whole": True} if self._whole else self._pending.line()
        if line is None:
            return
        whole = self._whole or not self._on_disk or self.journal.should_compact(self._file_size)
        try:
            payload = encode_json(data if whole else line)
        except ValueError as error:
            self.reload()
            raise StoreError(self.path, f"could not save: {error}; the change was not saved") from None
        try:
            if whole:
                self._write_whole(payload, line)
            else:
                self.journal.append(payload)
        except OSError as error:
            self.reload()
            raise StoreError(self.path, f"could not save: {error.strerror or error}; the change was not saved") from None
        self._on_disk = True
        self._pending = ChangeSet()
        self._whole = False

    def _write_whole(self, payload: bytes, line: dict[str, Any]) -> None:
        """Replace the store file with ``payload`` and retire the journal.

        The journal must end at the state the new file holds, so that a reader (or a
        restart after a crash) that replays it onto the new file gets that same state:
        ``line``, the change being saved, is appended first when there is a journal.
        With no store file yet, a leftover journal is removed before the file is written.
        """
        if not self._on_disk:
            self.journal.remove()
        elif self.journal.size():
            self.journal.append(encode_json(line))
        self.path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        atomic_write_bytes(self.path, payload, mode=PRIVATE_FILE)
        self._file_size = len(payload)
        # Its lines are in the file now; if it cannot be removed it does no harm (it
        # replays to what the file holds) and goes at the next rewrite.
        with contextlib.suppress(OSError):
            self.journal.remove()

    def close(self) -> None:
        """Nothing is buffered outside ``deferred()``; drop the cache."""
        self.reload()


def _identity(path: Path) -> tuple[int, int, int] | None:
    """(device, inode, size) of the file at ``path``, or None: which file a reader read."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino, status.st_size)
