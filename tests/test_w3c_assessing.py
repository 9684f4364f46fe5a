"""Verdicts and grades in the W3C export: ``assessing`` bodies (the model's motivation for
assessing a target), and an import that never turns them into notes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .test_cli_daily import newsmark

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"


def ok(*args: str, store: Path) -> str:
    result = newsmark(*args, store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout


def by_sentence(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["target"]["selector"][0]["exact"][:20]: item for item in collection["first"]["items"]}


def test_a_verdict_and_a_grade_are_assessing_bodies_and_no_note_on_import(tmp_path: Path) -> None:
    article, store = tmp_path / "artillery.txt", tmp_path / "store"
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", article)
    ok("tag", str(article), "8", "claim", store=store)
    ok("check", str(article), "8", "--status", "false", "--note", "The ministry counts 7,000.", store=store)
    ok("tag", str(article), "9", "source", store=store)
    ok("grade", str(article), "9", "B2", store=store)
    exported = tmp_path / "out.jsonld"
    ok("export", "--format", "w3c", "-o", str(exported), store=store)
    items = json.loads(exported.read_text(encoding="utf-8"))["first"]["items"]
    bodies = [(body["purpose"], body["value"]) for item in items for body in item["body"]]
    assert ("assessing", "false: The ministry counts 7,000.") in bodies
    assert ("assessing", "grade B2") in bodies
    for item in items:
        assert "assessing" in item["motivation"]
        assert set(item["motivation"]) == {body["purpose"] for body in item["body"]}

    other = tmp_path / "other"
    ok("import", str(exported), "--from", "w3c", "--article", str(article), store=other)
    records = json.loads(ok("export", "--format", "json", store=other))["articles"][0]["annotations"]
    assert sorted((r["sentence"], r["tags"], r["note"]) for r in records) == [(8, ["claim"], ""), (9, ["source"], "")]
