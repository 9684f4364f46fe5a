"""Two of one annotator's records that meet on a sentence (one imported from another
machine) merge into one: the latest verdict, every evidence item, link and status change
of both, each once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .helpers import export_store

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


def test_records_that_meet_keep_the_latest_verdict_and_all_evidence(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    root = tmp_path / "store"
    with Store(root) as store, open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.edit([8], add=["claim"])
        notes.set_status(8, "false", note="counts", evidence=[("url", "https://a.example/mine")])
    document = json.loads(export_store(root, fmt="json"))
    [record] = document["articles"][0]["annotations"]
    older = "2026-01-02T00:00:00.000000Z"
    record.update(
        id="from-the-other-machine",
        created=older,
        updated=older,
        status="verified",
        rationale="the other machine's reason",
        evidence=[{"kind": "text", "value": "a call", "by": "ana", "at": older}, record["evidence"][0]],
        status_history=[{"by": "ana", "at": older, "from": "unverified", "to": "verified"}],
    )
    path = tmp_path / "other.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with Store(root) as store:
        import_articles(store, load_export_file(path))
    with Store(root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        [merged] = notes.view.at(8)
        verdict = notes.assessment(8)
    assert merged["id"] == "from-the-other-machine"  # the oldest is kept
    assert (verdict.status, verdict.rationale) == ("false", "counts")  # the latest verdict
    assert [e["value"] for e in verdict.evidence] == ["a call", "https://a.example/mine"]
    assert [(h["from"], h["to"]) for h in verdict.history] == [("unverified", "verified"), ("unverified", "false")]
