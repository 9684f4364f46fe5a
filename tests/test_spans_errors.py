"""A span error names the words exactly as typed (escaped as every error escapes input)
and, when the sentence holds them but for case or spacing, the words as it has them
(tryout item H), through real ``newsmark`` subprocesses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_cli_daily import newsmark, one_error_line
from .test_spans_cli import SAMPLE


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("approx.  300,000 shells", 'sentence 6 has no "approx.  300,000 shells" (it has "approx. 300,000 shells":'),
        ("Approx. 300,000 Shells", 'sentence 6 has no "Approx. 300,000 Shells" (it has "approx. 300,000 shells":'),
        ("APPROX.\t300,000\nshells", 'sentence 6 has no "APPROX.\\t300,000\\nshells" (it has "approx. 300,000 shells":'),
        ("approx.  400,000 shells", 'sentence 6 has no "approx.  400,000 shells"'),
    ],
)
def test_the_span_error_shows_the_words_as_typed_and_the_sentences_own(tmp_path: Path, typed: str, said: str) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    line = one_error_line(newsmark("tag", str(article), "6", "figure", "--span", typed, store=tmp_path / "store"))
    assert line.startswith(f"newsmark: {article}: {said}"), line
    if "(it has" in said:
        assert line.endswith("words match exactly, case and spaces included)"), line
    else:
        assert "(it has" not in line
    assert not (tmp_path / "store").exists()
