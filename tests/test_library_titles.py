"""The library's cheap scan names every article as the reader, parse and stats do."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.library.scan import summarize

ODD = {
    "3f9a2c7e1b04d5e6.txt": "Rail links\n\nThe port handled more containers than in any month on record.\n",
    "0042.txt": "Officials met on Monday. They agreed on a plan.\n",
    "field-notes.md": "---\nauthor: A. Reporter\n---\n## Section 1 Field Report\n\nThe team counted 40 trucks at the border.\n",
}


def test_the_scan_titles_every_sample_article_as_the_loader_does(samples: Path) -> None:
    for path in sorted(samples.iterdir()):
        summary = summarize(path)
        assert summary is not None and summary.title == load_article(path).title, path.name


@pytest.mark.parametrize("name", sorted(ODD))
def test_the_scan_titles_odd_articles_as_the_loader_does(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ODD[name], encoding="utf-8")
    summary = summarize(path)
    assert summary is not None and summary.title == load_article(path).title
