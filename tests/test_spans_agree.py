"""``newsmark agree`` with spans: the sentence-level figures count whole-sentence tags
only, and span-level agreement per tag (exact-match and token-overlap F1) is added.
Real ``newsmark`` processes, one per annotator."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .test_cli_who import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, path)
    return path


def tag(store: Path, article: Path, who: str, *args: str) -> None:
    result = newsmark("tag", str(article), *args, store=store, who=who)
    assert result.returncode == 0, result.stderr


def agree_json(store: Path, *args: str) -> dict[str, object]:
    result = newsmark("agree", "--json", *args, store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_span_f1_exact_and_by_words_beside_unchanged_sentence_figures(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    tag(store, article, "ana", "6", "figure", "--span", "approx. 300,000 shells")
    tag(store, article, "bo", "6", "figure", "--span", "300,000 shells")
    tag(store, article, "ana", "6", "source", "--span", "officials said")
    tag(store, article, "ana", "2", "claim")
    tag(store, article, "bo", "2", "claim")
    document = agree_json(store)
    sentence_level = document["tags"]  # type: ignore[index]
    assert sentence_level["source"]["disagreements"] == []  # tags on words are not the sentence's
    assert sentence_level["claim"]["disagreements"] == []
    figure = document["spans"]["figure"]  # type: ignore[index]
    assert (figure["spans"], figure["exact_f1"], figure["annotators"]) == (2, 0.0, ["ana", "bo"])
    # ana's words: approx, 300, 000, shells; bo's: 300, 000, shells → 2·3 / (4 + 3)
    assert figure["token_f1"] == pytest.approx(6 / 7)
    assert document["spans"]["source"]["exact_f1"] == 0.0  # type: ignore[index]
    assert document["spans"]["claim"]["exact_f1"] is None  # type: ignore[index]


def test_the_same_words_agree_fully_and_the_table_shows_span_figures(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    for who in ("ana", "bo"):
        tag(store, article, who, "6", "figure", "--span", "300,000 shells")
    tag(store, article, "cy", "6", "figure", "--span", "European partners")
    figure = agree_json(store, "--tag", "figure")["spans"]["figure"]  # type: ignore[index]
    pairs = {tuple(p["annotators"]): (p["exact_f1"], p["token_f1"]) for p in figure["pairs"]}
    assert pairs == {("ana", "bo"): (1.0, 1.0), ("ana", "cy"): (0.0, 0.0), ("bo", "cy"): (0.0, 0.0)}
    assert figure["exact_f1"] == pytest.approx(1 / 3)
    table = newsmark("agree", "--tag", "figure", store=store).stdout
    assert "Agreement per tag (spans" in table and "figure: span F1 per pair" in table


def test_agree_without_spans_prints_no_span_table(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    tag(store, article, "ana", "2", "claim")
    tag(store, article, "bo", "3", "claim")
    assert "spans" not in newsmark("agree", store=store).stdout
