"""``newsmark import FILE --from hypothesis``: Hypothesis API JSON written by hand as its
API documents an annotation (``id``, ``created``, ``updated``, ``user``, ``uri``,
``text``, ``tags``, ``target[].selector`` with RangeSelector, TextPositionSelector and
TextQuoteSelector, ``document``, ``links``...), imported into a real store by real
``newsmark`` subprocesses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .test_cli_daily import newsmark, one_error_line

ARTICLE = """City Budget Vote
The council approved the budget on Monday. The mayor said the budget was fair to every district.
Officials reported 41 new cases of fraud in the housing office. Critics said the figure was far too low.
The audit office will publish its own report in March.
"""
URI = "https://news.example/city/budget-vote"
#: What a news page puts before the article: menus, a cookie banner (a browser counts them).
MENUS = 1500


def row(exact: str, prefix: str, suffix: str, *, start: int, tags: list[str], text: str = "", number: int = 1) -> dict[str, Any]:
    """One annotation as the Hypothesis API returns it."""
    return {
        "id": f"Qf0bZOkTEeiZdZ8iEqVT{number:02d}",
        "created": f"2026-11-0{number}T10:15:02.193458+00:00",
        "updated": f"2026-11-0{number}T11:00:00.000001+01:00",
        "user": "acct:bo_reporter@hypothes.is",
        "uri": URI,
        "text": text,
        "tags": tags,
        "group": "__world__",
        "permissions": {"read": ["group:__world__"], "admin": ["acct:bo_reporter@hypothes.is"]},
        "target": [
            {
                "source": URI,
                "selector": [
                    {
                        "type": "RangeSelector",
                        "endOffset": 20,
                        "startOffset": 0,
                        "endContainer": "/main[1]/p[2]",
                        "startContainer": "/main[1]/p[2]",
                    },
                    {"type": "TextPositionSelector", "start": start, "end": start + len(exact)},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                ],
            }
        ],
        "document": {"title": ["City Budget Vote"]},
        "links": {"html": f"https://hypothes.is/a/{number}", "incontext": f"https://hyp.is/{number}/news.example/city/budget-vote"},
        "flagged": False,
        "hidden": False,
        "user_info": {"display_name": "Bo Reporter"},
    }


def offset(words: str, occurrence: int = 1) -> int:
    """Where the article's plain text has ``words`` (its ``occurrence``-th copy)."""
    text = "\n\n".join(line for line in ARTICLE.splitlines())
    at = -1
    for _ in range(occurrence):
        at = text.index(words, at + 1)
    return at


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def write_rows(tmp_path: Path, rows: list[dict[str, Any]], name: str = "hypothesis.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"total": len(rows), "rows": rows}, indent=2), encoding="utf-8")
    return path


def exported(store: Path, article: Path) -> list[dict[str, Any]]:
    """The article's records, re-read and re-anchored (``export FILE``), annotations then orphans."""
    result = newsmark("export", str(article), "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)["articles"][0]
    return list(entry["annotations"]) + list(entry.get("orphans", []))


def imported(tmp_path: Path, article: Path, rows: list[dict[str, Any]], *extra: str) -> tuple[str, list[dict[str, Any]]]:
    store = tmp_path / "store"
    result = newsmark("import", str(write_rows(tmp_path, rows)), "--from", "hypothesis", "--article", str(article), *extra, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout, exported(store, article)


def test_a_quote_inside_a_sentence_becomes_a_span_with_tags_note_and_annotator(tmp_path: Path, article: Path) -> None:
    at = offset("41 new cases")
    rows = [row("41 new cases", "Officials reported ", " of fraud in the housing", start=at + MENUS, tags=["Figure"], text="Where from?")]
    out, records = imported(tmp_path, article, rows)
    assert "imported 1 annotation(s): 1 as spans, 0 on sentences, 0 orphaned" in out
    (record,) = records
    assert record["sentence"] == 3 and record["span"]["quote"] == "41 new cases"
    assert record["text"][record["span"]["start"] : record["span"]["end"]] == "41 new cases"
    assert (record["tags"], record["note"], record["annotator"]) == (["figure"], "Where from?", "bo_reporter")
    assert (record["created"], record["updated"]) == ("2026-11-01T10:15:02.193458Z", "2026-11-01T10:00:00.000001Z")
    assert record["anchor"] == "exact"


def test_a_repeated_quote_is_chosen_by_its_prefix_and_suffix_even_when_the_position_names_the_other_copy(
    tmp_path: Path, article: Path
) -> None:
    first, second = offset("the budget", 1), offset("the budget", 2)
    # the browser's offset lands exactly on the first copy: only the context tells
    rows = [row("the budget", "on Monday. The mayor said ", " was fair to every district.", start=first, tags=["claim"])]
    _, records = imported(tmp_path, article, rows)
    (record,) = records
    assert record["sentence"] == 2 and record["selector"]["start"] + record["span"]["start"] == second


def test_positions_off_by_a_page_of_menus_are_only_a_hint(tmp_path: Path, article: Path) -> None:
    rows = [
        row("the figure was far too low", "Critics said ", ".\nThe audit office", start=offset("the figure") + MENUS, tags=["concern"]),
        row("the budget", "council approved ", " on Monday. The mayor", start=offset("the budget", 2) + MENUS, tags=["claim"], number=2),
    ]
    _, records = imported(tmp_path, article, rows)
    by_tag = {record["tags"][0]: record for record in records}
    assert by_tag["concern"]["sentence"] == 4 and by_tag["concern"]["span"]["quote"] == "the figure was far too low"
    assert by_tag["claim"]["sentence"] == 1 and by_tag["claim"]["selector"]["start"] + by_tag["claim"]["span"]["start"] == offset(
        "the budget"
    )


def test_a_quote_across_two_sentences_is_a_record_on_each_grouped_as_a_range(tmp_path: Path, article: Path) -> None:
    exact = "41 new cases of fraud in the housing office. Critics said"
    rows = [row(exact, "Officials reported ", " the figure was", start=offset("41 new") + MENUS, tags=["CLAIM"], text="Two sentences")]
    out, records = imported(tmp_path, article, rows)
    assert "0 as spans, 1 on sentences" in out
    assert [(r["sentence"], "span" in r, r["tags"], r["note"]) for r in records] == [
        (3, False, ["claim"], "Two sentences"),
        (4, False, ["claim"], "Two sentences"),
    ]
    assert records[0]["group"] and records[0]["group"] == records[1]["group"]
    assert records[0]["id"] != records[1]["id"]


def test_a_quote_across_paragraphs_laid_out_otherwise_by_the_page_still_anchors(tmp_path: Path, article: Path) -> None:
    rows = [row("far too low.\n      The audit office", "said the figure was ", " will publish", start=0, tags=["concern"])]
    _, records = imported(tmp_path, article, rows)
    assert [(r["sentence"], r["anchor"]) for r in records] == [(4, "exact"), (5, "exact")]


def test_a_quote_not_in_the_article_is_an_orphan_keeping_quote_tags_and_note(tmp_path: Path, article: Path) -> None:
    rows = [row("the governor resigned in protest", "Yesterday ", ".", start=MENUS, tags=["concern"], text="Not in this version?")]
    out, records = imported(tmp_path, article, rows)
    assert "0 as spans, 0 on sentences, 1 orphaned" in out
    (record,) = records
    assert record["anchor"] == "orphan" and record["text"] == "the governor resigned in protest"
    assert (record["tags"], record["note"]) == (["concern"], "Not in this version?")
    listed = newsmark("orphans", str(article), store=tmp_path / "store")
    assert listed.returncode == 0, listed.stderr
    assert "the governor resigned in protest" in listed.stdout and "Not in this version?" in listed.stdout


def test_tags_match_in_any_case_are_mapped_or_skipped_and_listed(tmp_path: Path, article: Path) -> None:
    rows = [row("The audit office", "", " will publish", start=offset("The audit"), tags=["SOURCE", "Fact", "to-do", "Later"])]
    out, records = imported(tmp_path, article, rows, "--tag-map", "fact=c")
    assert records[0]["tags"] == ["claim", "source"]  # in the schema's order, as newsmark keeps them
    assert "skipped tags: Later, to-do" in out


def test_only_unknown_tags_and_no_note_leaves_the_annotation_out(tmp_path: Path, article: Path) -> None:
    rows = [
        row("The audit office", "", " will publish", start=0, tags=["misc"]),
        row("41 new cases", "", "", start=0, tags=["figure"], number=2),
    ]
    out, records = imported(tmp_path, article, rows)
    assert [r["tags"] for r in records] == [["figure"]]
    assert "left out: 1 with neither a known tag nor a note" in out and "skipped tags: misc" in out


def test_annotator_option_overrides_the_hypothesis_user(tmp_path: Path, article: Path) -> None:
    rows = [row("41 new cases", "reported ", " of fraud", start=0, tags=["figure"])]
    _, records = imported(tmp_path, article, rows, "--annotator", "cleo")
    assert records[0]["annotator"] == "cleo"


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, article: Path) -> None:
    rows = [
        row("41 new cases", "reported ", " of fraud", start=0, tags=["figure"]),
        row("fraud in the housing office. Critics", "cases of ", " said", start=0, tags=["claim"], number=2),
        row("nowhere to be found", "", "", start=0, tags=["concern"], number=3),
    ]
    store = tmp_path / "store"
    path = write_rows(tmp_path, rows)
    first = newsmark("import", str(path), "--from", "hypothesis", "--article", str(article), store=store)
    assert "4 added" in first.stdout, first.stdout + first.stderr
    before = exported(store, article)
    again = newsmark("import", str(path), "--from", "hypothesis", "--article", str(article), store=store)
    assert again.returncode == 0 and "0 added, 0 updated, 0 removed, 4 unchanged" in again.stdout
    assert exported(store, article) == before


def test_the_article_is_found_by_the_url_its_front_matter_names(tmp_path: Path) -> None:
    page = tmp_path / "budget.md"
    page.write_text(f"---\ntitle: City Budget Vote\nurl: {URI}\n---\n\n" + ARTICLE.split("\n", 1)[1], encoding="utf-8")
    store = tmp_path / "store"
    assert newsmark("tag", str(page), "5", "source", store=store).returncode == 0
    rows = [row("41 new cases", "reported ", " of fraud", start=0, tags=["figure"])]
    rows[0]["uri"] = URI.upper().replace("/CITY/BUDGET-VOTE", "/city/budget-vote") + "#annotations:Qf0b"
    result = newsmark("import", str(write_rows(tmp_path, rows)), "--from", "hypothesis", store=store)
    assert result.returncode == 0, result.stderr
    assert any(r.get("span", {}).get("quote") == "41 new cases" for r in exported(store, page))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"rows": 3}', "not Hypothesis API JSON"),
        ('[{"text": "no id"}]', "annotation 1 is not a Hypothesis annotation"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_with_no_store_left(tmp_path: Path, article: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    store = tmp_path / "store"
    line = one_error_line(newsmark("import", str(path), "--from", "hypothesis", "--article", str(article), store=store))
    assert f"bad.json: {reason}" in line
    assert not store.exists()


def test_no_article_found_is_one_line_naming_the_page(tmp_path: Path) -> None:
    rows = [row("41 new cases", "", "", start=0, tags=["figure"])]
    store = tmp_path / "store"
    line = one_error_line(newsmark("import", str(write_rows(tmp_path, rows)), "--from", "hypothesis", store=store))
    assert f"no article found for {URI}: name it with --article PATH|URL" in line
    assert not store.exists()


def test_a_tag_map_onto_no_tag_of_ours_is_refused(tmp_path: Path, article: Path) -> None:
    rows = [row("41 new cases", "", "", start=0, tags=["figure"])]
    path = str(write_rows(tmp_path, rows))
    line = one_error_line(newsmark("import", path, "--from", "hypothesis", "--article", str(article), "--tag-map", "Fact=nonsense"))
    assert "--tag-map" in line and "unknown tag 'nonsense'" in line


def test_an_article_that_is_no_file_is_one_line(tmp_path: Path) -> None:
    rows = [row("41 new cases", "", "", start=0, tags=["figure"])]
    path = str(write_rows(tmp_path, rows))
    line = one_error_line(newsmark("import", path, "--from", "hypothesis", "--article", str(tmp_path / "gone.txt"), store=tmp_path / "s"))
    assert "gone.txt" in line
    assert not (tmp_path / "s").exists()


def test_a_record_stamped_days_ahead_is_refused_in_one_warning_line(tmp_path: Path, article: Path) -> None:
    rows = [row("41 new cases", "", "", start=0, tags=["figure"]), row("The audit office", "", "", start=0, tags=["source"], number=2)]
    rows[1]["created"] = rows[1]["updated"] = "2999-01-01T00:00:00+00:00"
    store = tmp_path / "store"
    result = newsmark("import", str(write_rows(tmp_path, rows)), "--from", "hypothesis", "--article", str(article), store=store)
    assert result.returncode == 0 and "1 record(s) refused: stamped more than a day ahead" in result.stderr
    assert [r["tags"] for r in exported(store, article)] == [["figure"]]
