"""Defects a new user found in ``newsmark search`` (issue 26's tryout): each reproduced with
real files, a real store and real ``newsmark`` subprocesses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_search_cli import ARTICLES, hits, newsmark


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder of articles, with its own store, cache and config folders beside it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_file_rewritten_with_its_size_and_time_kept_is_indexed_again(home: Path) -> None:
    folder = home / "same"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Alpha wordaaa here.\n", encoding="utf-8")
    assert hits(newsmark(home, "search", "wordaaa", str(folder), "--json")) == [("a.txt", 1)]
    before = article.stat()
    article.write_text("Alpha wordbbb here.\n", encoding="utf-8")  # same size
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # time restored, as cp -p, rsync -t, tar do
    assert (article.stat().st_size, article.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert hits(newsmark(home, "search", "wordbbb", str(folder), "--json")) == [("a.txt", 1)]
    assert hits(newsmark(home, "search", "wordaaa", str(folder), "--json")) == []


def test_a_status_filter_keeps_checkable_records_only(home: Path) -> None:
    folder = home / "articles"
    assert newsmark(home, "tag", str(folder / "depot.md"), "1", "claim").returncode == 0
    assert newsmark(home, "tag", str(folder / "bank.md"), "2", "source").returncode == 0  # a source takes no verdict
    assert hits(newsmark(home, "search", "depot", str(folder), "--status", "unverified", "--json")) == [("depot.md", 1)]
    assert hits(newsmark(home, "search", "depot", str(folder), "--tag", "source", "--json")) == [("bank.md", 2)]
    assert hits(newsmark(home, "search", "depot", str(folder), "--tag", "source", "--status", "unverified", "--json")) == []


def test_an_unknown_status_is_one_line_naming_the_known_ones_and_status_2(home: Path) -> None:
    result = newsmark(home, "search", "depot", str(home / "articles"), "--status", "bogus")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "newsmark: unknown status 'bogus' (known: unverified, checking, verified, false, misleading, unverifiable)\n"
    checked = newsmark(home, "check", str(home / "articles" / "depot.md"), "1", "--status", "bogus")
    assert checked.stderr == result.stderr  # as check says it


@pytest.mark.parametrize("args", [(), ("-lead",), ("--tag", "claim")])
def test_a_missing_query_says_query_is_required_and_how_to_start_one_with_a_dash(home: Path, args: tuple[str, ...]) -> None:
    result = newsmark(home, "search", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "newsmark: search: QUERY is required: the words to find (one that starts with -, as -word, goes after --: "
        "newsmark search -- '-word')\n"
    )


@pytest.mark.parametrize("query", ["-lead", '-lead -"a phrase"'])
def test_a_query_of_words_to_leave_out_only_says_so(home: Path, query: str) -> None:
    result = newsmark(home, "search", "--", query, str(home / "articles"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "newsmark: search: a query needs at least one word to find, not only words to leave out\n"


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("300,000", "    Officials counted «300,000» shells at the U.S. depot."),
        ("U.S.", "    Officials counted 300,000 shells at the «U.S.» depot."),
        ('"u.s. depot"', "    Officials counted 300,000 shells at the «U.S.» «depot»."),
        ("shells 300", "    Officials counted «300»,000 «shells» at the U.S. depot."),
        ("country's", "    The «country’s» mood changed."),
    ],
)
def test_a_number_or_abbreviation_is_marked_whole(home: Path, query: str, marked: str) -> None:
    folder = home / "numbers"
    folder.mkdir()
    (folder / "n.txt").write_text("Officials counted 300,000 shells at the U.S. depot. The country’s mood changed.\n", encoding="utf-8")
    result = newsmark(home, "search", query, str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == marked
