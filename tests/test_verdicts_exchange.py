"""Verdicts, evidence, grades and links in exports: YAML (in newsmark's own layout) and
JSON carry them, CSV shows status, grade and evidence count, an import into an empty
store gives the same export back byte for byte, the split export carries them, and a
bad value in a hand-edited export is one clear error."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from annotations.errors import ImportFormatError
from annotations.exchange.formats import format_of_file
from annotations.exchange.import_review import refuse_unknown_tags
from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.hygiene import clean_field
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.store.spans import find_words

from .helpers import export_store
from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"
#: Text YAML must take care with: quotes, a colon, a line break, a tab, C1 and bidi
#: controls, a line separator, emoji, and words YAML reads as booleans or numbers.
AWKWARD = 'He said: "no"\n\tyes # not a comment \x85 \u202e \u2028 🙂 false 1e3'
#: What a note or a rationale keeps of it (see annotations.formats.hygiene).
KEPT = clean_field(AWKWARD)


@pytest.fixture
def assessed(tmp_path: Path) -> tuple[Path, Path]:
    """A store with a false claim (evidence, rationale, history), a graded source, a
    claim attributed to it and a checked span: (store, article)."""
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    with Store(store) as opened, open_article(opened, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.edit([7, 8], add=["claim"])
        notes.edit([9], add=["source"])
        notes.set_status(8, "checking")
        notes.set_status(8, "false", note=AWKWARD, evidence=[("url", "https://stats.example.org/q3"), ("text", AWKWARD)])
        notes.set_grade(9, "B2")
        notes.link(7, notes.link_end(9), "attributed-to")
        shells = find_words(notes.article, 6, "approx. 300,000 shells")
        notes.edit_span(shells, add=["figure"])
        notes.set_status(shells, "unverifiable")
    return store, article


def records(document: dict[str, object]) -> list[dict[str, object]]:
    return [r for article in document["articles"] for r in article["annotations"]]  # type: ignore[attr-defined,index]


def by_sentence(document: dict[str, object], sentence: int, span: bool = False) -> dict[str, object]:
    return next(r for r in records(document) if r["sentence"] == sentence and ("span" in r) == span)


def test_yaml_carries_the_assessment_in_its_own_layout_as_pyyaml_reads_it(tmp_path: Path, assessed: tuple[Path, Path]) -> None:
    store, _ = assessed
    data = export_store(store)
    path = tmp_path / "checked.yaml"
    read, own_layout = format_of_file(path).load(data.decode("utf-8"), path)
    assert own_layout, "the assessment made the export fall back to PyYAML"
    assert read == yaml.safe_load(data)
    false = by_sentence(read, 8)
    assert list(false)[-4:] == ["status", "rationale", "evidence", "status_history"]
    assert (false["status"], false["rationale"]) == ("false", KEPT)
    assert [(e["kind"], e["value"], e["by"]) for e in false["evidence"]] == [  # type: ignore[attr-defined]
        ("url", "https://stats.example.org/q3", "ana"),
        ("text", KEPT, "ana"),
    ]
    assert [(h["from"], h["to"]) for h in false["status_history"]] == [("unverified", "checking"), ("checking", "false")]  # type: ignore[attr-defined]
    assert by_sentence(read, 9)["grade"] == "B2"
    [link] = by_sentence(read, 7)["links"]  # type: ignore[misc]
    assert link["as"] == "attributed-to" and list(link["to"]) == ["path", "content", "sentence"] and link["to"]["sentence"] == 9
    assert by_sentence(read, 6, span=True)["status"] == "unverifiable"
    assert "status" not in by_sentence(read, 9)  # only what was set is written


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_an_import_into_an_empty_store_gives_the_same_export_back(tmp_path: Path, assessed: tuple[Path, Path], fmt: str) -> None:
    store, _ = assessed
    first = export_store(store, fmt=fmt)
    path = tmp_path / f"checked.{fmt}"
    path.write_bytes(first)
    other = tmp_path / "other"
    with Store(other) as opened:
        assert import_articles(opened, load_export_file(path)).added == 4
    assert export_store(other, fmt=fmt) == first
    assert json.loads(export_store(other, fmt="json")) == yaml.safe_load(export_store(store))


def test_csv_shows_status_grade_and_evidence_count(assessed: tuple[Path, Path]) -> None:
    store, _ = assessed
    rows = list(csv.DictReader(io.StringIO(export_store(store, fmt="csv").decode("utf-8"))))
    assert list(rows[0])[-7:-4] == ["status", "grade", "evidence_count"]
    shown = {(row["sentence"], row["span_quote"]): (row["status"], row["grade"], row["evidence_count"]) for row in rows}
    assert shown == {
        ("6", "approx. 300,000 shells"): ("unverifiable", "", "0"),
        ("7", ""): ("", "", "0"),
        ("8", ""): ("false", "", "2"),
        ("9", ""): ("", "B2", "0"),
    }


def test_the_split_export_carries_the_assessment_and_imports_back(tmp_path: Path, assessed: tuple[Path, Path]) -> None:
    store, _ = assessed
    folder = tmp_path / "team"
    assert newsmark("export", "--split", str(folder), store=store).returncode == 0
    (written,) = list(folder.rglob("*.yaml"))
    assert by_sentence(yaml.safe_load(written.read_bytes()), 8)["status"] == "false"
    other = tmp_path / "other"
    assert newsmark("import", str(folder), store=other).returncode == 0
    assert export_store(other) == export_store(store)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: r.update(grade="G9"), "field 'grade' must be a grade such as B2"),
        (lambda r: r.update(evidence=[{"kind": "photo", "value": "x", "by": "a", "at": "2026-12-01T10:00:00Z"}]), "field 'kind' must be url, sentence or text"),
        (lambda r: r.update(evidence="a link"), "field 'evidence' must be a list of mappings with kind, value, by, at"),
        (lambda r: r.update(evidence=[{"kind": "url", "value": "x", "by": "a", "at": "yesterday"}]), "field 'at' is not an ISO 8601 timestamp"),
        (lambda r: r.update(links=[{"as": "likes", "to": {"path": "a.txt", "sentence": 2}}]), "field 'as' must be attributed-to, corroborates or contradicts"),
        (lambda r: r.update(links=[{"as": "corroborates", "to": {"path": "a.txt", "sentence": 0}}]), "field 'sentence' must be a whole number >= 1"),
        (lambda r: r.update(status=""), "field 'status' must be non-empty text"),
    ],
)  # fmt: skip
def test_a_bad_assessment_in_a_hand_edited_export_is_one_clear_error(
    tmp_path: Path, assessed: tuple[Path, Path], change, error: str
) -> None:  # type: ignore[no-untyped-def]
    store, _ = assessed
    document = json.loads(export_store(store, fmt="json"))
    change(by_sentence(document, 8))
    path = tmp_path / "hand.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    with pytest.raises(ImportFormatError) as raised:
        load_export_file(path)
    assert error in str(raised.value) and "annotation" in str(raised.value)


def test_a_status_off_the_scale_is_refused_and_a_link_without_content_imports(tmp_path: Path, assessed: tuple[Path, Path]) -> None:
    store, _ = assessed
    document = json.loads(export_store(store, fmt="json"))
    del by_sentence(document, 7)["links"][0]["to"]["content"]  # type: ignore[index]
    by_sentence(document, 8)["status"] = "pants-on-fire"
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = load_export_file(path)
    assert next(r for r in loaded[0].records if r["sentence"] == 7)["links"][0]["to"]["content"] == ""
    with pytest.raises(ImportFormatError, match="unknown status 'pants-on-fire'"):
        refuse_unknown_tags(path, ((a.path, a.records) for a in loaded), TagSchema())
