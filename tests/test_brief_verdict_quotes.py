"""The brief's Verdicts part quotes a span's sentence as the tag lists do (the spaces
around its bold words kept), and a source's grade is shown in the Source list too."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.store.spans import find_words

from .test_brief_verdicts import brief_of, checked


def test_a_span_claim_is_quoted_with_the_spaces_around_its_words(store_root: Path, article_copy: Path) -> None:
    article = load_article(article_copy)
    words = find_words(article, 6, "300,000")
    with Store(store_root) as store, open_article(store, article, annotator="ana", schema=TagSchema()) as notes:
        notes.toggle_span(words, "figure")
        notes.set_status(words, "verified", "Ministry figure.")
    brief = brief_of(store_root, article_copy)
    verdicts = brief[brief.index("## Verdicts") : brief.index("## Figure")]
    assert "approx. **300,000** shells" in verdicts, verdicts
    assert "approx. **300,000** shells" in brief[brief.index("## Figure") :]


def test_the_source_list_shows_the_grade(store_root: Path, article_copy: Path) -> None:
    checked(store_root, article_copy)
    brief = brief_of(store_root, article_copy)
    source = brief[brief.index("## Source") :]
    source = source[: source.index("\n## ")] if "\n## " in source else source
    assert "sentence 9 · tagged by ana · graded **B2**" in source, source
