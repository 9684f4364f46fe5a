"""Big web pages: trafilatura's paragraph-text queries answered in linear time with lxml's
own results, and a big page read right by the path for big pages. Work is counted, never
timed (the times and peak memory are benchmarks/bench_big_page.py's)."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from annotations.formats import html
from annotations.formats.html_tree import DOCUMENT_PARAGRAPH_TEXT, ELEMENT_PARAGRAPH_TEXT, LinearParagraphText, linear_paragraph_text
from annotations.formats.loader import load_article

WEB = Path(__file__).resolve().parent / "data" / "web"
QUERIES = (DOCUMENT_PARAGRAPH_TEXT, ELEMENT_PARAGRAPH_TEXT)


def described(results: list[Any]) -> list[tuple[str, bool, Any]]:
    """Each text node of a query's result: its text, whether it is a tail, its element."""
    return [(str(r), r.is_tail, r.getparent()) for r in results]


def assert_same_as_lxml(root: Any) -> int:
    """The override's answers equal lxml's own evaluation, from every element; how many compared."""
    compared = 0
    for element in root.iter():
        if not isinstance(element, LinearParagraphText):
            continue
        for query in QUERIES:
            assert described(element.xpath(query)) == described(etree.XPath(query)(element)), (query, element)
            compared += 1
    return compared


def random_tree(seed: int) -> Any:
    """A tree of nested ``<p>`` (also in ``<p>``), empty ones, inline elements, texts and tails."""
    rng = random.Random(seed)
    root = etree.Element("html")
    elements = [etree.SubElement(root, "body")]
    for _ in range(300):
        element = etree.SubElement(rng.choice(elements), rng.choice(("p", "p", "div", "span", "b", "article")))
        element.text = rng.choice((None, "", " ", f"text {len(elements)}"))
        element.tail = rng.choice((None, "", "\n", f"tail {len(elements)}"))
        elements.append(element)
    return root


@pytest.mark.parametrize("page", sorted(WEB.glob("*.html")), ids=lambda p: p.name)
def test_the_linear_queries_equal_lxml_on_the_sample_pages(page: Path) -> None:
    with linear_paragraph_text():
        tree = trafilatura.load_html(page.read_bytes())
        assert isinstance(tree, LinearParagraphText)
        assert assert_same_as_lxml(tree) > 20
        assert tree.xpath(DOCUMENT_PARAGRAPH_TEXT)  # the sample pages have paragraph text


@pytest.mark.parametrize("seed", range(5))
def test_the_linear_queries_equal_lxml_with_nested_and_empty_paragraphs(seed: int) -> None:
    with linear_paragraph_text():
        root = random_tree(seed)
        assert isinstance(root, LinearParagraphText)
        assert assert_same_as_lxml(root) == 2 * sum(1 for _ in root.iter())
        parsed = trafilatura.load_html(
            "<html><body><p></p><p> </p><div><p>a<b>b<i>c</i>d</b>e</p>tail<table><tr><td><p>f</p></td></tr></table></div>"
            "<p>g<br>h</p><span>not in a paragraph</span></body></html>"
        )
        assert assert_same_as_lxml(parsed) > 0
        assert parsed.xpath(DOCUMENT_PARAGRAPH_TEXT) == [" ", "a", "b", "c", "d", "e", "f", "g", "h"]


def test_trafilatuas_trees_copies_and_results_answer_linearly_while_reading_only() -> None:
    page = (WEB / "wire-story.html").read_bytes()
    with linear_paragraph_text():
        tree = trafilatura.load_html(page)
        for made in (tree, copy.copy(tree), copy.deepcopy(tree), tree.getroottree().__copy__().getroot(), etree.Element("body")):
            assert isinstance(made, LinearParagraphText), type(made)
    assert type(trafilatura.load_html(page)) is HtmlElement
    assert type(etree.Element("body")) is etree._Element


def big_page(paragraphs: int) -> tuple[str, list[tuple[str | None, tuple[str, ...], list[str]]]]:
    """A page of ``paragraphs`` paragraphs in sections of 50 under ``<h2>``, with formatting, a
    list and a hidden element in each; the sections and sentences expected of it."""
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour report</title></head><body><article>']
    parts.append("<h1>Harbour report</h1>")
    expected: list[tuple[str | None, tuple[str, ...], list[str]]] = []
    for n in range(paragraphs):
        if n % 50 == 0:
            parts.append(f"<h2>Part {n // 50}</h2><div hidden>Hidden note {n}.</div>")
            expected.append((f"Part {n // 50}", (), []))
        parts.append(f"<p>Item {n} was <b>approved</b> on Tuesday. The vote on item {n} was close.</p>")
        expected[-1][2].extend([f"Item {n} was approved on Tuesday.", f"The vote on item {n} was close."])
    parts.append("</article></body></html>")
    return "\n".join(parts), expected


def outline(path: Path) -> list[tuple[str | None, tuple[str, ...], list[str]]]:
    article = load_article(path)
    return [(s.title, s.subtitles, [x.text for p in s.paragraphs for x in p.sentences]) for s in article.sections]


def test_reading_a_page_has_the_override_answer_trafilatuas_paragraph_text_query(tmp_path: Path) -> None:
    """Fails loudly if trafilatura stops asking ``//p//text()`` (the override would be dead code)."""
    text, expected = big_page(200)
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    before = LinearParagraphText.answered
    assert outline(path) == expected
    assert LinearParagraphText.answered > before


def test_a_big_page_reads_the_same_on_the_path_for_big_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = big_page(400)
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    fast_flags: list[bool] = []
    bare_extraction = trafilatura.bare_extraction

    def recording(*args: Any, **kwargs: Any) -> Any:
        fast_flags.append(kwargs["fast"])
        return bare_extraction(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    assert outline(path) == expected
    monkeypatch.setattr(html, "BIG_PAGE", len(text) - 1)
    monkeypatch.setattr(html, "_last_read", None)
    assert outline(path) == expected
    assert fast_flags == [False, True]


@pytest.mark.parametrize("page", sorted(WEB.glob("*.html")), ids=lambda p: p.name)
def test_the_sample_pages_read_the_same_on_the_path_for_big_pages(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "_last_read", None)
    usual = outline(page)
    monkeypatch.setattr(html, "BIG_PAGE", 0)
    monkeypatch.setattr(html, "_last_read", None)
    assert outline(page) == usual
