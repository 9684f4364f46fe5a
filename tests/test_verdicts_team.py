"""Verdicts in a team: each annotator's own, agreement on them (``agree``), and
adjudication taking one reader's verdict into the final layer, undoable and exported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotations.errors import StoreError
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.team.adjudication import Adjudication
from annotations.team.agreement import cohen_kappa, rated_store
from annotations.team.verdict_agreement import verdict_agreement

from .helpers import export_store
from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


def opened(store: Store, path: Path, who: str) -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=who, schema=TagSchema())


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path]:
    """ana, bo and cy tag claims 1, 2, 3, 7 and 8 alike; ana and bo check 1, 3, 7 and 8,
    cy checks 8 only: (store, article). Statuses: 1 both verified; 3 both false; 7 ana
    false, bo misleading; 8 ana false (with evidence and a rationale), bo verified, cy
    false. Nobody checked sentence 2 (no rating)."""
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    root = tmp_path / "store"
    given = {
        "ana": {1: "verified", 3: "false", 7: "false", 8: "false"},
        "bo": {1: "verified", 3: "false", 7: "misleading", 8: "verified"},
        "cy": {8: "false"},
    }
    with Store(root) as store:
        for who, statuses in given.items():
            with opened(store, article, who) as notes:
                notes.edit([1, 2, 3, 7, 8], add=["claim"])
                for sentence, status in statuses.items():
                    evidence = [("url", "https://stats.example.org/q3")] if (who, sentence) == ("ana", 8) else []
                    notes.set_status(sentence, status, note="counts" if who == "ana" else None, evidence=evidence)
    return root, article


def test_agreement_on_verdicts_counts_claims_checked_by_two_or_more(team: tuple[Path, Path]) -> None:
    root, _ = team
    with Store(root, mode=LockMode.READ) as store:
        articles = rated_store(store, TagSchema())
    result = verdict_agreement(articles, TagSchema(), exclude={"final"})
    assert (result.annotators, result.items, result.kappa_kind) == (["ana", "bo", "cy"], 4, "fleiss")
    assert [(d.sentence, d.statuses) for d in result.disagreements] == [
        (7, {"ana": "false", "bo": "misleading"}),
        (8, {"ana": "false", "bo": "verified", "cy": "false"}),
    ]
    two = verdict_agreement(articles, TagSchema(), exclude={"final", "cy"})
    assert two.kappa_kind == "cohen"
    assert two.kappa == pytest.approx(cohen_kappa(["verified", "false", "false", "false"], ["verified", "false", "misleading", "verified"]))
    assert two.alpha is not None and -1 <= two.alpha < 1


def test_agree_json_reports_the_verdicts(team: tuple[Path, Path]) -> None:
    root, _ = team
    result = newsmark("agree", "--json", store=root)
    assert result.returncode == 0, result.stderr
    verdicts = json.loads(result.stdout)["verdicts"]
    assert (verdicts["items"], verdicts["kappa_kind"], len(verdicts["disagreements"])) == (4, "fleiss", 2)
    assert verdicts["disagreements"][0] == {
        "path": verdicts["disagreements"][0]["path"],
        "sentence": 7,
        "words": "",
        "annotators": {"ana": "false", "bo": "misleading"},
    }
    table = newsmark("agree", store=root)
    assert "Agreement on verdicts" in table.stdout and "ana: false, bo: misleading" in table.stdout


def test_adjudication_takes_a_readers_verdict_into_the_final_layer(team: tuple[Path, Path]) -> None:
    root, article = team
    with Store(root) as store, opened(store, article, "ana") as notes:
        adjudication = Adjudication(store, notes.article, notes.file, final="final", schema=TagSchema())
        assert adjudication.places == [7, 8]  # the tags agree; the verdicts do not
        change = adjudication.take_verdict(8, "ana")
        assert change.label == "take ana's verdict on sentence 8: false"
        verdict = adjudication.layer.assessment(8)
        assert (verdict.status, verdict.rationale, [e["value"] for e in verdict.evidence]) == (
            "false",
            "counts",
            ["https://stats.example.org/q3"],
        )
        assert [(h["by"], h["from"], h["to"]) for h in verdict.history] == [("final", "unverified", "false")]
        assert adjudication.layer.own_tags(8) == ["claim"]  # the reading came with it
        adjudication.take_verdict(8, "bo")
        assert adjudication.layer.assessment(8).status == "verified"
        assert adjudication.layer.assessment(8).evidence == ()
        assert adjudication.undo().label == "undo take bo's verdict on sentence 8: verified"
        assert adjudication.layer.assessment(8).status == "false"
        with pytest.raises(StoreError, match="cy set no status on sentence 7"):
            adjudication.take_verdict(7, "cy")
    final = [r for a in json.loads(export_store(root, annotators=["final"], fmt="json"))["articles"] for r in a["annotations"]]
    assert [(r["sentence"], r["status"], len(r["evidence"])) for r in final] == [(8, "false", 1)]


def test_taking_a_reading_takes_its_verdict_and_the_view_shows_each_status(team: tuple[Path, Path]) -> None:
    root, article = team
    with Store(root) as store, opened(store, article, "ana") as notes:
        adjudication = Adjudication(store, notes.article, notes.file, final="final", schema=TagSchema())
        readings = adjudication.readings(7)
        assert [(r.annotator, r.status) for r in readings] == [("ana", "false"), ("bo", "misleading"), ("cy", "")]
        assert adjudication.take(7, readings[1]).label == "take bo's reading on sentence 7"
        settled = adjudication.settled(7)
        assert settled is not None and (settled.tags, settled.status) == (("claim",), "misleading")
        adjudication.take(7, readings[2])  # cy's reading has no verdict: the final one goes
        settled = adjudication.settled(7)
        assert settled is not None and (settled.tags, settled.status) == (("claim",), "")
        assert adjudication.layer.assessment(7).history[-1]["to"] == "unverified"
