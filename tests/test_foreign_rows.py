"""What an import of another tool's file says of what it cannot take (tryout 1, defects
2, 3, 4, 7, 8, 14): a row of the wrong shape is one error line naming it, never counted
as something else nor a tag silently lost; an annotation on no words says why it was
left out; contradictory ``--tag-map`` entries are refused; a quote not in the article
was never on a sentence, and no export says it was. Real stores, real ``newsmark``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from .test_cli_daily import newsmark, one_error_line
from .test_hypothesis_import import URI, article, offset, row, write_rows

__all__ = ["article"]  # the fixture


def run(tmp_path: Path, article: Path, rows: list[Any], *extra: str) -> Any:
    path = write_rows(tmp_path, rows)
    return newsmark("import", str(path), "--from", "hypothesis", "--article", str(article), *extra, store=tmp_path / "store")


def broken(change: dict[str, Any], drop: str = "") -> dict[str, Any]:
    good = row("41 new cases", "Officials reported ", " of fraud", start=0, tags=["figure"])
    good.update(change)
    good.pop(drop, None)
    return good


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (broken({"target": "oops"}), "its 'target' is not a list of targets"),
        (broken({"uri": 5}), "its 'uri' is not text"),
        (broken({}, drop="target"), "its 'target' is not a list of targets"),
        (broken({"target": [{"source": URI, "selector": [{"type": "TextQuoteSelector", "prefix": "x"}]}]}), "has no 'exact' text"),
        (broken({"tags": "figure", "text": ""}), "its 'tags' is not a list of text"),
        (broken({"text": ["a note"]}), "its 'text' is not text"),
    ],
)
def test_a_row_of_the_wrong_shape_is_one_error_naming_it(tmp_path: Path, article: Path, bad: dict[str, Any], reason: str) -> None:
    good = row("the budget", "council approved ", " on Monday", start=0, tags=["claim"], number=2)
    line = one_error_line(run(tmp_path, article, [good, bad]))
    assert f"annotation 2 ({bad['id']}): " in line and reason in line, line
    assert not (tmp_path / "store").exists() or "0 tagged" in newsmark("stats", store=tmp_path / "store").stdout


def test_page_notes_and_replies_are_named_for_what_they_are(tmp_path: Path, article: Path) -> None:
    note = broken({"target": [{"source": URI}], "id": "PageNote000000000001"})
    reply = broken({"target": [{"source": URI}], "id": "Reply000000000000001", "references": ["PageNote000000000001"]})
    result = run(tmp_path, article, [note, reply])
    assert result.returncode == 0, result.stderr
    assert "left out: 1 page note, 1 reply" in result.stdout, result.stdout


def test_w3c_positions_only_and_whole_article_targets_say_so(tmp_path: Path, article: Path) -> None:
    source = "urn:sha256:" + "0" * 64
    items = [
        {
            "id": "urn:uuid:8f5a1b0e-3c9d-4f0a-9b7e-2d1c0a9e8b71",
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "FIGURE", "purpose": "tagging"},
            "target": {"source": source, "selector": {"type": "TextPositionSelector", "start": 10, "end": 20}},
        },
        {
            "id": "urn:uuid:8f5a1b0e-3c9d-4f0a-9b7e-2d1c0a9e8b72",
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "claim", "purpose": "tagging"},
            "target": source,
        },
    ]
    path = tmp_path / "w3c.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    result = newsmark("import", str(path), "--from", "w3c", "--article", str(article), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert "page note" not in result.stdout and "replies" not in result.stdout
    assert (
        "left out: 1 with positions only (no TextQuoteSelector; positions alone are not anchored), 1 on the whole article" in result.stdout
    ), result.stdout


def test_contradictory_tag_maps_are_one_error_naming_both(tmp_path: Path, article: Path) -> None:
    rows = [row("41 new cases", "", "", start=0, tags=["numbers"])]
    line = one_error_line(run(tmp_path, article, rows, "--tag-map", "Numbers=figure", "--tag-map", "numbers=claim"))
    assert line == "newsmark: --tag-map: 'Numbers=figure' and 'numbers=claim' map one tag (tags match in any case) to two tags"
    assert run(tmp_path, article, rows, "--tag-map", "Numbers=figure", "--tag-map", "numbers=f").returncode == 0


def test_article_without_from_and_a_bad_accept_tag_read_right(tmp_path: Path, article: Path) -> None:
    path = write_rows(tmp_path, [])
    line = one_error_line(newsmark("import", str(path), "--article", str(article), store=tmp_path / "store"))
    assert line.endswith(": --article needs --from w3c|hypothesis"), line
    line = one_error_line(newsmark("suggest", str(article), "--accept", "2:bogus", store=tmp_path / "store"))
    assert line.startswith("newsmark: suggest: --accept 2:bogus: unknown tag 'bogus'"), line


def test_a_quote_not_in_the_article_is_on_no_sentence_in_any_export(tmp_path: Path, article: Path) -> None:
    exact = "the governor resigned in protest"
    orphan = row(exact, "Meanwhile ", ", aides said", start=offset("The audit office") + 40, tags=["concern"], text="Where?")
    assert run(tmp_path, article, [orphan]).returncode == 0
    store = tmp_path / "store"
    rows = list(csv.DictReader(io.StringIO(newsmark("export", str(article), "--format", "csv", store=store).stdout)))
    ((found),) = rows
    assert found["orphan"] == "yes" and found["text"] == exact
    assert (found["sentence"], found["section"], found["section_title"]) == ("", "", "")
    document = json.loads(newsmark("export", str(article), "--format", "json", store=store).stdout)
    (record,) = document["articles"][0]["orphans"]
    assert (record["selector"]["start"], record["selector"]["end"], record["section_title"]) == (0, 0, "")
    w3c = json.loads(newsmark("export", str(article), "--format", "w3c", store=store).stdout)
    (item,) = w3c["first"]["items"]
    assert [selector["type"] for selector in item["target"]["selector"]] == ["TextQuoteSelector"]
    assert item["target"]["selector"][0]["exact"] == exact
