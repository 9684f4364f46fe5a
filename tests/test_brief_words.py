"""The brief names the words of a dispute over words (a span) and of words the final layer
settled with no tag, in Markdown and in HTML, so two annotators' different words in one
sentence do not read as a contradiction. Real ``newsmark`` processes."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.store.spans import find_words
from annotations.team.adjudication import Adjudication
from tests.test_brief import parse_html, run, section
from tests.test_brief_counts import tag_words

WHERE = "§2 How the Shells Reached the Front, sentence 6"


def briefs(tmp_path: Path, store: Path, article: Path, *options: str) -> tuple[str, str]:
    """The brief in Markdown, and the text of the same brief in HTML."""
    markdown = run("brief", str(article), *options, store=store)
    assert markdown.returncode == 0, markdown.stderr
    out = tmp_path / "brief.html"
    written = run("brief", str(article), *options, "--format", "html", "-o", str(out), store=store)
    assert written.returncode == 0, written.stderr
    return markdown.stdout, "".join(parse_html(out.read_text(encoding="utf-8")).text)


def test_a_dispute_over_words_names_them(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """The tryout's steps: Ana's and Bo's figure on different words of sentence 6 are two disputes, each named by its words."""
    tag_words(store_root, article_copy, "ana", "figure", "approx. 300,000 shells")
    tag_words(store_root, article_copy, "ana", "source", "officials said")
    tag_words(store_root, article_copy, "bo", "figure", "300,000 shells")
    assert run("tag", str(article_copy), "5", "claim", store=store_root, annotator="ana").returncode == 0
    markdown, html = briefs(tmp_path, store_root, article_copy)
    disputed = section(markdown, "Disputed")
    lines = [line for line in disputed.splitlines() if line.startswith("- ")]
    assert lines == [
        "- §2 How the Shells Reached the Front, sentence 5: claim by ana, not by bo",
        f'- {WHERE}, words "approx. 300,000 shells": figure by ana, not by bo',
        f'- {WHERE}, words "300,000 shells": figure by bo, not by ana',
        f'- {WHERE}, words "officials said": source by ana, not by bo',
    ]
    assert "Sentences (or words in them) the annotators of an article tagged differently." in disputed
    for line in lines:
        assert line[2:] in html


def test_words_settled_with_no_tag_are_named_not_their_sentence(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """Sentence 6 stays tagged (figure as a whole, source on other words); only Ana's words
    "approx. 300,000 shells" are settled with no tag (Bo's reading of them)."""
    tag_words(store_root, article_copy, "ana", "figure", "approx. 300,000 shells")
    tag_words(store_root, article_copy, "ana", "source", "officials said")
    for annotator in ("ana", "bo"):
        assert run("tag", str(article_copy), "6", "figure", store=store_root, annotator=annotator).returncode == 0
    with Store(store_root) as store:
        opened = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        adjudication = Adjudication(store, opened.article, opened.file, final="final", schema=TagSchema())
        words = find_words(opened.article, 6, "approx. 300,000 shells")
        bo = next(r for r in adjudication.readings(words) if r.annotator == "bo")
        assert bo.tags == () and adjudication.take(words, bo)
    markdown, html = briefs(tmp_path, store_root, article_copy)
    settled = [line for line in section(markdown, "Settled with no tag").splitlines() if line.startswith("- ")]
    assert len(settled) == 1
    assert settled[0].startswith(f'- {WHERE}, words "approx. 300,000 shells": “The Ukrainian army received **approx. 300,000 shells**')
    assert f'{WHERE}, words "approx. 300,000 shells": “The Ukrainian army received approx. 300,000 shells' in html
    assert f"{WHERE}: “" not in markdown and f"{WHERE}: “" not in html
