"""The adjudicator pulls and imports before exporting the final layer (tryout 6, item 1):
the repository's final file is older than her latest decisions, and an import under her
own name removed them (data loss: undo could not bring them back) and brought back the
decisions she had removed. The final layer is made in the adjudicator's store: there,
an import never removes what she decided since, nor brings back what she removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from .team_git import Analyst, git, team

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[Analyst, Analyst]:
    ana, bo = team(tmp_path, SAMPLE, monkeypatch, capsys)
    ana.tag("1-2", "claim")
    ana.publish()
    bo.pull_and_import()
    return ana, bo


def publish_final(analyst: Analyst) -> None:
    analyst.ok("export", "--split", str(analyst.clone), "--by", "final")
    git(analyst.clone, "add", "-A")
    git(analyst.clone, "commit", "-q", "-m", "final")
    git(analyst.clone, "push", "-q", "origin", "HEAD:main")


def final_records(analyst: Analyst) -> list[tuple[int | None, str, list[str]]]:
    return [r for r in analyst.records() if r[1] == "final"]


def test_decisions_made_since_the_final_file_are_kept_by_an_import(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    ana.ok("tag", str(ana.article), "1", "claim", "--annotator", "final")
    publish_final(ana)
    ana.ok("tag", str(ana.article), "2", "claim", "--annotator", "final")  # decided after the export
    git(ana.clone, "pull", "-q", "--no-rebase")
    said = ana.ok("import", str(ana.clone))
    assert "0 removed" in said.splitlines()[0], said
    assert "1 final-layer decision(s) of this store kept that the final file no longer holds" in said  # said, not done
    assert final_records(ana) == [(1, "final", ["claim"]), (2, "final", ["claim"])]
    publish_final(ana)  # and the next export publishes both
    assert "2 added" in bo.pull_and_import()
    assert final_records(bo) == [(1, "final", ["claim"]), (2, "final", ["claim"])]


def test_a_decision_removed_since_the_final_file_is_not_brought_back(pair: tuple[Analyst, Analyst]) -> None:
    ana, _bo = pair
    ana.ok("tag", str(ana.article), "1-2", "claim", "--annotator", "final")
    publish_final(ana)
    ana.ok("tag", str(ana.article), "2", "claim", "--remove", "--annotator", "final")
    line = ana.pull_and_import()
    assert "0 added" in line and "1 removed in this store left out" in line, line
    assert final_records(ana) == [(1, "final", ["claim"])]


def test_a_store_that_never_adjudicated_takes_the_final_file_whole(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    ana.ok("tag", str(ana.article), "1-2", "claim", "--annotator", "final")
    publish_final(ana)
    assert "2 added" in bo.pull_and_import()
    ana.ok("tag", str(ana.article), "2", "claim", "--remove", "--annotator", "final")
    publish_final(ana)
    assert "1 removed" in bo.pull_and_import()
    assert final_records(bo) == [(1, "final", ["claim"])]
