"""Triage of a span record that was re-anchored fuzzily: its candidate sentences are
ranked by the sentence it was tagged in (not by its few words against whole sentences),
and ``newsmark orphans`` shows that sentence as it was tagged."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_cli_daily import newsmark
from .test_spans_cli import SAMPLE, SHELLS


def test_fuzzy_span_candidates_rank_its_sentence_first_and_show_it_as_tagged(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "6", "concern", "--span", SHELLS, store=store).returncode == 0
    old = next(line for line in article.read_text(encoding="utf-8").splitlines() if SHELLS in line)
    article.write_text(article.read_text(encoding="utf-8").replace("approx.", "about"), encoding="utf-8")
    result = newsmark("orphans", str(article), "--fuzzy", store=store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "fuzzy" in lines[0] and lines[1] == f"    words: {SHELLS}"
    tagged = lines[2].removeprefix("    in: ")
    assert lines[2].startswith("    in: ") and tagged in old and "approx. 300,000 shells from European partners" in tagged
    first = lines[3]
    assert first.startswith("    candidate 1: sentence 6 (") and "about 300,000 shells" in first
    score = float(first.split("(")[1].split(")")[0])
    others = [float(line.split("(")[1].split(")")[0]) for line in lines[4:6]]
    assert score >= 0.75 and all(other < score for other in others)
