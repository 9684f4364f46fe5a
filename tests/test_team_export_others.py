"""An export of other annotators' files (``--all``, ``--by NAME``) never puts a
colleague's removals back (tryout 6, item 2): Ana pulled Bo's file, which no longer holds
the tag he removed, and before importing it wrote his file again from her store's older
copy of his records; everyone who imported it got the tag back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.team_git import Analyst, git, team


@pytest.fixture
def pair(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana and Bo have each tagged and published, and each imported the other's work."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    ana.tag("1-2", "claim")
    ana.publish()
    bo.tag("3-4", "claim")
    bo.publish()
    ana.pull_and_import()
    return ana, bo


def bo_file(analyst: Analyst) -> Path:
    [path] = analyst.clone.glob("*/bo.yaml")
    return path


@pytest.mark.parametrize("which", [["--all"], ["--by", "ana", "--by", "bo"]])
def test_a_colleagues_newer_file_is_left_as_it_is(pair: tuple[Analyst, Analyst], which: list[str]) -> None:
    ana, bo = pair
    bo.tag("3", "claim", remove=True)
    bo.publish()
    git(ana.clone, "pull", "-q", "--no-rebase")  # pulled, not imported yet
    pulled = bo_file(ana).read_bytes()
    out = ana.ok("export", "--split", str(ana.clone), *which)
    assert bo_file(ana).read_bytes() == pulled  # his removal is not undone
    assert "1 left to their annotators" in out and "import it to take it" in out
    ana.ok("import", str(ana.clone))
    out = ana.ok("export", "--split", str(ana.clone), *which)
    assert "left" not in out  # in step now: nothing to leave (his file differs only by his path)
    assert bo_file(ana).read_bytes() == pulled


def test_a_colleagues_file_that_is_not_there_is_written(pair: tuple[Analyst, Analyst]) -> None:
    ana, _bo = pair
    git(ana.clone, "pull", "-q", "--no-rebase")
    bo_file(ana).unlink()
    out = ana.ok("export", "--split", str(ana.clone), "--by", "bo")
    assert "1 written" in out and bo_file(ana).exists()


def test_your_own_and_your_final_layer_files_are_written_as_before(pair: tuple[Analyst, Analyst]) -> None:
    ana, _bo = pair
    ana.ok("tag", str(ana.article), "3", "claim", "--annotator", "final")
    ana.ok("export", "--split", str(ana.clone), "--by", "final")
    ana.ok("tag", str(ana.article), "4", "claim", "--annotator", "final")
    ana.tag("5", "source")
    out = ana.ok("export", "--split", str(ana.clone), "--by", "ana", "--by", "final")
    assert out.startswith(f"split export to {ana.clone}: 2 written")
