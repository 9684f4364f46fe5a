"""``newsmark search``, run as a real subprocess over real articles and a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.library.text_filters import UNVERIFIED, SentenceFilter

ARTICLES = {
    "depot.md": "# Shells at the Depot\n\nOfficials counted about 7,000 shells at the depot. The minister called it misleading.\n",
    "bank.md": "# The Bank\n\n## Rates\n\nThe central bank raised rates. A ministry spokesman said the depot closed.\n",
    "cafe.md": "# Café Society\n\nDr. Kím met the Prime Minister at the café.\n",
}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder of articles, with its own store, cache and config folders beside it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def newsmark(home: Path, *args: str, annotator: str = "ana") -> subprocess.CompletedProcess[str]:
    """Run newsmark with the home's store, cache and config."""
    env = {
        **os.environ,
        "NEWSMARK_DB": str(home / "store"),
        "NEWSMARK_ANNOTATOR": annotator,
        "NEWSMARK_CONFIG": "",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def hits(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int]]:
    """(file name, sentence) of each hit of a --json search."""
    assert result.returncode == 0, result.stderr
    return [(Path(row["path"]).name, row["sentence"]) for row in json.loads(result.stdout)]


def test_json_has_exactly_the_promised_fields(home: Path) -> None:
    result = newsmark(home, "search", "depot", str(home / "articles"), "--json")
    rows = json.loads(result.stdout)
    assert sorted((Path(row["path"]).name, row["sentence"]) for row in rows) == [("bank.md", 2), ("depot.md", 1)]
    for row in rows:
        assert list(row) == ["path", "title", "sentence", "text", "tags", "score"]
        assert isinstance(row["score"], float) and row["tags"] == []
    depot = next(row for row in rows if row["path"].endswith("depot.md"))
    assert (depot["title"], depot["text"]) == ("Shells at the Depot", "Officials counted about 7,000 shells at the depot.")
    assert depot["path"] == str(home / "articles" / "depot.md")


def test_plain_output_marks_the_words_and_says_where(home: Path) -> None:
    result = newsmark(home, "search", '"central bank"', str(home / "articles"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{home / 'articles' / 'bank.md'}:1  The Bank › Rates",
        "    The «central» «bank» raised rates.",
    ]
    assert "\x1b" not in result.stdout


def test_accents_case_prefixes_and_limit(home: Path) -> None:
    folder = str(home / "articles")
    assert hits(newsmark(home, "search", "KIM CAFE", folder, "--json")) == [("cafe.md", 1)]
    assert sorted(hits(newsmark(home, "search", "minist*", folder, "--json"))) == [("bank.md", 2), ("cafe.md", 1), ("depot.md", 2)]
    assert len(hits(newsmark(home, "search", "minist*", folder, "--json", "--limit", "2"))) == 2


def test_tag_and_annotator_filters_read_the_store(home: Path) -> None:
    folder = home / "articles"
    assert newsmark(home, "tag", str(folder / "depot.md"), "1", "claim").returncode == 0
    assert newsmark(home, "tag", str(folder / "bank.md"), "2", "concern", annotator="bo").returncode == 0
    assert hits(newsmark(home, "search", "depot", str(folder), "--tag", "claim", "--json")) == [("depot.md", 1)]
    assert hits(newsmark(home, "search", "depot", str(folder), "--tag", "c", "--json")) == [("depot.md", 1)]  # by its key
    assert hits(newsmark(home, "search", "depot", str(folder), "--annotator", "bo", "--json")) == [("bank.md", 2)]
    assert hits(newsmark(home, "search", "depot", str(folder), "--annotator", "bo", "--tag", "claim", "--json")) == []
    # a status keeps checkable records only: bo's concern has no verdict
    assert hits(newsmark(home, "search", "depot", str(folder), "--status", UNVERIFIED, "--json")) == [("depot.md", 1)]
    assert hits(newsmark(home, "search", "depot", str(folder), "--status", "false", "--json")) == []
    tagged = json.loads(newsmark(home, "search", "shells", "--json").stdout)  # by default: the store's articles
    assert [(Path(row["path"]).name, row["tags"]) for row in tagged] == [("depot.md", ["claim"])]


def test_a_record_s_status_is_what_the_status_filter_reads() -> None:
    record = {"tags": ["claim"], "annotator": "ana"}
    assert SentenceFilter(status=UNVERIFIED).keeps(record)
    assert not SentenceFilter(status="corroborated").keeps(record)
    assert not SentenceFilter(status=UNVERIFIED).keeps({**record, "tags": ["source"]})  # a source takes no verdict
    assert SentenceFilter(status="corroborated").keeps({**record, "status": "corroborated"})
    assert not SentenceFilter(status=UNVERIFIED).keeps({**record, "status": "corroborated"})


@pytest.mark.parametrize(("query", "reason"), [('"unclosed', 'a quote (") is not closed'), ("*:-", "nothing to search for")])
def test_a_query_that_cannot_be_read_is_one_line_and_status_2(home: Path, query: str, reason: str) -> None:
    result = newsmark(home, "search", query, str(home / "articles"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsmark: search: {reason}") and result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize("query", ['shells:"depot"', "-- -x depot*", "depot OR NOT (x)", "depot\\", "dépôt's"])
def test_punctuation_in_a_query_is_safe(home: Path, query: str) -> None:
    result = newsmark(home, "search", "--json", "--", query, str(home / "articles"))
    assert result.returncode == 0, result.stderr


def test_a_missing_path_is_one_line_and_status_2(home: Path) -> None:
    result = newsmark(home, "search", "depot", str(home / "nowhere"))
    assert (result.returncode, result.stderr) == (2, f"newsmark: {home / 'nowhere'}: no such file or folder\n")


def test_a_damaged_index_is_rebuilt_with_one_line(home: Path) -> None:
    folder = str(home / "articles")
    assert hits(newsmark(home, "search", "depot", folder, "--json"))
    for file in (home / "cache" / "newsmark" / "search" / "tantivy").iterdir():
        if file.is_file():
            file.write_bytes(b"\x00garbage\xff" * 50)
    result = newsmark(home, "search", "depot", folder, "--json")
    assert sorted(hits(result)) == [("bank.md", 2), ("depot.md", 1)]
    assert result.stderr.startswith("newsmark: search index: damaged") and result.stderr.count("\n") == 1


def test_an_article_changed_removed_or_added_is_searched_as_it_is_now(home: Path) -> None:
    folder = home / "articles"
    assert hits(newsmark(home, "search", "depot", str(folder), "--json"))
    (folder / "depot.md").write_text("# Shells\n\nThe warehouse was empty.\n", encoding="utf-8")
    os.utime(folder / "depot.md", ns=(1, 1))
    (folder / "bank.md").unlink()
    (folder / "new.md").write_text("# New\n\nA depot opened.\n", encoding="utf-8")
    assert hits(newsmark(home, "search", "depot", str(folder), "--json")) == [("new.md", 1)]
    assert hits(newsmark(home, "search", "warehouse", str(folder), "--json")) == [("depot.md", 1)]


def test_by_default_the_folders_the_library_opened_are_searched(home: Path) -> None:
    from annotations.library.index import LibraryIndex

    LibraryIndex(home / "cache" / "newsmark" / "library").save(home / "articles", {})  # what opening the library leaves
    assert sorted(hits(newsmark(home, "search", "depot", "--json"))) == [("bank.md", 2), ("depot.md", 1)]


def test_a_warm_search_reads_no_package_metadata_which_only_version_prints(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert newsmark(home, "search", "depot", str(home / "articles")).returncode == 0  # builds the index
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")  # every module imported, on stderr
    searched = newsmark(home, "search", "depot", str(home / "articles"))
    assert searched.returncode == 0 and "depot" in searched.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in searched.stderr.splitlines() if line.startswith("import time:")}
    assert "tantivy" in imported and "importlib.metadata" not in imported
    version = newsmark(home, "--version")
    assert version.returncode == 0 and version.stdout.startswith("newsmark ") and "importlib.metadata" in version.stderr


def test_a_file_named_in_bytes_not_utf8_is_left_out_with_one_line(home: Path) -> None:
    """A name the index cannot keep: searched around, said once, never a crash (exit 70)."""
    folder = home / "articles"
    bad = os.fsdecode(bytes(folder) + b"/depot\xff.md")
    Path(bad).write_text(ARTICLES["depot.md"], encoding="utf-8")
    result = newsmark(home, "search", "depot", str(folder), "--json")
    assert sorted(hits(result)) == [("bank.md", 2), ("depot.md", 1)]
    assert result.stderr == f"newsmark: search index: {folder}/depot\\xff.md: left out, the name is not valid UTF-8\n"
    elsewhere = newsmark(home, "elsewhere", str(folder / "depot.md"), "1", str(folder))
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert "left out, the name is not valid UTF-8" in elsewhere.stderr
    from_it = newsmark(home, "elsewhere", bad, "1", str(folder), "--json")  # the sentence asked about in that file
    assert from_it.returncode == 0, from_it.stderr
    assert json.loads(from_it.stdout) == []  # a copy of depot.md: the same article to the store, never listed (tryout D16)
    Path(bad).write_text(ARTICLES["depot.md"] + "\nThe depot was closed in May.\n", encoding="utf-8")  # another article now
    from_it = newsmark(home, "elsewhere", bad, "1", str(folder), "--json")
    assert from_it.returncode == 0, from_it.stderr
    assert [Path(row["path"]).name for row in json.loads(from_it.stdout)] == ["depot.md"]


def test_a_file_named_that_is_no_article_is_one_line_and_status_2(home: Path) -> None:
    """It said "No sentence matches." with status 0, as if the file had been searched."""
    binary = home / "articles" / "notes.txt"
    binary.write_bytes(b"\x00\x01binary\xff" * 20)
    result = newsmark(home, "search", "depot", str(binary))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"newsmark: {binary}: binary file") and result.stderr.count("\n") == 1
    assert sorted(hits(newsmark(home, "search", "depot", str(home / "articles"), "--json"))) == [("bank.md", 2), ("depot.md", 1)]
