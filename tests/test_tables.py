"""TinyDB's tables over the durable storage: each write journals exactly the documents it
changed, through TinyDB's own Table methods as well as the store's one-pass ``replace``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query

from annotations.store import journal
from annotations.store.journal import ChangeSet, replay
from annotations.store.storage import DurableJSONStorage
from annotations.store.tables import ArticleDB, JournalledTable


def opened(path: Path) -> ArticleDB:
    return ArticleDB(path, storage=DurableJSONStorage)


def lines(path: Path) -> list[dict[str, Any]]:
    return journal.read_journal(journal.journal_path(path))


def on_disk(path: Path) -> dict[str, Any]:
    tables = DurableJSONStorage(path, read_only=True).read()
    assert tables is not None
    return tables


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.json"
    db = opened(path)
    db.table("things").insert_multiple([{"n": n} for n in range(1, 6)])  # a new file: written whole
    db.close()
    assert not journal.journal_path(path).exists()
    return path


def test_each_of_tinydbs_writes_journals_only_what_it_changed(db_file: Path) -> None:
    db = opened(db_file)
    things = db.table("things")
    things.update({"n": 20}, doc_ids=[2])
    things.remove(doc_ids=[3])
    things.insert({"n": 6})
    things.update({"seen": True}, Query().n == 4)
    assert lines(db_file) == [
        {"set": {"things": {"2": {"n": 20}}}, "del": {}},
        {"set": {}, "del": {"things": ["3"]}},
        {"set": {"things": {"6": {"n": 6}}}, "del": {}},
        # a condition reads every document, and a document read is one that may have changed
        {"set": {"things": {"1": {"n": 1}, "2": {"n": 20}, "4": {"n": 4, "seen": True}, "5": {"n": 5}, "6": {"n": 6}}}, "del": {}},
    ]
    db.close()
    assert on_disk(db_file)["things"] == {"1": {"n": 1}, "2": {"n": 20}, "4": {"n": 4, "seen": True}, "5": {"n": 5}, "6": {"n": 6}}


def test_replace_sets_and_removes_in_one_line_without_tinydbs_whole_table_rebuild(db_file: Path) -> None:
    db = opened(db_file)
    things = db.table("things")
    assert isinstance(things, JournalledTable)
    things.replace({2: {"n": 22}, things.next_id(): {"n": 6}}, remove=[1, 99])
    assert lines(db_file) == [{"set": {"things": {"2": {"n": 22}, "6": {"n": 6}}}, "del": {"things": ["1"]}}]
    assert things.get(doc_id=2) == {"n": 22} and things.get(doc_id=1) is None and len(things) == 5


def test_a_deferred_block_is_one_line_holding_each_document_as_it_ends(db_file: Path) -> None:
    db = opened(db_file)
    storage = db.storage
    assert isinstance(storage, DurableJSONStorage)
    things = db.table("things")
    with storage.deferred():
        things.update({"n": 10}, doc_ids=[1])
        things.update({"n": 11}, doc_ids=[1])
        doc_id = things.insert({"n": 7})
        things.remove(doc_ids=[doc_id])
        things.remove(doc_ids=[5])
        assert not lines(db_file)
    assert lines(db_file) == [{"set": {"things": {"1": {"n": 11}}}, "del": {"things": ["5", str(doc_id)]}}]


def test_truncate_and_a_whole_database_write_replay_to_what_they_left(db_file: Path) -> None:
    db = opened(db_file)
    db.table("things").insert({"n": 6})  # a journal exists: the whole write must end it at the new state
    db.table("things").truncate()
    assert on_disk(db_file)["things"] == {}
    db.table("other").insert({"kept": True})
    journal_file = journal.journal_path(db_file)
    leftover = journal_file.read_bytes()
    db.drop_table("things")  # TinyDB's whole-database write: the file is replaced
    assert not journal_file.exists()
    assert json.loads(db_file.read_text()) == {"other": {"1": {"kept": True}}}
    journal_file.write_bytes(leftover + json.dumps({"set": {"other": {"1": {"kept": True}}}, "del": {}, "whole": True}).encode() + b"\n")
    assert on_disk(db_file) == {"other": {"1": {"kept": True}}}  # a crash before the journal went: no table comes back


def test_a_change_set_keeps_the_last_word_on_each_document() -> None:
    changes = ChangeSet()
    assert not changes and changes.line() is None
    changes.put("t", "1", {"a": 1})
    changes.delete("t", "1")
    changes.delete("t", "2")
    changes.put("t", "2", {"b": 2})
    line = changes.line()
    assert line == {"set": {"t": {"2": {"b": 2}}}, "del": {"t": ["1"]}}
    tables: dict[str, dict[str, Any]] = {"t": {"1": {"a": 0}}}
    replay(tables, line)
    assert tables == {"t": {"2": {"b": 2}}}


def test_a_read_only_storage_refuses_a_table_write(db_file: Path) -> None:
    from annotations.errors import StoreError

    db = ArticleDB(db_file, storage=DurableJSONStorage, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        db.table("things").insert({"n": 6})
    assert on_disk(db_file)["things"]["1"] == {"n": 1} and len(on_disk(db_file)["things"]) == 5
