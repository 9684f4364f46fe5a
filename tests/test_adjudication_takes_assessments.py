"""Adjudication and verdicts: ``take agreed`` leaves a claim whose readers' statuses (or
a source whose grades) differ to be settled, and carries the verdict, grade and links of
the readings it takes; taking a source's reading keeps its grade (a real store, set up
through real subprocesses)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.team.adjudication import Adjudication

from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


def ok(*args: str, store: Path) -> None:
    result = newsmark(*args, store=store)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path]:
    """ana: 7, 8 claims, 8 false, 9 a source B2, 7 attributed to 9; bo: the same tags,
    8 verified, 9 ungraded (store, article)."""
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    for who in ("ana", "bo"):
        ok("--annotator", who, "tag", str(article), "7-8", "claim", store=store)
        ok("--annotator", who, "tag", str(article), "9", "source", store=store)
    ok("--annotator", "ana", "check", str(article), "8", "--status", "false", "--note", "counts", store=store)
    ok("--annotator", "bo", "check", str(article), "8", "--status", "verified", store=store)
    ok("--annotator", "ana", "grade", str(article), "9", "B2", store=store)
    ok("--annotator", "ana", "link", str(article), "7", "--to", "9", "--as", "attributed-to", store=store)
    return store, article


def final_records(store: Store, article: Path) -> dict[int, dict[str, object]]:
    with open_article(store, load_article(article), annotator="final", schema=TagSchema()) as layer:
        return {r["sentence"]: dict(r) for r in layer.view.all() if r["annotator"] == "final"}


def test_take_agreed_leaves_differing_verdicts_and_carries_grade_and_links(team: tuple[Path, Path]) -> None:
    root, article = team
    with Store(root) as store:
        with open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
            adjudication = Adjudication(store, notes.article, notes.file, final="final", schema=TagSchema())
            assert adjudication.places == [8]
            assert sorted(adjudication.agreed_not_final()) == [7, 9]
            adjudication.take_agreed()
            assert adjudication.unsettled() == [8]
        final = final_records(store, article)
    assert 8 not in final
    assert final[9]["grade"] == "B2"
    assert [link["as"] for link in final[7]["links"]] == ["attributed-to"]  # type: ignore[attr-defined]


def test_taking_a_sources_reading_keeps_its_grade(team: tuple[Path, Path]) -> None:
    root, article = team
    ok("--annotator", "bo", "grade", str(article), "9", "C3", store=root)
    with Store(root) as store:
        with open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
            adjudication = Adjudication(store, notes.article, notes.file, final="final", schema=TagSchema())
            assert adjudication.places == [8, 9]  # the grades differ
            assert [(r.annotator, r.grade) for r in adjudication.readings(9)] == [("ana", "B2"), ("bo", "C3")]
            ana = adjudication.readings(9)[0]
            adjudication.take(9, ana)
            assert adjudication.settled(9) == ana.__class__("final", ("source",), "", "", "B2")
            adjudication.take(8, adjudication.readings(8)[0])
        final = final_records(store, article)
    assert (final[9]["grade"], final[8]["status"], final[8]["rationale"]) == ("B2", "false", "counts")
