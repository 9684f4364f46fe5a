"""A sentence settled as carrying no tag travels like any record: exported (YAML, JSON,
CSV, ``export --split``), imported into a colleague's store, and removed there when the
adjudicator takes it back; both briefs show the same (issue 29, item 16)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.team.adjudication import Adjudication
from tests.team_git import Analyst, git, team
from tests.test_brief import section


def adjudicate(analyst: Analyst, sentence: int, reader: str, *, undo: bool = False) -> None:
    """In ``analyst``'s store, take ``reader``'s reading of ``sentence`` into the final layer (or undo the last change)."""
    with Store(analyst.store) as store:
        opened = open_article(store, load_article(analyst.article), annotator=analyst.name, schema=TagSchema())
        adjudication = Adjudication(store, opened.article, opened.file, final="final", schema=TagSchema())
        if undo:
            adjudication.undo()
            return
        reading = next(r for r in adjudication.readings(sentence) if r.annotator == reader)
        assert adjudication.take(sentence, reading)


def publish_final(analyst: Analyst) -> None:
    """Export the final layer split into the clone, commit and push."""
    git(analyst.clone, "pull", "-q", "--no-rebase")
    analyst.ok("export", "--split", str(analyst.clone), "--by", "final")
    git(analyst.clone, "add", "-A")
    if git(analyst.clone, "status", "--porcelain"):
        git(analyst.clone, "commit", "-q", "-m", "the final layer")
    git(analyst.clone, "push", "-q", "origin", "HEAD:main")


@pytest.fixture
def settled(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana tagged 2 and 5 claim, Bo 2 claim; Ana adjudicated 5 as Bo read it (no tag),
    published, and Bo imported it."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    ana.tag("2", "claim")
    ana.tag("5", "claim")
    ana.publish()
    bo.tag("2", "claim")
    bo.pull_and_import()
    bo.publish()
    ana.pull_and_import()
    assert "sentence 5: claim by ana, not by bo" in section(ana.ok("brief", str(ana.article)), "Disputed")
    adjudicate(ana, 5, "bo")
    publish_final(ana)
    assert bo.pull_and_import() == "imported 1 article(s): 1 added, 0 updated, 0 removed, 3 unchanged"
    return ana, bo


def test_settled_with_no_tag_is_exported_imported_and_briefed_alike(settled: tuple[Analyst, Analyst], tmp_path: Path) -> None:
    ana, bo = settled
    [final_file] = ana.clone.glob("*/final.yaml")
    document = yaml.safe_load(final_file.read_text(encoding="utf-8"))
    assert document["complete"] is True
    assert [(r["sentence"], r["tags"], r["note"]) for r in document["articles"][0]["annotations"]] == [(5, [], "")]
    assert (5, "final", []) in ana.records() and (5, "final", []) in bo.records()

    briefs = [analyst.ok("brief", str(analyst.article)) for analyst in (ana, bo)]
    assert briefs[0].split("## Counts")[1] == briefs[1].split("## Counts")[1]  # the same but for the article's path
    brief = briefs[0]
    assert "## Disputed" not in brief
    assert "| settled with no tag | 1 |" in brief
    assert "sentence 5" in section(brief, "Settled with no tag")
    assert "sentence 5" not in section(brief, "Claim (1)")  # only 2 is a claim in the final reading
    # everyone's reading still shows the readers' dispute, and the final layer's decision
    everyone = bo.ok("brief", str(bo.article), "--all")
    assert "sentence 5: claim by ana, not by bo" in section(everyone, "Disputed")

    # JSON and CSV carry it too, with no tag
    out = tmp_path / "all.json"
    bo.ok("export", "--all", "--format", "json", "-o", str(out))
    records = json.loads(out.read_text(encoding="utf-8"))["articles"][0]["annotations"]
    assert [(r["sentence"], r["tags"]) for r in records if r["annotator"] == "final"] == [(5, [])]
    table = tmp_path / "all.csv"
    bo.ok("export", "--all", "--format", "csv", "-o", str(table))
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert [(row["sentence"], row["tags"]) for row in rows if row["annotator"] == "final"] == [("5", "")]
    # the final layer is no party to agree: the readers still disagree on 5
    for analyst in (ana, bo):
        report = json.loads(analyst.ok("agree", str(analyst.article), "--json"))
        assert [row["sentence"] for row in report["tags"]["claim"]["disagreements"]] == [5]
        assert "final" not in report["articles"][0]["annotators"]
    # no tag in the counts: claim on 2 and 5 (ana's) only
    stats = json.loads(bo.ok("stats", str(bo.article), "--json"))
    assert stats["total"]["tags"]["claim"] == 2 and stats["total"]["tagged"] == 2


def test_taking_back_a_no_tag_settlement_reaches_a_colleague(settled: tuple[Analyst, Analyst]) -> None:
    ana, bo = settled
    adjudicate(ana, 5, "", undo=True)
    publish_final(ana)
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 1 removed, 3 unchanged"
    assert not [r for r in bo.records() if r[1] == "final"]
    for analyst in (ana, bo):
        assert "sentence 5: claim by ana, not by bo" in section(analyst.ok("brief", str(analyst.article)), "Disputed")
