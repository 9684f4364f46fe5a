"""What an analyst removes in her own store stays removed when she imports the team's
repository before exporting again: her own file there is older than her store, and it
brings back nothing she removed (tryout: pull, then import, then export put removed tags
and deleted orphans back, and published them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.team_git import Analyst, team


@pytest.fixture
def pair(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana has tagged 1-3 claim, Bo 2 figure and 5 concern; both have published and imported."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    ana.tag("1-3", "claim")
    ana.publish()
    bo.tag("2", "figure")
    bo.tag("5", "concern")
    bo.pull_and_import()
    bo.publish()
    ana.pull_and_import()
    return ana, bo


def test_a_tag_removed_then_the_repository_imported_stays_removed(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    bo.tag("2", "figure", remove=True)
    line = bo.pull_and_import()  # his file there still holds the figure
    assert line == "imported 1 article(s): 0 added, 0 updated, 0 removed, 4 unchanged, 1 removed in this store left out"
    assert (2, "bo", ["figure"]) not in bo.records()
    bo.publish()
    assert "1 removed" in ana.pull_and_import()
    assert [r for r in ana.records() if r[1] == "bo"] == [(5, "bo", ["concern"])]
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 0 removed, 4 unchanged"


def test_an_orphan_deleted_in_triage_does_not_come_back_from_the_repository(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    text = bo.article.read_text(encoding="utf-8")
    gone = '"The volume is larger than anything we saw last year."'  # sentence 5
    bo.article.write_text(text.replace(gone, "A wholly different sentence was written in its place today."), encoding="utf-8")
    listing = bo.ok("orphans", str(bo.article))
    ids = re.findall(r"\b([0-9a-f]{8})-[0-9a-f-]{27}\b", listing)
    assert len(ids) == 1, listing
    orphan_id = ids[0]
    bo.ok("orphans", str(bo.article), "--delete", orphan_id)
    assert "left out" in bo.pull_and_import()  # his file in the old text's folder holds it
    assert [r for r in bo.records() if r[1] == "bo"] == [(2, "bo", ["figure"])]
    bo.publish()
    ana.pull_and_import()
    assert [r for r in ana.records() if r[1] == "bo"] == [(2, "bo", ["figure"])]


def test_undo_brings_a_removed_tag_back_and_the_next_import_keeps_it(pair: tuple[Analyst, Analyst]) -> None:
    _ana, bo = pair
    bo.tag("2", "figure", remove=True)
    bo.ok("undo", str(bo.article))
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 0 removed, 5 unchanged"
    assert (2, "bo", ["figure"]) in bo.records()
