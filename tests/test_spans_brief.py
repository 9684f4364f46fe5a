"""The brief quotes a span's sentence with its words in **bold** (Markdown) and
``<strong>`` (HTML), apart from the sentence's whole-sentence tags. Real ``newsmark``
processes."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_cli_daily import newsmark

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"


def test_a_span_is_quoted_in_its_sentence_with_its_words_in_bold(tmp_path: Path) -> None:
    article = tmp_path / "artillery.txt"
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    for args in (["6", "figure", "--span", "approx. 300,000 shells", "--note", "Which partners?"], ["6", "claim"]):
        assert newsmark("tag", str(article), *args, store=store).returncode == 0
    done = newsmark("brief", str(article), store=store)
    assert done.returncode == 0, done.stderr
    markdown = done.stdout
    figure = markdown[markdown.index("## Figure") : markdown.index("## Concern")]
    assert "> The Ukrainian army received **approx. 300,000 shells** from European partners" in figure
    assert "Which partners?" in figure
    claim = markdown[markdown.index("## Claim") : markdown.index("## Figure")]
    assert "> The Ukrainian army received approx. 300,000 shells from" in claim and "**approx." not in claim
    out = tmp_path / "brief.html"
    assert newsmark("brief", str(article), "--format", "html", "-o", str(out), store=store).returncode == 0
    assert "<strong>approx. 300,000 shells</strong>" in out.read_text(encoding="utf-8")
