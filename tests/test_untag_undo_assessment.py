"""Untagging a claim or a source and undoing it puts the record back exactly: its status,
rationale, evidence, status history, links and grade (through real subprocesses on a
real store)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_cli_daily import newsmark

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
