"""``newsmark search`` finds an article's records as the store does (by its content, then by
its path): a moved, renamed or copied article keeps its tags and its ``--tag`` filter (found
in a tryout). Real files, a real store and real ``newsmark`` subprocesses."""

from __future__ import annotations

import json
import shutil
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


def tags(home: Path, query: str, folder: Path) -> dict[tuple[str, int], list[str]]:
    """Each hit of a --json search, with its tags."""
    result = newsmark(home, "search", query, str(folder), "--json")
    assert result.returncode == 0, result.stderr
    return {(Path(row["path"]).name, row["sentence"]): row["tags"] for row in json.loads(result.stdout)}


def test_a_renamed_article_keeps_its_tags_and_its_tag_filter(home: Path) -> None:
    depot = home / "articles" / "depot.md"
    assert newsmark(home, "tag", str(depot), "1", "claim").returncode == 0
    moved = home / "moved"
    moved.mkdir()
    depot.rename(moved / "depot-renamed.md")
    assert tags(home, "shells", moved) == {("depot-renamed.md", 1): ["claim"]}
    assert hits(newsmark(home, "search", "shells", str(moved), "--tag", "claim", "--json")) == [("depot-renamed.md", 1)]
    plain = newsmark(home, "search", "shells", str(moved))
    assert "    tags: claim\n" in plain.stdout


def test_a_copy_shows_the_records_of_its_article_and_so_does_the_original(home: Path) -> None:
    articles, copies = home / "articles", home / "copies"
    copies.mkdir()
    shutil.copy(articles / "bank.md", copies / "bank-copy.md")
    assert newsmark(home, "tag", str(copies / "bank-copy.md"), "2", "source").returncode == 0  # tagged from the copy
    assert tags(home, "spokesman", articles) == {("bank.md", 2): ["source"]}
    assert tags(home, "spokesman", copies) == {("bank-copy.md", 2): ["source"]}
    both = newsmark(home, "search", "depot", str(articles), str(copies), "--tag", "source", "--json")
    assert sorted(hits(both)) == [("bank-copy.md", 2), ("bank.md", 2)]
    assert hits(newsmark(home, "search", "depot", str(articles), "--tag", "claim", "--json")) == []


def test_an_article_edited_in_place_is_still_found_by_its_path(home: Path) -> None:
    depot = home / "articles" / "depot.md"
    assert newsmark(home, "tag", str(depot), "1", "claim").returncode == 0
    depot.write_text(ARTICLES["depot.md"].replace("misleading", "wrong"), encoding="utf-8")  # its hashes change
    assert tags(home, "shells", home / "articles") == {("depot.md", 1): ["claim"]}
    assert hits(newsmark(home, "search", "shells", str(home / "articles"), "--tag", "claim", "--json")) == [("depot.md", 1)]


def test_another_article_at_a_stored_path_is_not_given_its_records(home: Path) -> None:
    depot, bank = home / "articles" / "depot.md", home / "articles" / "bank.md"
    assert newsmark(home, "tag", str(depot), "1", "claim").returncode == 0
    assert newsmark(home, "tag", str(bank), "2", "source").returncode == 0
    depot.unlink()
    shutil.copy(bank, depot)  # the bank article now also at the depot's old path: its content decides
    assert tags(home, "spokesman", home / "articles") == {("bank.md", 2): ["source"], ("depot.md", 2): ["source"]}
    assert hits(newsmark(home, "search", "depot", str(home / "articles"), "--tag", "claim", "--json")) == []
