"""What one analyst removes disappears for everyone: a split file is complete (its header
says so), and importing it makes that annotator's records of that article equal the file;
a partial or older export never removes anything (issue 29, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.team_git import Analyst, git, team


@pytest.fixture
def pair(
    tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Analyst, Analyst]:
    """Ana has tagged 1-3 claim and published; Bo has tagged 2 figure and imported Ana's work."""
    ana, bo = team(tmp_path, article_copy, monkeypatch, capsys)
    ana.tag("1-3", "claim")
    ana.publish()
    bo.tag("2", "figure")
    assert bo.pull_and_import() == "imported 1 article(s): 3 added, 0 updated, 0 removed, 0 unchanged"
    return ana, bo


def ana_file(analyst: Analyst) -> Path:
    """Ana's split file in ``analyst``'s clone."""
    [path] = analyst.clone.glob("*/ana.yaml")
    return path


def test_a_split_file_says_it_is_complete_and_whose_it_is(pair: tuple[Analyst, Analyst]) -> None:
    ana, _bo = pair
    document = yaml.safe_load(ana_file(ana).read_text(encoding="utf-8"))
    assert document["complete"] is True and document["annotator"] == "ana"
    assert list(document)[:5] == ["newsmark_export", "generator", "annotator", "complete", "tags"]


def claim_disagreements(analyst: Analyst) -> list[int]:
    """The sentences ``agree FILE --json`` lists as claim disagreements for ``analyst``."""
    report = json.loads(analyst.ok("agree", str(analyst.article), "--json"))
    return [row["sentence"] for row in report["tags"]["claim"]["disagreements"]]


def test_a_removal_reaches_a_colleague_through_git(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    assert "sentence 2: claim by ana" in bo.ok("brief", str(bo.article))
    assert claim_disagreements(bo) == [1, 2, 3]
    ana.tag("2", "claim", remove=True)
    ana.publish()
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 1 removed, 2 unchanged"
    assert bo.records() == [(1, "ana", ["claim"]), (2, "bo", ["figure"]), (3, "ana", ["claim"])]
    assert "sentence 2: claim by ana" not in bo.ok("brief", str(bo.article))
    assert claim_disagreements(bo) == [1, 3]
    # the same file again changes nothing
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 0 removed, 2 unchanged"
    assert bo.records() == [(1, "ana", ["claim"]), (2, "bo", ["figure"]), (3, "ana", ["claim"])]


def test_ana_removing_her_last_record_reaches_bo(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    ana.tag("1-3", "claim", remove=True)
    ana.publish()
    document = yaml.safe_load(ana_file(ana).read_text(encoding="utf-8"))
    assert document["complete"] is True and document["articles"][0]["annotations"] == []
    assert bo.pull_and_import() == "imported 1 article(s): 0 added, 0 updated, 3 removed, 0 unchanged"
    assert bo.records() == [(2, "bo", ["figure"])]


def test_a_partial_export_removes_nothing(pair: tuple[Analyst, Analyst], tmp_path: Path) -> None:
    ana, bo = pair
    ana.tag("2", "claim", remove=True)
    partial = tmp_path / "partial.yaml"
    ana.ok("export", str(ana.article), "--by", "ana", "--tag", "claim", "-o", str(partial))
    assert "complete" not in yaml.safe_load(partial.read_text(encoding="utf-8"))
    assert bo.ok("import", str(partial)).startswith("imported 1 article(s): 0 added, 0 updated, 0 removed, 2 unchanged")
    assert (2, "ana", ["claim"]) in bo.records()


def test_an_older_split_file_without_the_marker_removes_nothing(pair: tuple[Analyst, Analyst], tmp_path: Path) -> None:
    ana, bo = pair
    ana.tag("2", "claim", remove=True)
    ana.publish()
    old = tmp_path / "old.yaml"  # as newsmark wrote split files before they said they were complete
    lines = ana_file(ana).read_text(encoding="utf-8").splitlines(keepends=True)
    old.write_text("".join(line for line in lines if not line.startswith(("annotator: ", "complete: "))), encoding="utf-8")
    assert bo.ok("import", str(old)).startswith("imported 1 article(s): 0 added, 0 updated, 0 removed, 2 unchanged")
    assert (2, "ana", ["claim"]) in bo.records()


def test_bos_own_records_are_never_removed_by_a_colleagues_or_his_own_file(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    bo.publish()  # bo's file holds his figure on 2
    bo.tag("5", "concern")  # tagged after his last export: his own file is older than his store
    ana.tag("1-3", "claim", remove=True)
    ana.publish()
    assert "3 removed" in bo.pull_and_import()
    assert bo.records() == [(2, "bo", ["figure"]), (5, "bo", ["concern"])]


def test_a_complete_file_is_the_truth_for_its_annotator_in_a_colleagues_store(pair: tuple[Analyst, Analyst]) -> None:
    """A record of Ana's that Bo's store lost (deleted there, as triage deletes an orphan)
    comes back from her complete file; one that only Bo's store holds for her goes."""
    _ana, bo = pair
    bo.ok("tag", str(bo.article), "3", "claim", "--remove", "--annotator", "ana")
    bo.ok("tag", str(bo.article), "7", "source", "--annotator", "ana")
    assert bo.pull_and_import() == "imported 1 article(s): 1 added, 0 updated, 1 removed, 2 unchanged"
    assert [r for r in bo.records() if r[1] == "ana"] == [(1, "ana", ["claim"]), (2, "ana", ["claim"]), (3, "ana", ["claim"])]


def test_the_final_layer_is_removed_only_by_its_own_file(pair: tuple[Analyst, Analyst]) -> None:
    ana, bo = pair
    bo.ok("tag", str(bo.article), "2", "claim", "--annotator", "final")
    ana.tag("1-3", "claim", remove=True)
    ana.publish()
    bo.pull_and_import()
    assert (2, "final", ["claim"]) in bo.records()
    # the adjudicator (bo) publishes the final layer; ana, who does not adjudicate, takes it
    bo.ok("export", "--split", str(bo.clone), "--by", "final")
    git(bo.clone, "add", "-A")
    git(bo.clone, "commit", "-q", "-m", "final")
    git(bo.clone, "push", "-q", "origin", "HEAD:main")
    assert "1 added" in ana.pull_and_import()
    # then he settles the sentence otherwise: his emptied final file removes it from ana's store
    bo.ok("tag", str(bo.article), "2", "claim", "--remove", "--annotator", "final")
    bo.ok("export", "--split", str(bo.clone), "--by", "final")
    git(bo.clone, "commit", "-q", "-am", "final emptied")
    git(bo.clone, "push", "-q", "origin", "HEAD:main")
    assert "1 removed" in ana.pull_and_import()
    assert [r for r in ana.records() if r[1] == "final"] == []


def test_an_article_folder_with_two_annotators_files_counts_one_article(pair: tuple[Analyst, Analyst], tmp_path: Path) -> None:
    """Ana's and Bo's files name the article at different paths: still one article (item 5)."""
    ana, bo = pair
    bo.publish()
    [folder] = [path.parent for path in bo.clone.glob("*/bo.yaml")]
    assert sorted(path.name for path in folder.iterdir()) == ["ana.yaml", "bo.yaml"]
    cy = Analyst("cy", tmp_path / "cy-store", bo.clone, bo.article, ana.monkeypatch, ana.capsys)
    assert cy.ok("import", str(folder)).splitlines()[0] == "imported 1 article(s): 4 added, 0 updated, 0 removed, 0 unchanged"


def test_after_an_edit_of_the_article_her_file_moves_and_removes_nothing(pair: tuple[Analyst, Analyst]) -> None:
    """The edited text gets a folder of its own: Ana's file in the old text's folder is
    removed, not emptied (an emptied one would remove all her records from Bo's store)."""
    ana, bo = pair
    old_folder = ana_file(ana).parent
    text = ana.article.read_text(encoding="utf-8")
    reworded = "Some containers may carry fuel or spare parts rather than munitions."
    assert reworded in text
    ana.article.write_text(text.replace(reworded, "Some containers may carry fuel rather than munitions."), encoding="utf-8")
    ana.tag("5", "source")  # she goes on tagging the edited article
    ana.publish()
    assert ana_file(ana).parent != old_folder and not old_folder.exists()
    assert bo.pull_and_import() == "imported 1 article(s): 1 added, 0 updated, 0 removed, 3 unchanged"
    assert [r for r in bo.records() if r[1] == "ana"] == [
        (1, "ana", ["claim"]),
        (2, "ana", ["claim"]),
        (3, "ana", ["claim"]),
        (5, "ana", ["source"]),
    ]


def test_two_complete_files_of_one_annotator_remove_only_what_neither_holds(pair: tuple[Analyst, Analyst]) -> None:
    """Ana's file in the old text's folder is back (a branch merged after her export of the
    new text brings it): with her new text's file, Bo's import removes only what neither
    holds, whichever is read first."""
    ana, bo = pair
    old_file = ana_file(ana)
    old_bytes = old_file.read_bytes()
    text = ana.article.read_text(encoding="utf-8")
    ana.article.write_text(text.replace("fuel or spare parts", "fuel"), encoding="utf-8")
    ana.tag("5", "source")
    ana.tag("3", "claim", remove=True)
    git(ana.clone, "pull", "-q", "--no-rebase")
    ana.ok("export", "--split", str(ana.clone), str(ana.article))
    old_file.parent.mkdir(exist_ok=True)
    old_file.write_bytes(old_bytes)
    assert len(list(ana.clone.glob("*/ana.yaml"))) == 2
    git(ana.clone, "add", "-A")
    git(ana.clone, "commit", "-q", "-m", "ana's new text")
    git(ana.clone, "push", "-q", "origin", "HEAD:main")
    assert bo.pull_and_import() == "imported 1 article(s): 1 added, 0 updated, 0 removed, 5 unchanged"
    assert (5, "ana", ["source"]) in bo.records()


def test_an_undo_step_naming_a_removed_record_is_dropped(pair: tuple[Analyst, Analyst]) -> None:
    """Bo's store holds an undo step of Ana's record (changed there as ana); once her
    complete file removes the record, ``undo`` cannot bring it back."""
    ana, bo = pair
    bo.ok("tag", str(bo.article), "2", "figure", "--annotator", "ana")
    ana.tag("2", "claim", remove=True)
    ana.publish()
    assert "1 removed" in bo.pull_and_import()
    status, out, _err = bo.run("undo", str(bo.article), "--annotator", "ana")
    assert (status, out) == (1, "nothing to undo in Pipeline\n")
    assert bo.records() == [(1, "ana", ["claim"]), (2, "bo", ["figure"]), (3, "ana", ["claim"])]
