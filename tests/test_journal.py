"""The store file's journal: a change costs what it changed; crashes and readers see old
or new, never something else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store import journal
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store
from annotations.store.storage import DurableJSONStorage


def long_article(tmp_path: Path, sentences: int = 2000) -> Path:
    path = tmp_path / "long.txt"
    path.write_text("\n".join(f"Paragraph {n} says the depot held {n} shells." for n in range(sentences)) + "\n", encoding="utf-8")
    return path


def files(store_root: Path) -> tuple[Path, Path]:
    (store_file,) = (store_root / ARTICLES_DIR).glob("*.json")
    return store_file, journal.journal_path(store_file)


def on_disk(store_root: Path, path: Path) -> ArticleAnnotations:
    store = Store(store_root, mode=LockMode.READ)
    try:
        return open_article(store, load_article(path), annotator="ana", schema=TagSchema())
    finally:
        store.close()


def test_a_change_appends_one_line_and_leaves_the_store_file_alone(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags(range(1, 2001), ["claim"])  # a new file: written whole
        store_file, journal_file = files(store_root)
        written = store_file.read_bytes()
        assert not journal_file.exists()
        notes.toggle([7], "figure")
        assert store_file.read_bytes() == written
        (line,) = journal_file.read_bytes().splitlines()
        assert len(line) < 3000, "one toggle journalled more than the record and its undo step"
    assert on_disk(store_root, path).tags(7) == ["claim", "figure"]


def test_the_journal_is_folded_into_the_store_file_once_it_has_grown(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path, 400)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        store_file, journal_file = files(store_root)
        for _ in range(400):
            notes.set_note([2], "x" * 2000 if not notes.note(2) else "")
            assert (
                journal.JournalWriter(journal_file).size()
                <= max(journal.COMPACT_MIN_BYTES, journal.COMPACT_SHARE * store_file.stat().st_size) + 10_000
            )
    assert on_disk(store_root, path).note(2) == ""


def test_a_line_cut_short_by_a_crash_is_ignored(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        notes.add_tags([2], ["figure"])
    _, journal_file = files(store_root)
    with journal_file.open("ab") as handle:
        handle.write(b'{"set": {"annotations": {"99": {"id": "half')  # the append a kill -9 interrupted
    reopened = on_disk(store_root, path)
    assert reopened.tags(1) == ["claim"] and reopened.tags(2) == ["figure"] and len(reopened.records()) == 2


def test_a_damaged_line_before_the_last_is_named_and_left_untouched(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        for sentence in (1, 2, 3):
            notes.add_tags([sentence], ["claim"])
    _, journal_file = files(store_root)
    lines = journal_file.read_bytes().splitlines()
    damaged = b"\n".join([lines[0], b"{not json", *lines[1:]]) + b"\n"
    journal_file.write_bytes(damaged)
    with pytest.raises(StoreError, match="journal is damaged at line 2"):
        on_disk(store_root, path)
    assert journal_file.read_bytes() == damaged


def test_replaying_a_journal_already_folded_in_changes_nothing(store_root: Path, tmp_path: Path) -> None:
    """A crash after a compacted store file replaced the old one, before its journal was
    removed: the leftover journal replays onto a file that already holds it."""
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        for sentence in (2, 3, 2, 4):
            notes.toggle([sentence], "figure")
        notes.set_note([1], "kept")
    store_file, journal_file = files(store_root)
    leftover = journal_file.read_bytes()
    whole = DurableJSONStorage(store_file, read_only=True).read()
    store_file.write_text(json.dumps(whole), encoding="utf-8")  # the compacted file...
    journal_file.write_bytes(leftover)  # ...and the journal its writer did not get to remove
    again = on_disk(store_root, path)
    assert [again.tags(n) for n in (1, 2, 3, 4)] == [["claim"], [], ["figure"], ["figure"]] and again.note(1) == "kept"


def test_a_reader_never_sees_an_older_state_across_a_compaction(store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that read the store file just before the writer compacted, and the journal
    just after (now gone), would miss every journalled change: it must read again."""
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        notes.add_tags([2], ["claim"])  # journalled
    store_file, journal_file = files(store_root)
    compacted = json.dumps(DurableJSONStorage(store_file, read_only=True).read())
    real_read_journal = journal.read_journal
    calls: list[int] = []

    def compaction_in_between(where: Path) -> list[dict[str, object]]:
        if not calls:  # the writer compacts between this reader's two reads
            store_file.unlink()
            store_file.write_text(compacted, encoding="utf-8")
            journal_file.unlink()
        calls.append(1)
        return real_read_journal(where)

    import annotations.store.storage as storage

    monkeypatch.setattr(storage, "read_journal", compaction_in_between)
    assert on_disk(store_root, path).tags(2) == ["claim"] and len(calls) == 2


def test_a_crash_between_rewriting_the_file_and_removing_the_journal_keeps_the_last_change(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rewrite holds the change being saved; the journal left behind must replay onto
    it to that same state (it once lacked that change and took it back on reopening)."""
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])  # a new file, written whole
        notes.add_tags([2], ["claim"])  # journalled
        monkeypatch.setattr(journal, "COMPACT_MIN_BYTES", 0)
        monkeypatch.setattr(journal, "COMPACT_SHARE", 0.0)  # the next change rewrites the file...
        monkeypatch.setattr(journal.JournalWriter, "remove", lambda self: None)  # ...and "crashes" before removing the journal
        notes.toggle([1], "figure")
        notes.toggle([2], "figure")
    again = on_disk(store_root, path)
    assert again.tags(1) == ["claim", "figure"] and again.tags(2) == ["claim", "figure"]


def test_an_append_after_a_torn_line_does_not_glue_onto_it(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        open_article(store, load_article(path), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
        open_article(store, load_article(path), annotator="ana", schema=TagSchema()).add_tags([2], ["claim"])
    _, journal_file = files(store_root)
    with journal_file.open("ab") as handle:
        handle.write(b'{"set": {"annotations": {"99": {"id": "half')  # a kill -9 in the middle of an append
    with Store(store_root) as store:
        open_article(store, load_article(path), annotator="ana", schema=TagSchema()).add_tags([3], ["figure"])
    reopened = on_disk(store_root, path)
    assert [reopened.tags(n) for n in (1, 2, 3)] == [["claim"], ["claim"], ["figure"]]
    assert b"half" not in journal_file.read_bytes()


def test_a_journal_left_without_its_store_file_is_not_replayed_into_a_new_one(store_root: Path, tmp_path: Path) -> None:
    path = long_article(tmp_path, 50)
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.add_tags([1], ["claim"])
        notes.edit([2], add=["concern"], note="old private note")
    store_file, _ = files(store_root)
    store_file.unlink()  # deleted by hand, its journal left behind
    with Store(store_root) as store:
        open_article(store, load_article(path), annotator="ana", schema=TagSchema()).add_tags([3], ["figure"])
    reopened = on_disk(store_root, path)
    assert [r["sentence"] for r in reopened.records()] == [3] and reopened.note(2) == ""
