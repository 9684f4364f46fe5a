"""Spans in every export (YAML, JSON, CSV, the split export), imported back byte for
byte; exports without spans still import; stats count spans. Real stores, real files,
real ``newsmark`` subprocesses."""

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
from annotations.exchange.importing import import_articles, load_export_file
from annotations.store.folder import Store

from .helpers import export_store
from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"
SHELLS = "approx. 300,000 shells"


@pytest.fixture
def tagged(tmp_path: Path) -> tuple[Path, Path]:
    """A store with a whole-sentence record, two span records on one sentence (one
    noted) and a span on another: (store, article)."""
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    for args in (
        ["6", "claim"],
        ["6", "figure", "--span", SHELLS, "--note", 'Which "partners"?\nAsk.'],
        ["6", "source", "--span", "officials said"],
        ["2", "concern", "--span", "the"],
    ):
        result = newsmark("tag", str(article), *args, store=store)
        assert result.returncode == 0, result.stderr
    return store, article


def records(document: dict[str, object]) -> list[dict[str, object]]:
    return [r for article in document["articles"] for r in article["annotations"]]  # type: ignore[attr-defined,index]


def test_yaml_carries_span_only_on_span_records_and_reads_back_in_its_own_layout(tmp_path: Path, tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    data = export_store(store)
    path = tmp_path / "spans.yaml"
    path.write_bytes(data)
    read, own_layout = format_of_file(path).load(data.decode("utf-8"), path)
    assert own_layout, "spans made the export fall back to PyYAML"
    assert read == yaml.safe_load(data)
    found = records(read)
    assert [("span" in r, r["sentence"]) for r in found] == [(True, 2), (False, 6), (True, 6), (True, 6)]
    shells = next(r for r in found if r["tags"] == ["figure"])
    assert list(shells)[-2:] == ["selector", "span"]
    span = shells["span"]
    assert list(span) == ["start", "end", "quote", "prefix", "suffix"]  # type: ignore[arg-type]
    assert span["quote"] == SHELLS == shells["text"][span["start"] : span["end"]]  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_into_an_empty_store_export_is_byte_identical(tmp_path: Path, tagged: tuple[Path, Path], fmt: str) -> None:
    store, _ = tagged
    first = export_store(store, fmt=fmt)
    path = tmp_path / f"spans.{fmt}"
    path.write_bytes(first)
    other = tmp_path / "other"
    with Store(other) as opened:
        summary = import_articles(opened, load_export_file(path))
    assert (summary.added, summary.updated, summary.unchanged) == (4, 0, 0)
    assert export_store(other, fmt=fmt) == first
    with Store(other) as opened:
        again = import_articles(opened, load_export_file(path))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert export_store(other, fmt=fmt) == first


def test_json_carries_the_same_spans(tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    assert json.loads(export_store(store, fmt="json")) == yaml.safe_load(export_store(store))


def test_an_export_without_spans_still_imports_as_whole_sentence_records(tmp_path: Path, tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    document = json.loads(export_store(store, fmt="json"))
    for article in document["articles"]:
        article["annotations"] = [r for r in article["annotations"] if "span" not in r]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = tmp_path / "other"
    with Store(other) as opened:
        assert import_articles(opened, load_export_file(path)).added == 1
    assert [("span" in r) for r in records(json.loads(export_store(other, fmt="json")))] == [False]


def test_a_hand_written_span_without_context_imports_and_one_off_its_text_is_refused(tmp_path: Path, tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    document = json.loads(export_store(store, fmt="json"))
    shells = next(r for r in document["articles"][0]["annotations"] if r["tags"] == ["figure"])
    shells["span"] = {"start": shells["span"]["start"], "end": shells["span"]["end"], "quote": SHELLS}
    path = tmp_path / "hand.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    (article,) = load_export_file(path)
    imported = next(r for r in article.records if r["tags"] == ["figure"])
    assert imported["span"] == {"start": shells["span"]["start"], "end": shells["span"]["end"], "quote": SHELLS, "prefix": "", "suffix": ""}
    shells["span"]["quote"] = "400,000 shells"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="span: 'quote' is not the characters 'start' to 'end' of 'text'"):
        load_export_file(path)
    shells["span"] = {"start": 3, "end": "x", "quote": SHELLS}
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="field 'end' must be a whole number"):
        load_export_file(path)


def test_csv_has_span_columns_filled_on_span_records_only(tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    rows = list(csv.DictReader(io.StringIO(export_store(store, fmt="csv").decode("utf-8"))))
    assert list(rows[0])[-4:] == ["orphan", "span_start", "span_end", "span_quote"]
    whole = next(row for row in rows if row["tags"] == "claim")
    assert (whole["span_start"], whole["span_end"], whole["span_quote"]) == ("", "", "")
    shells = next(row for row in rows if row["tags"] == "figure")
    assert shells["span_quote"] == SHELLS
    assert shells["text"][int(shells["span_start"]) : int(shells["span_end"])] == SHELLS


def test_the_split_export_carries_spans_and_imports_back(tmp_path: Path, tagged: tuple[Path, Path]) -> None:
    store, _ = tagged
    folder = tmp_path / "team"
    result = newsmark("export", "--split", str(folder), store=store)
    assert result.returncode == 0, result.stderr
    (written,) = [p for p in folder.rglob("*.yaml")]
    assert [r.get("span", {}).get("quote") for r in records(yaml.safe_load(written.read_bytes()))] == [
        "the",
        None,
        SHELLS,
        "officials said",
    ]
    other = tmp_path / "other"
    assert newsmark("import", str(folder), store=other).returncode == 0
    assert export_store(other) == export_store(store)


def test_stats_count_spans_and_their_tags_once_per_sentence(tagged: tuple[Path, Path]) -> None:
    store, article = tagged
    result = newsmark("stats", str(article), "--json", store=store)
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)["articles"]
    assert row["spans"] == 3
    assert (row["tags"]["claim"], row["tags"]["figure"], row["tags"]["source"], row["tags"]["concern"]) == (1, 1, 1, 1)
    assert row["tagged"] == 2
    table = newsmark("stats", str(article), store=store)
    assert "spans" in table.stdout
