"""``export --split DIR FILE`` settles the annotator's file in the old text's folder of
that same article, as the store-wide split does: a record deleted after an edit of the
article reaches colleagues and does not come back at one's own import (tryout item A)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.team_git import Analyst, git, team

REWRITTEN = "The officials said the shipments arrived by rail through the Far East and were distributed to units within days, a pace that surprised Western analysts."


@pytest.fixture
def pair(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana has tagged 1-3 claim, Bo 5 figure; both published and imported each other's."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    ana.tag("1-3", "claim")
    ana.publish()
    bo.tag("5", "figure")
    bo.pull_and_import()
    bo.publish()
    ana.pull_and_import()
    return ana, bo


def edit_and_delete_the_orphan(ana: Analyst) -> None:
    """Ana rewrites sentence 2 (her claim there is orphaned) and deletes the orphan."""
    text = ana.article.read_text(encoding="utf-8")
    assert REWRITTEN in text
    ana.article.write_text(text.replace(REWRITTEN, "Trains carried everything east to west."), encoding="utf-8")
    [orphan] = [line.split()[0] for line in ana.ok("orphans", str(ana.article)).splitlines() if " orphan " in line]
    ana.ok("orphans", str(ana.article), "--delete", orphan[:4])


def publish_article(analyst: Analyst, *files: Path) -> str:
    """``export --split CLONE FILE...``, commit and push: the export's output."""
    git(analyst.clone, "pull", "-q", "--no-rebase")
    said = analyst.ok("export", "--split", str(analyst.clone), *(str(f) for f in files))
    git(analyst.clone, "add", "-A")
    git(analyst.clone, "commit", "-q", "-m", f"{analyst.name}'s article")
    git(analyst.clone, "push", "-q", "origin", "HEAD:main")
    return said


def test_a_deletion_after_an_edit_reaches_bo_and_stays_deleted_for_ana(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    [old_folder] = {path.parent for path in ana.clone.glob("*/ana.yaml")}
    edit_and_delete_the_orphan(ana)
    said = publish_article(ana, ana.article)
    assert "1 removed" in said
    [new_file] = ana.clone.glob("*/ana.yaml")
    assert new_file.parent != old_folder
    # Bo's file in the old text's folder is his: left as it is
    assert sorted(path.name for path in old_folder.iterdir()) == ["bo.yaml"]
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 1 removed, 3 unchanged"
    assert bo.records() == [(1, "ana", ["claim"]), (3, "ana", ["claim"]), (5, "bo", ["figure"])]
    assert ana.pull_and_import().startswith("imported 1 article(s): 0 added, 0 updated, 0 removed")
    assert [record for record in ana.records() if record[1] == "ana"] == [(1, "ana", ["claim"]), (3, "ana", ["claim"])]


def test_another_articles_folder_is_left_alone(pair: tuple[Analyst, Analyst], tmp_path: Path) -> None:
    """Ana's file of another article (another path, another text) is not the same article's."""
    ana, _bo = pair
    other = tmp_path / "ana" / "other.txt"
    other.write_text("A Headline\nOfficials said the plan works. Critics disagreed. Nobody knew.\n", encoding="utf-8")
    ana.ok("tag", str(other), "1", "claim")
    before = set(ana.clone.glob("*/ana.yaml"))
    publish_article(ana, other)
    [other_file] = set(ana.clone.glob("*/ana.yaml")) - before
    kept = other_file.read_bytes()
    edit_and_delete_the_orphan(ana)
    publish_article(ana, ana.article)
    assert other_file.read_bytes() == kept
    assert len(list(ana.clone.glob("*/ana.yaml"))) == 2
