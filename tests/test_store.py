"""The annotation store: real TinyDB files under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import StoreError, StoreLockedError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store


def open_annotations(root: Path, article_path: Path, *, annotator: str = "ana", mode: LockMode = LockMode.WRITE) -> ArticleAnnotations:
    return open_article(Store(root, mode=mode), load_article(article_path), annotator=annotator, schema=TagSchema())


def stored_json(root: Path) -> dict:  # type: ignore[type-arg]
    """What the disk holds for the one article: its store file with its journal replayed,
    read afresh (not what any open store keeps in memory)."""
    from annotations.store.storage import DurableJSONStorage

    (path,) = (root / ARTICLES_DIR).glob("*.json")
    tables = DurableJSONStorage(path, read_only=True).read()
    assert tables is not None
    return tables


def test_toggle_range_and_clear_are_on_disk_when_they_return(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    assert notes.toggle([3, 4, 5], "claim").sentences == (3, 4, 5)
    docs = stored_json(store_root)["annotations"].values()
    assert sorted(d["sentence"] for d in docs) == [3, 4, 5]
    assert all(d["tags"] == ["claim"] and d["annotator"] == "ana" for d in docs)
    notes.toggle([4], "figure")
    notes.toggle([3, 4, 5], "claim")  # all have it: removes it from all
    assert [notes.tags(n) for n in (3, 4, 5)] == [[], ["figure"], []]
    assert sorted(d["sentence"] for d in stored_json(store_root)["annotations"].values()) == [4]
    notes.clear([4])
    assert stored_json(store_root)["annotations"] == {}
    notes.store.close()


def test_record_fields_and_selector(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    notes.edit([13], add=["source", "claim"], note="Check the\nbirthplace")
    (record,) = notes.records()
    article = notes.article
    sentence = article.sentence(13)
    assert record["tags"] == ["claim", "source"]  # schema order
    assert record["text"] == sentence.text == "The committee chair was born in Washington, D.C."
    assert record["section"] == 3 and record["section_title"] == "What Officials Fear"
    assert record["article"] == {"sha256": article.sha256, "path": article.path, "title": article.title}
    selector = record["selector"]
    assert article.text[selector["start"] : selector["end"]] == selector["exact"] == sentence.text
    assert article.text.endswith(selector["suffix"], 0, selector["end"] + len(selector["suffix"]))
    assert len(selector["prefix"]) == 32 and article.text[: selector["start"]].endswith(selector["prefix"])
    assert record["created"].endswith("Z") and record["created"] == record["updated"]
    assert len(record["id"]) == 36
    notes.store.close()


def test_undo_redo_survive_a_restart(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    notes.toggle([1], "claim")
    notes.toggle([2], "figure")
    notes.set_note([2], "a note")
    notes.store.close()

    notes = open_annotations(store_root, article_copy)
    assert notes.undo().sentences == (2,)
    assert notes.note(2) == "" and notes.tags(2) == ["figure"]
    assert notes.undo().sentences == (2,)
    assert notes.tags(2) == []
    notes.store.close()

    notes = open_annotations(store_root, article_copy)
    assert notes.redo().sentences == (2,)
    assert notes.tags(2) == ["figure"]
    notes.toggle([5], "source")  # a new change drops the redo side
    assert not notes.redo()
    assert notes.undo().sentences == (5,) and notes.undo().sentences == (2,) and notes.undo().sentences == (1,)
    assert not notes.undo()
    assert notes.tagged_sentences() == []
    notes.store.close()


def test_position_is_remembered(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    assert notes.position == 1
    notes.save_position(17)
    notes.store.close()
    assert open_annotations(store_root, article_copy, mode=LockMode.READ).position == 17


def test_out_of_range_and_unknown_tags_are_refused(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    with pytest.raises(StoreError, match="sentence 22 is out of range 1-21"):
        notes.toggle([22], "claim")
    with pytest.raises(Exception, match="unknown tag 'rumour'"):
        notes.toggle([1], "rumour")
    assert list((store_root / ARTICLES_DIR).glob("*.json")) == []
    notes.store.close()


def test_second_writer_is_told_who_holds_the_store(store_root: Path, article_copy: Path) -> None:
    first = Store(store_root)
    with pytest.raises(StoreLockedError, match=r"in use by process \d+"):
        Store(store_root)
    fallback = Store(store_root, mode=LockMode.AUTO)
    assert fallback.read_only and fallback.locked_by is not None
    notes = open_article(fallback, load_article(article_copy), annotator="bo", schema=TagSchema())
    with pytest.raises(StoreError, match="read-only"):
        notes.toggle([1], "claim")
    first.close()
    Store(store_root).close()  # free again


def test_reader_sees_writes_of_another_annotator(store_root: Path, article_copy: Path) -> None:
    ana = open_annotations(store_root, article_copy, annotator="ana")
    ana.toggle([6], "figure")
    ana.store.close()
    bo = open_annotations(store_root, article_copy, annotator="bo")
    bo.toggle([6], "concern")
    assert bo.tags(6) == ["figure", "concern"]
    assert sorted(r["annotator"] for r in bo.records()) == ["ana", "bo"]
    bo.toggle([6], "concern")
    assert bo.tags(6) == ["figure"]
    bo.store.close()


def test_changed_article_keeps_every_annotation(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    notes.toggle([6], "figure")  # moves: a paragraph is inserted before it
    notes.toggle([16], "claim")  # disappears: its sentence is rewritten
    notes.toggle([21], "figure")  # stays put relative to the end
    moved_text = notes.article.sentence(6).text
    notes.store.close()

    text = article_copy.read_text(encoding="utf-8")
    text = text.replace("Satellite images", "A new paragraph arrives first. It has two sentences.\nSatellite images")
    text = text.replace("Officials then left the Capitol without speaking to reporters.", "Officials stayed.")
    article_copy.write_text(text, encoding="utf-8")

    reopened = open_annotations(store_root, article_copy)
    assert reopened.article.sentence(8).text == moved_text
    assert reopened.tags(8) == ["figure"]
    assert reopened.tags(23) == ["figure"]
    (orphan,) = reopened.orphans()
    assert orphan["text"] == "Officials then left the Capitol without speaking to reporters."
    assert orphan["tags"] == ["claim"]
    on_disk = {d["id"]: d for d in stored_json(store_root)["annotations"].values()}
    assert on_disk[orphan["id"]]["orphan"] is True
    assert len(on_disk) == 3
    reopened.store.close()


def test_read_only_open_of_changed_article_does_not_write(store_root: Path, article_copy: Path) -> None:
    notes = open_annotations(store_root, article_copy)
    notes.toggle([1], "claim")
    notes.store.close()
    (store_file,) = (store_root / ARTICLES_DIR).glob("*.json")
    before = store_file.read_bytes()
    article_copy.write_text("A brand new first paragraph.\n" + article_copy.read_text(encoding="utf-8"), encoding="utf-8")
    view = open_annotations(store_root, article_copy, mode=LockMode.READ)
    assert view.tags(2) == ["claim"]
    assert store_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"meta": {"1": {"newsmark_store": 1', "corrupt"),
        (b"", "empty"),
        (b'{"meta": {"1": {"newsmark_store": 1}}, "annotations": [1, 2]}', "wrong JSON shape"),
        (b'{"_default": {"1": {"a": 1}}}', "not a newsmark article store"),
        (b'{"meta": {"1": {"newsmark_store": 1}}, "annotations": {"1": {"tags": []}}}', "malformed"),
        (b"\xff\xfe garbage \x00", "corrupt"),
    ],
    ids=["truncated", "empty", "wrong-shape", "foreign", "malformed-record", "garbage"],
)
def test_bad_store_files_are_named_and_left_untouched(store_root: Path, article_copy: Path, content: bytes, reason: str) -> None:
    open_annotations(store_root, article_copy).store.close()
    from annotations.store.folder import article_key

    bad = store_root / ARTICLES_DIR / f"{article_key(str(article_copy.resolve()))}.json"
    bad.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_annotations(store_root, article_copy)
    assert str(bad) in str(caught.value) and reason in str(caught.value)
    assert bad.read_bytes() == content


def test_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a newsmark store folder"):
        Store(tmp_path)
    a_file = tmp_path / "notes.txt"
    with pytest.raises(StoreError, match="is a file"):
        Store(a_file)
    assert a_file.read_text() == "mine"


def test_failed_save_is_reported_and_memory_matches_disk(store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import annotations.store.storage as storage

    notes = open_annotations(store_root, article_copy)
    notes.toggle([1], "claim")
    (store_file,) = (store_root / ARTICLES_DIR).glob("*.json")
    saved = store_file.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(StoreError, match="could not save: No space left on device"):
        notes.toggle([2], "claim")
    assert notes.tags(2) == [] and notes.tags(1) == ["claim"]
    assert store_file.read_bytes() == saved
    assert [p.name for p in store_file.parent.iterdir()] == [store_file.name]  # no temp file left
    monkeypatch.undo()
    notes.toggle([2], "claim")  # the app keeps working once the disk has room
    assert notes.tags(2) == ["claim"]
    assert notes.undo().sentences == (2,)
    notes.store.close()


def _sound_record() -> dict[str, object]:
    return {
        "id": "r1",
        "article": {"sha256": "0" * 64, "path": "/a.txt", "title": "A"},
        "sentence": 1,
        "section": 1,
        "section_title": "A",
        "text": "One.",
        "selector": {"exact": "One.", "prefix": "", "suffix": "", "start": 0, "end": 4},
        "tags": ["claim"],
        "note": "",
        "annotator": "ana",
        "created": "2026-11-25T20:35:04.123456Z",
        "updated": "2026-11-25T20:35:04.123456Z",
        "group": "",
        "anchor": "exact",
        "quote": "",
        "orphan": False,
    }


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (None, None, None),
        ("sentence", True, "field 'sentence' is not a whole number"),
        ("sentence", "1", "field 'sentence' is not a whole number"),
        ("tags", ["claim", 3], "field 'tags' is not a list of text"),
        ("tags", "claim", "field 'tags' is not a list of text"),
        ("selector", {"exact": "One.", "prefix": "", "suffix": "", "start": 0}, "field 'end' is not a whole number"),
        ("selector", [], "field 'selector' is not a mapping"),
        ("note", None, "field 'note' is not text"),
        ("text", ..., "no field 'text'"),
        ("group", ..., None),  # newer than some stores: missing means its default
        ("orphan", 0, "field 'article' or 'orphan' has the wrong kind"),
        ("article", "x", "field 'article' or 'orphan' has the wrong kind"),
    ],
)
def test_a_stored_record_is_checked_field_by_field_whatever_path_the_check_takes(
    field: str | None, value: object, problem: str | None
) -> None:
    """The one-pass check of sound records (export opens every file) answers as the
    field-by-field one: each defect is still named."""
    from annotations.store.record_checks import stored_record_problem

    record = _sound_record()
    if field is not None:
        if value is ...:
            del record[field]
        else:
            record[field] = value
    assert stored_record_problem(record) == problem
