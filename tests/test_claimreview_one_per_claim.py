"""A ClaimReview file publishes one verdict per claim: the final layer's where it has
one; annotators whose statuses differ on an unsettled claim make the export refuse,
naming the claims (real store, real ``newsmark`` subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

from .test_claimreview import REVIEW_URL, checked, config_with, run

__all__ = ["checked"]


def reviewed(store: Path, text: Path, who: str, sentence: int, status: str) -> None:
    with Store(store) as opened, open_article(opened, load_article(text), annotator=who, schema=TagSchema()) as notes:
        notes.edit([sentence], add=["claim"])
        notes.set_status(sentence, status)


def test_differing_verdicts_on_an_unsettled_claim_refuse_the_export(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, text, _ = checked
    config = config_with(tmp_path, f"organisation: Example Checks\nreview_url: {REVIEW_URL}\n")
    reviewed(store, text, "bo", 8, "verified")
    out = tmp_path / "reviews.jsonld"
    result = run("export", "--format", "claimreview", "-o", str(out), store=store, config=config)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("newsmark: export: the annotators' verdicts differ on artillery.txt#8 (ana: false, bo: verified)")
    assert "--by final" in line and not out.exists()
    result = run("export", "--format", "claimreview", "--by", "ana", "-o", str(out), store=store, config=config)
    assert result.returncode == 0, result.stderr


def test_the_final_layers_verdict_is_the_one_published(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, text, _ = checked
    config = config_with(tmp_path, f"organisation: Example Checks\nreview_url: {REVIEW_URL}\n")
    reviewed(store, text, "bo", 8, "verified")
    reviewed(store, text, "bo", 1, "verified")  # agrees with ana: published once
    reviewed(store, text, "final", 8, "misleading")
    out = tmp_path / "reviews.jsonld"
    result = run("export", "--format", "claimreview", "-o", str(out), store=store, config=config)
    assert result.returncode == 0, result.stderr
    reviews = json.loads(out.read_text(encoding="utf-8"))
    texts = [r["claimReviewed"] for r in reviews]
    assert len(texts) == len(set(texts)) == 5
    eight = load_article(text).sentence(8).text
    assert [r["reviewRating"]["alternateName"] for r in reviews if r["claimReviewed"] == eight] == ["Misleading"]


def test_the_rationale_is_the_reviews_body(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, _, markdown = checked
    config = config_with(tmp_path, f"organisation: Example Checks\nreview_url: {REVIEW_URL}\n")
    out = tmp_path / "reviews.jsonld"
    result = run("export", str(markdown), "--format", "claimreview", "-o", str(out), store=store, config=config)
    assert result.returncode == 0, result.stderr
    [review] = json.loads(out.read_text(encoding="utf-8"))
    assert review["reviewBody"] == "14 of 52 is not what the audit says"
