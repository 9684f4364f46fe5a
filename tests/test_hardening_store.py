"""The store keeps every acknowledged change: clocks, bulk changes, undo size, merged and
damaged records, moved text in other Unicode forms, file names that are not UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from annotations.errors import StoreError
from annotations.exchange.export import article_entry, build_export, dump_export
from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store
from annotations.store.records import MAX_NOTE_CHARS, Record

from .helpers import export_store, hours_ahead


def cli(*args: str, store: Path, annotator: str = "ana") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": annotator, "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def opened(store: Store, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=annotator, schema=TagSchema())


def read(store_root: Path, path: Path, annotator: str = "ana") -> list[Record]:
    with Store(store_root, mode=LockMode.READ) as store:
        return opened(store, path, annotator).records()


# -- clocks -------------------------------------------------------------------------------


def test_a_local_edit_wins_over_an_import_stamped_in_the_future(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """A colleague's clock runs most of a day ahead (further is refused on import): their
    record imports, the local edit after it must still be newer, and importing their file
    again must not take the edit back."""
    with Store(store_root) as store:
        opened(store, article_copy).edit([3], add=["claim"], note="first")
    document = yaml.safe_load(export_store(store_root))
    record = document["articles"][0]["annotations"][0]
    record["note"] = "from a skewed clock"
    skew = record["updated"] = hours_ahead(20)
    skewed = tmp_path / "skewed.yaml"
    skewed.write_bytes(dump_export(document))
    with Store(store_root) as store:
        assert import_articles(store, load_export_file(skewed)).updated == 1
        notes = opened(store, article_copy)
        assert notes.note(3) == "from a skewed clock"
        notes.set_note([3], "local edit")
    with Store(store_root) as store:
        again = import_articles(store, load_export_file(skewed))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 0)
    assert [d.fields for d in again.kept] == [("note",)]  # the older file's note differs: reported, not taken
    (kept,) = read(store_root, article_copy)
    assert kept["note"] == "local edit" and kept["updated"] > skew


def test_undo_after_a_future_import_is_newer_too(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes = opened(store, article_copy)
        notes.edit([5], add=["figure"])
        notes.edit([5], add=["claim"])
        stored = notes.records()[0]
        stored["updated"] = "2126-01-01T00:00:00.000000Z"
        notes.file.put(stored)
        notes = opened(store, article_copy)
        assert notes.undo()
        assert notes.records()[0]["tags"] == ["figure"] and notes.records()[0]["updated"] > "2126"


# -- bulk changes and one toggle ------------------------------------------------------------


def test_a_range_change_is_one_write_and_never_goes_through_tinydbs_per_document_table(
    tmp_path: Path, store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of TinyDB's Table.insert/update/remove rebuilds the whole table: a range of n
    sentences in an article of N records cost n x N. The store must change records in one pass."""
    from tinydb.table import Table

    from annotations.store.storage import DurableJSONStorage

    path = tmp_path / "long.txt"
    path.write_text("\n".join(f"Paragraph {n} says the depot held {n} shells." for n in range(3000)) + "\n", encoding="utf-8")
    writes: list[int] = []
    original = DurableJSONStorage._flush

    def counted(self: DurableJSONStorage) -> None:
        writes.append(1)
        original(self)

    monkeypatch.setattr(DurableJSONStorage, "_flush", counted)
    for name in ("insert", "insert_multiple", "update", "remove"):
        monkeypatch.setattr(Table, name, _guard(getattr(Table, name)))
    with Store(store_root) as store:
        notes = opened(store, path)
        writes.clear()
        change = notes.add_tags(range(1, 3001), ["claim"])
        assert len(change.sentences) == 3000 and len(writes) == 1
        writes.clear()
        notes.toggle([1500], "figure")
        assert len(writes) == 1 and notes.tags(1500) == ["claim", "figure"] and notes.tagged_count == 3000
        notes.clear(range(1, 3001))
        assert notes.tagged_count == 0 and notes.records() == []
        assert notes.undo() and notes.tagged_count == 3000


def _guard(function: Any) -> Any:
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.name == "annotations":
            raise AssertionError(f"an annotation went through TinyDB's Table.{function.__name__}")
        return function(self, *args, **kwargs)

    return guarded


# -- undo history and notes -------------------------------------------------------------------


def test_toggling_tags_on_a_long_note_does_not_copy_the_note_into_every_undo_step(store_root: Path, article_copy: Path) -> None:
    note = "A long note. " * (MAX_NOTE_CHARS // 13)
    with Store(store_root) as store:
        notes = opened(store, article_copy)
        notes.set_note([4], note)
        for _ in range(100):
            notes.toggle([4], "claim")
    from annotations.store.storage import DurableJSONStorage

    (store_file,) = (store_root / ARTICLES_DIR).glob("*.json")
    tables = DurableJSONStorage(store_file, read_only=True).read()
    assert tables is not None
    history = len(json.dumps(tables["history"]))
    assert history < 5 * len(note), f"undo history of {history:,} bytes for a {len(note):,}-character note and 100 toggles"
    with Store(store_root) as store:
        notes = opened(store, article_copy)
        for _ in range(100):
            assert notes.undo()
        assert notes.note(4) == note.strip("\n") and notes.tags(4) == []
        assert notes.undo() and notes.note(4) == ""
        assert notes.redo() and notes.note(4) == note.strip("\n")


def test_too_long_a_note_is_refused_in_one_line_and_nothing_changes(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes = opened(store, article_copy)
        with pytest.raises(StoreError, match="note too long"):
            notes.edit([2], add=["claim"], note="x" * (MAX_NOTE_CHARS + 1))
        assert notes.records() == []
    result = cli("tag", str(article_copy), "2", "claim", "--note", "y" * (MAX_NOTE_CHARS + 1), store=store_root)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "note too long" in result.stderr
    record = {
        "sentence": 2, "section": 1, "section_title": "Lede", "text": "A sentence.", "tags": ["claim"], "note": "z" * (MAX_NOTE_CHARS + 1),
        "annotator": "ana", "created": "2026-01-01T00:00:00.000000Z", "updated": "2026-01-01T00:00:00.000000Z", "id": "a-1",
        "selector": {"exact": "A sentence.", "prefix": "", "suffix": "", "start": 0, "end": 11},
    }  # fmt: skip
    export = tmp_path / "long-note.yaml"
    export.write_bytes(
        dump_export(
            {"newsmark_export": 1, "articles": [{"title": "T", "path": "/a.txt", "sha256": "a" * 64, "meta": {}, "annotations": [record]}]}
        )
    )
    imported = cli("import", str(export), store=store_root)
    assert imported.returncode == 2 and "field 'note' is too long" in imported.stderr


# -- two records of one annotator on one sentence ----------------------------------------------


def test_records_of_one_annotator_that_meet_on_a_sentence_are_merged(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        opened(store, article_copy).edit([6], add=["claim"], note="mine")
    article = load_article(article_copy)
    sentence = article.sentence(6)
    other = {
        "sentence": 6, "section": sentence.section, "section_title": article.sections[sentence.section - 1].label, "text": sentence.text,
        "tags": ["source"], "note": "from the other machine", "annotator": "ana", "created": "2026-01-02T00:00:00.000000Z",
        "updated": "2026-01-02T00:00:00.000000Z", "id": "imported-record",
        "selector": {"exact": sentence.text, "prefix": "", "suffix": "", "start": sentence.start, "end": sentence.end},
    }  # fmt: skip
    export = tmp_path / "other.yaml"
    entry = article_entry(title=article.title, path=article.path, sha256=article.sha256, meta=article.meta, records=[], orphans=[])
    document = build_export([entry])
    document["articles"][0]["annotations"] = [other]  # type: ignore[list-item]
    export.write_bytes(dump_export(document))
    assert cli("import", str(export), store=store_root).returncode == 0
    removed = cli("tag", str(article_copy), "6", "claim", "source", "--remove", store=store_root)
    assert removed.returncode == 0 and "1 of 1 sentence(s) changed" in removed.stdout, removed.stdout + removed.stderr
    (merged,) = read(store_root, article_copy)
    assert merged["tags"] == [] and merged["note"] == "from the other machine\n\nmine"  # oldest first


# -- damaged store files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda r: r.update(tags="claim"), "field 'tags'"),
        (lambda r: r.pop("text"), "no field 'text'"),
        (lambda r: r.update(selector="exact"), "field 'selector' is not a mapping"),
        (lambda r: r["selector"].update(start="0"), "field 'start'"),
        (lambda r: r.update(note=None), "field 'note'"),
    ],
    ids=["tags-string", "no-text", "selector-string", "start-string", "note-null"],
)
def test_a_damaged_record_in_a_store_file_is_one_line_and_left_untouched(
    store_root: Path, article_copy: Path, damage: Any, reason: str
) -> None:
    assert cli("tag", str(article_copy), "3", "claim", store=store_root).returncode == 0
    (file,) = (store_root / ARTICLES_DIR).glob("*.json")
    data = json.loads(file.read_bytes())
    damage(next(iter(data["annotations"].values())))
    file.write_text(json.dumps(data), encoding="utf-8")
    before = file.read_bytes()
    for command in (["tag", str(article_copy), "3", "figure"], ["export"], ["stats"]):
        result = cli(*command, store=store_root)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert len(result.stderr.splitlines()) == 1 and str(file) in result.stderr and reason in result.stderr, result.stderr
    assert file.read_bytes() == before


# -- the text of an article saved again ------------------------------------------------------


def test_an_article_saved_again_in_decomposed_unicode_keeps_its_annotations(store_root: Path, tmp_path: Path) -> None:
    text = "Café owners in Zürich said prices rose. The mayor's office declined to comment.\n"
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    assert cli("tag", str(path), "1", "claim", store=store_root).returncode == 0
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    (record,) = read(store_root, path)
    assert record["sentence"] == 1 and record["tags"] == ["claim"] and not record.get("orphan")


def test_a_file_name_that_is_not_utf8_can_be_tagged_and_exported(store_root: Path, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-report.txt")
    path = tmp_path / name
    path.write_text("Officials said the plan works. Critics disagreed.\n", encoding="utf-8")
    tagged = subprocess.run(
        [sys.executable, "-m", "tui.cli", "tag", os.fsencode(path), "1", "claim"],  # type: ignore[list-item]
        capture_output=True,
        env={**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""},
        timeout=120,
    )
    assert tagged.returncode == 0, tagged.stderr
    exported = cli("export", store=store_root)
    assert exported.returncode == 0 and "caf\\xe9-report.txt" in exported.stdout
    assert read(store_root, path)[0]["tags"] == ["claim"]


# -- one code path for the store-wide export and export FILE ----------------------------------


def test_the_store_wide_export_anchors_imported_records_as_export_file_does(tmp_path: Path, article_copy: Path) -> None:
    """A colleague tagged the article's first version; here it was corrected (a paragraph
    added at the top). After importing their export, `export` and `export FILE` must list
    their record on the same sentence of the current text."""
    theirs, mine = tmp_path / "theirs", tmp_path / "mine"
    assert cli("tag", str(article_copy), "5", "figure", store=theirs, annotator="bo").returncode == 0
    their_export = tmp_path / "theirs.yaml"
    assert cli("export", "-o", str(their_export), store=theirs).returncode == 0
    original = article_copy.read_text(encoding="utf-8")
    article_copy.write_text("Editor's note: this article was corrected on Friday.\n" + original, encoding="utf-8")
    assert cli("tag", str(article_copy), "1", "claim", store=mine).returncode == 0
    assert cli("import", str(their_export), store=mine).returncode == 0
    store_wide = yaml.safe_load(cli("export", store=mine).stdout)
    one_file = yaml.safe_load(cli("export", str(article_copy), store=mine).stdout)
    assert store_wide == one_file
    (article,) = store_wide["articles"]
    bo = next(r for r in article["annotations"] if r["annotator"] == "bo")
    assert bo["text"] == load_article(article_copy).sentence(bo["sentence"]).text and bo["sentence"] != 5
    stats_wide = cli("stats", store=mine).stdout
    assert stats_wide == cli("stats", str(article_copy), store=mine).stdout


def test_undo_history_does_not_survive_a_change_of_the_text(store_root: Path, article_copy: Path) -> None:
    """Steps name sentence numbers of the text they were made on: after the text changed,
    undo must not put a tag on whatever sentence now has that number."""
    assert cli("tag", str(article_copy), "5", "claim", store=store_root).returncode == 0
    assert cli("tag", str(article_copy), "5", "claim", "--remove", store=store_root).returncode == 0
    article_copy.write_text("A new first paragraph, added by the editors.\n" + article_copy.read_text(encoding="utf-8"), encoding="utf-8")
    undone = cli("undo", str(article_copy), store=store_root)
    assert undone.returncode == 1 and "nothing to undo" in undone.stdout
    assert read(store_root, article_copy) == []


def merge_fixture(tmp_path: Path, store_root: Path, article_copy: Path, notes: tuple[str, str]) -> Path:
    """Two records of ana on sentence 6 (one tagged here, one imported), with these notes."""
    with Store(store_root) as store:
        opened(store, article_copy).edit([6], add=["claim"], note=notes[0])
    article = load_article(article_copy)
    sentence = article.sentence(6)
    other = {
        "sentence": 6, "section": sentence.section, "section_title": article.sections[sentence.section - 1].label, "text": sentence.text,
        "tags": ["source"], "note": notes[1], "annotator": "ana", "created": "2026-01-02T00:00:00.000000Z",
        "updated": "2026-01-02T00:00:00.000000Z", "id": "imported-record",
        "selector": {"exact": sentence.text, "prefix": "", "suffix": "", "start": sentence.start, "end": sentence.end},
    }  # fmt: skip
    document = build_export(
        [article_entry(title=article.title, path=article.path, sha256=article.sha256, meta=article.meta, records=[], orphans=[])]
    )
    document["articles"][0]["annotations"] = [other]  # type: ignore[list-item]
    export = tmp_path / "other.yaml"
    export.write_bytes(dump_export(document))
    assert cli("import", str(export), store=store_root).returncode == 0
    return export


def test_the_store_wide_export_shows_merged_records_as_opening_does_and_is_stable(
    tmp_path: Path, store_root: Path, article_copy: Path
) -> None:
    merge_fixture(tmp_path, store_root, article_copy, ("mine", "theirs"))
    store_wide = cli("export", store=store_root).stdout
    assert store_wide == cli("export", store=store_root).stdout  # nothing stamped "now" in a read-only view
    assert yaml.safe_load(store_wide) == yaml.safe_load(cli("export", str(article_copy), store=store_root).stdout)
    (record,) = yaml.safe_load(store_wide)["articles"][0]["annotations"]
    assert record["tags"] == ["claim", "source"] and record["note"] == "theirs\n\nmine"


def test_merging_never_cuts_a_note_and_never_repeats_one(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    long_a, long_b = "a" * 15_000, "b" * 15_000
    merge_fixture(tmp_path, store_root, article_copy, (long_a, long_b))
    records = read(store_root, article_copy)
    assert sorted(r["note"] for r in records) == [long_a, long_b]  # too long together: both kept whole
    other_root = tmp_path / "other-store"
    export = merge_fixture(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path, other_root, article_copy, ("A", "B"))
    assert [r["note"] for r in read(other_root, article_copy)] == ["B\n\nA"]
    assert cli("import", str(export), store=other_root).returncode == 0  # the absorbed record comes back...
    assert [r["note"] for r in read(other_root, article_copy)] == ["B\n\nA"]  # ...and adds nothing twice
