"""``newsmark check``, ``grade``, ``link`` and ``claims`` through real subprocesses: the
issue's walk through the sample (sentence 8 from unverified to false with evidence, the
source of sentence 9 graded B2, sentence 7 attributed to it), and every wrong use one
line with exit 2, the store unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .test_cli_daily import newsmark, one_error_line

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE / "artillery-pipeline.txt", path)
    return path


def ok(*args: str, store: Path) -> str:
    result = newsmark(*args, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


def tagged(store: Path, article: Path) -> None:
    ok("tag", str(article), "7-8", "claim", store=store)
    ok("tag", str(article), "9", "source", store=store)


def claims(store: Path, *args: str) -> list[dict[str, object]]:
    return json.loads(ok("claims", "--json", *args, store=store))  # type: ignore[no-any-return]


def test_a_claim_goes_to_false_with_evidence_its_source_is_graded_and_linked(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    tagged(store, article)
    out = ok("check", str(article), "8", "--status", "checking", store=store)
    assert out.startswith("status of sentence 8: unverified → checking")
    out = ok(
        "check", str(article), "8", "--status", "false",
        "--evidence", "https://stats.example.org/q3", "--evidence", f"{article}#3", "--evidence", "Phone call, 3 Dec",
        "--note", "Counts say otherwise", store=store,
    )  # fmt: skip
    assert out.startswith("status of sentence 8: checking → false, 3 evidence items added")
    assert ok("grade", str(article), "9", "b2", store=store).startswith("grade of sentence 9: none → B2")
    assert ok("link", str(article), "7", "--to", "9", "--as", "attributed-to", store=store).startswith(
        "link sentence 7 attributed-to sentence 9"
    )
    seven, eight = claims(store)
    assert set(eight) == {"path", "sentence", "text", "tags", "status", "evidence", "links", "annotator"}
    assert (eight["sentence"], eight["status"], eight["tags"], eight["annotator"]) == (8, "false", ["claim"], "ana")
    assert [(e["kind"], e["value"]) for e in eight["evidence"]] == [  # type: ignore[attr-defined]
        ("url", "https://stats.example.org/q3"),
        ("sentence", f"{article}#3"),
        ("text", "Phone call, 3 Dec"),
    ]
    assert seven["status"] == "unverified"
    [link] = seven["links"]  # type: ignore[misc]
    assert (link["as"], link["to"]["sentence"], link["grade"]) == ("attributed-to", 9, "B2")
    assert [c["sentence"] for c in claims(store, "--status", "false")] == [8]
    lines = ok("claims", str(article), store=store).splitlines()
    assert lines[1].startswith("artillery.txt#8  false  3 evidence  source -  0 links  ana")
    assert lines[0].startswith("artillery.txt#7  unverified  0 evidence  source B2  1 link  ana")
    assert ok("undo", str(article), store=store).startswith("undo link sentence 7 attributed-to sentence 9")
    assert claims(store)[0]["links"] == []


def test_a_span_is_checked_and_a_link_leads_to_another_articles_claim(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    other = tmp_path / "grid.txt"
    shutil.copyfile(SAMPLE / "grid-outage.txt", other)
    ok("tag", str(other), "2", "claim", store=store)
    ok("tag", str(article), "6", "figure", "--span", "approx. 300,000 shells", store=store)
    out = ok("check", str(article), "6", "--span", "approx. 300,000 shells", "--status", "unverifiable", store=store)
    assert out.startswith('status of "approx. 300,000 shells" in sentence 6: unverified → unverifiable')
    ok("tag", str(article), "7", "claim", store=store)
    out = ok("link", str(article), "7", "--to", f"{other}#2", "--as", "contradicts", store=store)
    assert out.startswith("link sentence 7 contradicts grid.txt#2")
    again = newsmark("link", str(article), "7", "--to", f"{other}#2", "--as", "contradicts", store=store)
    assert again.returncode == 0 and again.stdout.startswith("unchanged: the link is there already")
    found = claims(store, str(article))
    assert [(c["sentence"], c["text"], c["status"]) for c in found] == [
        (6, "approx. 300,000 shells", "unverifiable"),
        (7, "That figure falls well short of the one million promised in March.", "unverified"),
    ]
    ok("link", str(article), "7", "--to", f"{other}#2", "--as", "contradicts", "--remove", store=store)
    assert claims(store, str(article))[1]["links"] == []


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("check", "{a}", "9", "--status", "false"), "sentence 9 is not tagged claim or figure by you: only a claim takes a status"),
        (("check", "{a}", "10", "--status", "false"), "sentence 10 is not tagged claim or figure by you"),
        (("check", "{a}", "8", "--status", "wrong"), "unknown status 'wrong' (known: unverified, checking, verified"),
        (("check", "{a}", "99", "--status", "false"), "sentence 99 is out of range 1-21"),
        (("check", "{a}", "eight", "--status", "false"), "check: 'eight' is not a sentence number"),
        (("check", "{a}", "8", "--span", "no such words", "--status", "false"), 'sentence 8 has no "no such words"'),
        (("check", "{a}", "8", "--status", "false", "--evidence", "missing.txt#3"), "missing.txt: no such file"),
        (("check", "{a}", "8", "--status", "false", "--evidence", "{a}#99"), "--evidence: sentence 99 is out of range 1-21"),
        (("check", "{a}", "8", "--status", "false", "--evidence", "{o}#1"), "--evidence: no annotations of this article are in the store"),
        (("grade", "{a}", "9", "G7"), "'G7' is not a grade: a letter A-F (source reliability) and a digit 1-6 (credibility)"),
        (("grade", "{a}", "8", "B2"), "sentence 8 is not tagged source by you: only a source takes a grade"),
        (("grade", "{a}", "9"), "grade: give a CODE such as B2, or --remove"),
        (("link", "{a}", "7", "--to", "8", "--as", "attributed-to"), "artillery.txt#8 is not tagged source"),
        (("link", "{a}", "7", "--to", "9", "--as", "supports"), "unknown link kind 'supports'"),
        (("link", "{a}", "7", "--to", "7", "--as", "corroborates"), "sentence 7 cannot be linked to itself"),
        (("link", "{a}", "7", "--to", "x9", "--as", "corroborates"), "--to: 'x9' is neither a sentence number M nor FILE#M"),
        (("link", "{a}", "7", "--to", "{o}#1", "--as", "corroborates"), "no annotations of this article are in the store"),
        (("link", "{a}", "9", "--to", "7", "--as", "corroborates", "--remove"), "sentence 9 is not tagged claim or figure"),
        (
            ("link", "{a}", "9", "--to", "8", "--as", "contradicts"),
            "sentence 9 is not tagged claim or figure by you: only a claim links to another record",
        ),
        (("claims", "--status", "wrong"), "unknown status 'wrong'"),
    ],
)
def test_each_wrong_use_is_one_line_and_exit_2_with_the_store_unchanged(
    tmp_path: Path, article: Path, args: tuple[str, ...], error: str
) -> None:
    store = tmp_path / "store"
    tagged(store, article)
    other = tmp_path / "grid.txt"
    shutil.copyfile(SAMPLE / "grid-outage.txt", other)
    before = claims(store)
    result = newsmark(*(arg.format(a=article, o=other) for arg in args), store=store)
    assert error in one_error_line(result)
    assert claims(store) == before
