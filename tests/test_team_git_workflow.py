"""Two analysts, one git repository, from first tags to an adjudicated reading: tags, a
removal, an edit of the article (a sentence deleted, one reworded) and the final layer
(``tag --annotator final``, the command line's way to adjudicate), after which both
stores hold the same records and ``agree FILE`` and ``brief FILE`` say the same in both
(issue 29, "Done when")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from annotations.exchange.markdown_escape import escape_path
from tests.team_git import Analyst, git, team

DELETED = "Some containers may carry fuel or spare parts rather than munitions."
REWORDED = (
    "That figure falls well short of the one million promised in March.",
    "That figure falls far short of the million shells promised in March.",
)


def publish(analyst: Analyst, *others: str) -> None:
    """Export the analyst's records (and ``others``', e.g. the final layer) split, commit and push."""
    git(analyst.clone, "pull", "-q", "--no-rebase")
    picks = [option for name in (analyst.name, *others) for option in ("--by", name)]
    analyst.ok("export", "--split", str(analyst.clone / "exports"), *picks)
    git(analyst.clone, "add", "-A")
    if git(analyst.clone, "status", "--porcelain"):
        git(analyst.clone, "commit", "-q", "-m", f"{analyst.name}'s work")
    git(analyst.clone, "push", "-q", "origin", "HEAD:main")


def sync(analyst: Analyst) -> str:
    """Pull and import the team's exports: the import's summary line."""
    git(analyst.clone, "pull", "-q", "--no-rebase")
    return analyst.ok("import", str(analyst.clone / "exports")).splitlines()[0]


def store_records(analyst: Analyst) -> list[tuple[object, ...]]:
    """Every record of the analyst's store as it reads against their copy of the article."""
    out = analyst.store.parent / "everything.yaml"
    analyst.ok("export", str(analyst.article), "--all", "-o", str(out))
    [article] = yaml.safe_load(out.read_text(encoding="utf-8"))["articles"]
    return sorted(
        (r["id"], r.get("sentence"), r["annotator"], tuple(r["tags"]), r["note"], r["anchor"], r["updated"])
        for r in [*article["annotations"], *article.get("orphans", [])]
    )


def said(analyst: Analyst, *command: str) -> str:
    """What ``newsmark COMMAND FILE`` prints for the analyst, their copy's path (as is, or
    as the Markdown brief writes it) written as ARTICLE."""
    path = str(analyst.article)
    return analyst.ok(*command, path).replace(escape_path(path), "ARTICLE").replace(path, "ARTICLE")


@pytest.fixture
def pair(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana and Bo, the article committed in the repository, each reading their clone's copy."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    (ana.clone / "articles").mkdir()
    (ana.clone / "articles" / "pipeline.txt").write_bytes(article_copy.read_bytes())
    git(ana.clone, "add", "-A")
    git(ana.clone, "commit", "-q", "-m", "the article")
    git(ana.clone, "push", "-q", "origin", "HEAD:main")
    git(bo.clone, "pull", "-q", "--no-rebase")
    ana.article, bo.article = (who.clone / "articles" / "pipeline.txt" for who in (ana, bo))
    return ana, bo


def test_two_analysts_end_with_the_same_truth(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    for sentences, tag in (("1-3", "claim"), ("7", "figure"), ("9", "concern"), ("10", "claim")):
        ana.tag(sentences, tag)
    for sentences, tag in (("2", "claim"), ("3", "concern"), ("7", "figure"), ("9", "concern"), ("10", "source")):
        bo.tag(sentences, tag)
    publish(ana)
    publish(bo)
    assert sync(ana) == "imported 1 article(s): 5 added, 0 updated, 0 removed, 6 unchanged"
    assert sync(bo) == "imported 1 article(s): 6 added, 0 updated, 0 removed, 5 unchanged"

    # a removal
    ana.tag("1", "claim", remove=True)
    publish(ana)
    assert sync(bo) == "imported 1 article(s): 0 added, 0 updated, 1 removed, 10 unchanged"

    # adjudication: ana settles the disputed sentences in the final layer and publishes it
    assert "sentence 3: claim by ana, not by bo" in said(bo, "brief")
    ana.ok("tag", str(ana.article), "3", "claim", "--annotator", "final")
    ana.ok("tag", str(ana.article), "10", "claim", "--annotator", "final")
    publish(ana, "final")
    assert sync(bo) == "imported 1 article(s): 2 added, 0 updated, 0 removed, 10 unchanged"

    # ana edits the article: one sentence deleted, one reworded; bo pulls the new text and
    # looks at what lost its sentence
    text = ana.article.read_text(encoding="utf-8")
    assert DELETED in text and REWORDED[0] in text
    ana.article.write_text(text.replace(f" {DELETED}", "").replace(*REWORDED), encoding="utf-8")
    git(ana.clone, "commit", "-q", "-am", "the article, corrected")
    assert "2 orphaned annotation(s)" in ana.ok("orphans", str(ana.article))
    old_folders = sorted(path.name for path in (ana.clone / "exports").iterdir())
    ana.tag("12", "concern")  # she goes on tagging the new text
    publish(ana, "final")
    assert sorted(path.name for path in (ana.clone / "exports").iterdir()) != old_folders  # the new text's folder
    git(bo.clone, "pull", "-q", "--no-rebase")
    assert bo.article.read_text(encoding="utf-8") == ana.article.read_text(encoding="utf-8")
    assert "2 orphaned annotation(s)" in bo.ok("orphans", str(bo.article))
    sync(bo)
    publish(bo)
    sync(ana)

    records = store_records(bo)
    assert [record[2] for record in records].count("final") == 2
    # ana's claim on 1 is gone; her reworded 7 is fuzzy, her concern on the deleted 9 an orphan, 10 moved to 9
    assert sorted((record[1], record[3], record[5]) for record in records if record[2] == "ana") == [
        (2, ("claim",), "exact"),
        (3, ("claim",), "exact"),
        (7, ("figure",), "fuzzy 0.87"),
        (9, ("claim",), "moved"),
        (9, ("concern",), "orphan"),
        (12, ("concern",), "exact"),
    ]
    assert store_records(ana) == store_records(bo)
    assert said(ana, "agree") == said(bo, "agree")
    assert said(ana, "agree", "--json") == said(bo, "agree", "--json")
    assert said(ana, "brief") == said(bo, "brief")
    assert said(ana, "brief", "--by", "final") == said(bo, "brief", "--by", "final")
    # and another round changes nothing anywhere
    for analyst in (ana, bo):
        publish(analyst, "final")
    for analyst in (ana, bo):
        assert "0 added, 0 updated, 0 removed" in sync(analyst)


def test_adjudicating_after_an_edit_leaves_everyones_records_on_their_sentence(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    ana.tag("3", "claim")
    bo.tag("3", "concern")
    publish(ana)
    publish(bo)
    sync(ana)
    sync(bo)
    # the article is corrected (a sentence far from 3 deleted) and both pull the new text
    text = ana.article.read_text(encoding="utf-8")
    ana.article.write_text(text.replace(f" {DELETED}", ""), encoding="utf-8")
    git(ana.clone, "commit", "-q", "-am", "the article, corrected")
    git(ana.clone, "push", "-q", "origin", "HEAD:main")
    git(bo.clone, "pull", "-q", "--no-rebase")
    ana.ok("tag", str(ana.article), "3", "claim", "--annotator", "final")  # made on the new text
    publish(ana, "final")
    sync(bo)
    on_three = sorted((record[2], record[5]) for record in store_records(bo) if record[1] == 3)
    assert on_three == [("ana", "exact"), ("bo", "exact"), ("final", "exact")]
    assert store_records(ana) == store_records(bo)
