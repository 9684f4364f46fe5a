"""Untagging a claim or a source and undoing it puts the record back exactly: its status,
rationale, evidence, status history, links and grade (through real subprocesses on a
real store)."""

from __future__ import annotations

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


def checked(store: Path, article: Path) -> None:
    """Sentence 8 false with rationale, evidence and a link; 9 a source graded B2; 7 attributed to 9."""
    ok("tag", str(article), "7-8", "claim", store=store)
    ok("tag", str(article), "9", "source", store=store)
    ok("check", str(article), "8", "--status", "false", "--note", "Counts say otherwise", "--evidence", "https://x.org/a", store=store)
    ok("grade", str(article), "9", "b2", store=store)
    ok("link", str(article), "8", "--to", "7", "--as", "contradicts", store=store)


def records(store: Path, article: Path) -> list[str]:
    """The exported records, without the stamps an undo renews."""
    lines = ok("export", str(article), "--format", "yaml", store=store).splitlines()
    return [line for line in lines if "updated:" not in line and "newsmark-export-sha256" not in line]


@pytest.mark.parametrize(("sentence", "tag"), [("8", "claim"), ("9", "source")])
def test_untag_then_undo_restores_the_verdict_grade_and_links(tmp_path: Path, article: Path, sentence: str, tag: str) -> None:
    store = tmp_path / "store"
    checked(store, article)
    before = records(store, article)
    assert any("Counts say otherwise" in line for line in before) and any("B2" in line for line in before)
    ok("tag", str(article), sentence, tag, "--remove", store=store)
    ok("undo", str(article), store=store)
    assert records(store, article) == before
    ok("redo", str(article), store=store)
    ok("undo", str(article), store=store)
    assert records(store, article) == before


def test_untagging_a_source_claims_are_attributed_to_is_refused(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    checked(store, article)
    ok("link", str(article), "7", "--to", "9", "--as", "attributed-to", store=store)
    before = records(store, article)
    line = one_error_line(newsmark("tag", str(article), "9", "source", "--remove", store=store))
    assert "sentence 9 is the source claims are attributed to (sentence 7 by ana)" in line
    assert "remove those attributed-to links first" in line
    assert records(store, article) == before
    ok("link", str(article), "7", "--to", "9", "--as", "attributed-to", "--remove", store=store)
    ok("tag", str(article), "9", "source", "--remove", store=store)
    assert not any("tags:" in line and "source" in line for line in records(store, article))


def test_a_source_another_annotator_keeps_may_be_untagged(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    checked(store, article)
    ok("link", str(article), "7", "--to", "9", "--as", "attributed-to", store=store)
    ok("--annotator", "bo", "tag", str(article), "9", "source", store=store)
    ok("tag", str(article), "9", "source", "--remove", store=store)


def test_a_verdict_changed_without_note_keeps_its_rationale_and_says_so(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    checked(store, article)
    result = newsmark("check", str(article), "8", "--status", "verified", store=store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("status of sentence 8: false → verified")
    assert result.stderr.splitlines() == [
        "newsmark: warning: the rationale written for false is kept: 'Counts say otherwise' (--note TEXT replaces it, --note '' clears it)"
    ]
    assert any("Counts say otherwise" in line for line in records(store, article))
    result = newsmark("check", str(article), "8", "--status", "false", "--note", "", store=store)
    assert result.returncode == 0 and result.stderr == ""
    assert not any("Counts say otherwise" in line for line in records(store, article))
