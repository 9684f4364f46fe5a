"""``newsmark export --format claimreview``: schema.org ClaimReview JSON-LD of exactly the
final verdicts, checked against what schema.org defines and what Google's fact-check
structured data requires (claimReviewed, reviewRating with alternateName, url) and
recommends (author, datePublished, itemReviewed as a Claim with appearance, author and
datePublished; the rating's ratingValue, bestRating, worstRating); a missing setting is
one clear error naming it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotations.exchange.claimreview import claim_reviews, review_settings
from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.store.spans import find_words

from .helpers import export_store

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
REVIEW_URL = "https://checks.example.org/reviews/{id}"
FINAL = {"verified": ("Verified", 5), "false": ("False", 1), "misleading": ("Misleading", 2), "unverifiable": ("Unverifiable", 3)}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def run(*args: str, store: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_DB": str(store), "NEWSMARK_CONFIG": str(config)}
    env["PYTHONPATH"] = str(SAMPLES.parent)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def checked(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A store with a claim at every status (four final) on a text article and on a
    Markdown one with front matter (url, date, author): (store, text, markdown)."""
    text, markdown = tmp_path / "artillery.txt", tmp_path / "water-audit.md"
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", text)
    shutil.copyfile(SAMPLES / "water-audit.md", markdown)
    store = tmp_path / "store"
    with Store(store) as opened:
        with open_article(opened, load_article(text), annotator="ana", schema=TagSchema()) as notes:
            notes.edit([1, 2, 3, 4, 7, 8], add=["claim"])
            for sentence, status in ((1, "verified"), (2, "checking"), (3, "misleading"), (8, "false")):
                notes.set_status(sentence, status)
            notes.edit([9], add=["source"])
            notes.set_grade(9, "B2")
            shells = find_words(notes.article, 6, "approx. 300,000 shells")
            notes.edit_span(shells, add=["figure"])
            notes.set_status(shells, "unverifiable")
        with open_article(opened, load_article(markdown), annotator="ana", schema=TagSchema()) as notes:
            notes.edit([1], add=["figure"])
            notes.set_status(1, "false", note="14 of 52 is not what the audit says")
    return store, text, markdown


def config_with(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return config


def assert_valid_claim_review(item: dict[str, Any], best: int = 5, worst: int = 1) -> None:
    """What schema.org's ClaimReview and Google's fact-check structured data ask of one item."""
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    # required by Google
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"].strip()
    assert re.match(r"^https?://[^/\s]+/\S*$", item["url"])
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str) and rating["alternateName"]
    # recommended by Google
    assert (rating["bestRating"], rating["worstRating"]) == (best, worst)
    assert min(best, worst) <= rating["ratingValue"] <= max(best, worst)
    assert item["author"]["@type"] == "Organization" and item["author"]["name"]
    assert DAY.match(item["datePublished"])
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim"
    appearance = claim["appearance"]
    assert appearance["@type"] == "CreativeWork" and appearance["name"]
    assert set(claim) <= {"@type", "appearance", "author", "datePublished"}
    assert set(item) - {"reviewBody"} == {
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "author",
        "datePublished",
        "reviewRating",
        "itemReviewed",
    }
    assert isinstance(item.get("reviewBody", "why"), str) and item.get("reviewBody", "why").strip()


def test_exactly_the_final_verdicts_are_published_each_a_valid_claim_review(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, text, _ = checked
    config = config_with(tmp_path, f"organisation: Example Checks\nreview_url: {REVIEW_URL}\n")
    out = tmp_path / "reviews.jsonld"
    result = run("export", "--format", "claimreview", "-o", str(out), store=store, config=config)
    assert result.returncode == 0, result.stderr
    assert "exported 5 claim review(s)" in result.stderr
    reviews = json.loads(out.read_text(encoding="utf-8"))
    for item in reviews:
        assert_valid_claim_review(item)
    published = [(r["reviewRating"]["alternateName"], r["reviewRating"]["ratingValue"]) for r in reviews]
    assert sorted(published) == sorted([FINAL["verified"], FINAL["misleading"], FINAL["false"], FINAL["unverifiable"], FINAL["false"]])
    with Store(store) as opened, open_article(opened, load_article(text), annotator="ana", schema=TagSchema()) as notes:
        eight = notes.view.at(8)[0]
    [false] = [r for r in reviews if r["claimReviewed"] == eight["text"]]
    assert false["url"] == REVIEW_URL.format(id=eight["id"])
    assert false["author"] == {"@type": "Organization", "name": "Example Checks"}
    shells = next(r for r in reviews if r["reviewRating"]["alternateName"] == "Unverifiable")
    assert shells["claimReviewed"].startswith('"approx. 300,000 shells" in: The Ukrainian army received')


def test_the_claim_appears_in_its_article_with_the_front_matters_url_date_and_author(
    tmp_path: Path, checked: tuple[Path, Path, Path]
) -> None:
    store, _, _ = checked
    config = config_with(tmp_path, "annotator: ana\n")
    result = run(
        "export", "--format", "claimreview", "--organisation", "Desk", "--review-url", REVIEW_URL, "--by", "ana", store=store, config=config
    )
    assert result.returncode == 0, result.stderr
    [audit] = [r for r in json.loads(result.stdout) if r["itemReviewed"]["appearance"]["name"].startswith("Audit Finds Lead")]
    assert audit["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {
            "@type": "CreativeWork",
            "name": "Audit Finds Lead Above Limits in City Schools",
            "url": "https://example.org/water-audit",
        },
        "datePublished": "2026-09-02",
        "author": {"@type": "Person", "name": "Priya Natarajan"},
    }
    plain = next(r for r in json.loads(result.stdout) if r["itemReviewed"]["appearance"]["name"] == "Artillery")
    assert "url" not in plain["itemReviewed"]["appearance"] and "author" not in plain["itemReviewed"]


def test_a_web_articles_appearance_is_its_url_and_the_date_is_the_day_the_verdict_was_set(
    tmp_path: Path, checked: tuple[Path, Path, Path]
) -> None:
    store, _, _ = checked
    document = json.loads(export_store(store, fmt="json"))
    article = document["articles"][0]
    article["path"] = "https://news.example.com/2026/artillery"
    record = next(r for r in article["annotations"] if r.get("status") == "false")
    record["status_history"] = [
        {"by": "ana", "at": "2026-11-20T09:00:00.000000Z", "from": "unverified", "to": "false"},
        {"by": "ana", "at": "2026-11-21T09:00:00.000000Z", "from": "false", "to": "checking"},
        {"by": "ana", "at": "2026-11-22T23:59:00.000000Z", "from": "checking", "to": "false"},
    ]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = tmp_path / "other"
    with Store(other) as opened:
        import_articles(opened, load_export_file(path))
    reread = json.loads(export_store(other, fmt="json"))
    settings = review_settings(TagSchema(), "Desk", REVIEW_URL, None)
    reviews = claim_reviews(reread, settings)
    false = next(r for r in reviews if r["claimReviewed"] == record["text"])
    assert false["datePublished"] == "2026-11-22"
    assert false["itemReviewed"]["appearance"]["url"] == "https://news.example.com/2026/artillery"


def test_a_configured_scale_rates_by_its_own_numbers(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, _, _ = checked
    scale = (
        "verdicts:\n  best: 1\n  worst: 7\n  scale:\n"
        "    - {name: unverified}\n    - {name: checking}\n    - {name: verified, label: Correct, rating: 1}\n"
        "    - {name: 'false', label: Wrong, rating: 7}\n    - {name: misleading, rating: 5}\n    - {name: unverifiable, rating: null}\n"
    )
    config = config_with(tmp_path, f"organisation: Desk\nreview_url: {REVIEW_URL}\n{scale}")
    result = run("export", "--format", "claimreview", store=store, config=config)
    assert result.returncode == 0, result.stderr
    reviews = json.loads(result.stdout)
    for item in reviews:
        assert_valid_claim_review(item, best=1, worst=7)
    assert sorted(r["reviewRating"]["alternateName"] for r in reviews) == [
        "Correct",
        "Misleading",
        "Wrong",
        "Wrong",
    ]  # unverifiable: not final


@pytest.mark.parametrize(
    ("config_text", "args", "error"),
    [
        (f"review_url: {REVIEW_URL}\n", (), "needs the publishing organisation: set organisation: in the config or give --organisation"),
        ("organisation: Desk\n", (), "needs each review's address: set review_url: in the config or give --review-url"),
        ("organisation: Desk\n", ("--review-url", "https://checks.example.org/"), "newsmark: --review-url: 'https://checks.example.org/' must be a web address with {id}"),
        (f"review_url: {REVIEW_URL}\n", ("--organisation", " "), "newsmark: --organisation: give the publishing organisation's name (it is empty)"),
        ("organisation: Desk\nreview_url: checks/{id}\n", (), "review_url: must be a web address with {id}"),
        ("annotator: ana\n", ("--format", "yaml", "--organisation", "Desk"), "export: --organisation goes with --format claimreview"),
    ],
)  # fmt: skip
def test_a_missing_or_wrong_setting_is_one_line_naming_it_and_nothing_is_written(
    tmp_path: Path, checked: tuple[Path, Path, Path], config_text: str, args: tuple[str, ...], error: str
) -> None:
    store, _, _ = checked
    out = tmp_path / "reviews.jsonld"
    out.write_text("kept", encoding="utf-8")
    fmt = () if "--format" in args else ("--format", "claimreview")
    result = run("export", *fmt, *args, "-o", str(out), store=store, config=config_with(tmp_path, config_text))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("newsmark: ") and error in result.stderr
    assert out.read_text(encoding="utf-8") == "kept"


def test_a_claim_review_file_is_not_imported(tmp_path: Path, checked: tuple[Path, Path, Path]) -> None:
    store, _, _ = checked
    config = config_with(tmp_path, f"organisation: Desk\nreview_url: {REVIEW_URL}\n")
    out = tmp_path / "reviews.jsonld"
    assert run("export", "--format", "claimreview", "-o", str(out), store=store, config=config).returncode == 0
    result = run("import", str(out), store=tmp_path / "other", config=config)
    assert result.returncode == 2
    assert "a ClaimReview file is for publishing and cannot be imported" in result.stderr
