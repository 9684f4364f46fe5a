"""``newsmark import FILE --from w3c``: newsmark's own W3C export round-trips into an
empty store with the same records; W3C annotations of other tools (one Annotation, a
page, ``bodyValue``) import; bad input is one line. Real stores, real ``newsmark``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .test_cli_daily import newsmark, one_error_line

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"


@pytest.fixture
def tagged(tmp_path: Path) -> tuple[Path, Path]:
    """A store with a sentence with a note, a range, a span with a note, another
    annotator's record and an orphan (its sentence edited away): (store, article)."""
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", article)
    store = tmp_path / "store"
    for args in (
        ["2", "claim", "--note", "Which bank?\nAsk."],
        ["3-5", "figure"],
        ["6", "concern", "--span", "approx. 300,000 shells", "--note", "Per year?"],
        ["7", "source", "--annotator", "bo"],
        ["8", "claim"],
    ):
        result = newsmark("tag", str(article), *args, store=store)
        assert result.returncode == 0, result.stderr
    sentence_8 = json.loads(newsmark("parse", str(article), "--json").stdout)
    text = next(s["text"] for sec in sentence_8["sections"] for p in sec["paragraphs"] for s in p if s["n"] == 8)
    article.write_text(article.read_text(encoding="utf-8").replace(text, "An entirely new sentence stands here now."), encoding="utf-8")
    return store, article


def export_json(store: Path, *files: str) -> dict[str, Any]:
    result = newsmark("export", *files, "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def placed_nowhere(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its orphans' old place left out: an orphan's words are not in the
    text, so the W3C export gives its quote only (no position, hence no sentence or
    section); an import keeps everything else of it."""
    for entry in document["articles"]:
        for orphan in entry.get("orphans", []):
            for name in ("sentence", "section", "section_title"):
                del orphan[name]
            del orphan["selector"]["start"], orphan["selector"]["end"]
    return document


def test_w3c_round_trip_into_an_empty_store_gives_the_same_records(tmp_path: Path, tagged: tuple[Path, Path]) -> None:
    store, article = tagged
    w3c = tmp_path / "out.jsonld"
    assert newsmark("export", str(article), "--format", "w3c", "-o", str(w3c), store=store).returncode == 0
    before = export_json(store, str(article))
    assert before["articles"][0]["orphans"], "the fixture's orphan is missing"
    empty = tmp_path / "empty"
    result = newsmark("import", str(w3c), "--from", "w3c", "--article", str(article), store=empty)
    assert result.returncode == 0, result.stderr
    assert "imported 7 annotation(s): 1 as spans, 5 on sentences, 1 orphaned" in result.stdout
    assert placed_nowhere(export_json(empty, str(article))) == placed_nowhere(before)
    again = newsmark("import", str(w3c), "--from", "w3c", "--article", str(article), store=empty)
    assert "0 added, 0 updated, 0 removed, 7 unchanged" in again.stdout


def test_the_content_iri_finds_the_stored_article(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", article)
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "2", "claim", store=store).returncode == 0
    w3c = tmp_path / "out.jsonld"
    assert newsmark("export", "--format", "w3c", "-o", str(w3c), store=store).returncode == 0
    document = json.loads(w3c.read_text(encoding="utf-8"))
    item = document["first"]["items"][0]
    assert item["target"]["source"].startswith("urn:sha256:")
    item["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    item["body"] = [{"type": "TextualBody", "value": "Figure", "purpose": "tagging"}]
    w3c.write_text(json.dumps(item), encoding="utf-8")  # one Annotation, alone
    result = newsmark("import", str(w3c), "--from", "w3c", "--annotator", "bo", store=store)
    assert result.returncode == 0, result.stderr
    records = export_json(store)["articles"][0]["annotations"]
    assert sorted((r["sentence"], r["annotator"], r["tags"]) for r in records) == [(2, "ana", ["claim"]), (2, "bo", ["figure"])]
    assert "00000000-0000-4000-8000-000000000001" in {r["id"] for r in records}


def test_another_tools_page_with_body_value_and_a_plain_creator(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", article)
    page = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://annotations.example/page1",
        "type": "AnnotationPage",
        "items": [
            {
                "id": "https://annotations.example/anno/7",
                "type": "Annotation",
                "motivation": "commenting",
                "creator": "acct:dee@annotations.example",
                "created": "2026-10-01T08:00:00+02:00",
                "bodyValue": "Is this sourced?",
                "target": {
                    "source": "https://elsewhere.example/story",
                    "selector": {"type": "TextQuoteSelector", "exact": "approx. 300,000 shells"},
                },
            },
            {"id": "https://annotations.example/anno/8", "type": "Annotation", "target": "https://elsewhere.example/story"},
        ],
    }
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    store = tmp_path / "store"
    result = newsmark("import", str(path), "--from", "w3c", "--article", str(article), store=store)
    assert result.returncode == 0, result.stderr
    assert "left out: 1 on the whole article" in result.stdout
    (record,) = export_json(store)["articles"][0]["annotations"]
    assert (record["note"], record["tags"], record["annotator"]) == ("Is this sourced?", [], "dee")
    assert record["span"]["quote"] == "approx. 300,000 shells"
    assert record["created"] == record["updated"] == "2026-10-01T06:00:00.000000Z"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[1, 2", "not valid JSON"),
        ('{"type": "Thing"}', "not W3C Web Annotation JSON"),
        ('{"type": "Annotation", "target": "x:y"}', "annotation 1 has no 'id'"),
        ('{"type": "AnnotationCollection", "first": "https://x.example/page1"}', "the collection's first page is not embedded"),
    ],
)
def test_bad_w3c_input_is_one_line_and_exit_2(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_text(content, encoding="utf-8")
    line = one_error_line(
        newsmark("import", str(path), "--from", "w3c", "--article", str(SAMPLES / "grid-outage.txt"), store=tmp_path / "s")
    )
    assert f"bad.jsonld: {reason}" in line
    assert not (tmp_path / "s").exists()


def test_a_w3c_file_without_from_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonld"
    path.write_text('{"type": "AnnotationCollection"}', encoding="utf-8")
    line = one_error_line(newsmark("import", str(path), store=tmp_path / "s"))
    assert "import it with 'newsmark import FILE --from w3c'" in line
