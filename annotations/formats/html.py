"""Web pages: the article alone, extracted by trafilatura, its headings as sections.

Navigation, cookie banners, share bars, related links, ads, captions, comments and
footers are left to trafilatura's extractor (comments explicitly excluded); what a
browser never shows (``hidden`` elements, ``<template>``) is removed before it reads. Its XML tree
gives the article's blocks: ``<head rend="h2">``/``h3`` headings become section titles
and subtitles as ``##``/``###`` do in Markdown (a heading that directly follows another
is its subtitle), paragraphs, list items, quotes and table rows become paragraphs.

trafilatura (and lxml) are imported on first use only: readers of other formats never
pay for them. Every extracted text keeps the article-text hygiene
(:func:`~annotations.formats.hygiene.strip_controls`): a page's character references
(``&#27;``) cannot smuggle control characters in. The page's metadata (author, date,
site name, canonical URL, description) becomes the article's meta, cleaned as fields.

Big pages (a 9.9 MB page of 110,000 paragraphs: 104 s and 471 MB before, measured by
benchmarks/bench_big_page.py) cost time and memory linear in their size:

- time: trafilatura's test for paragraph text (``//p//text()``) is quadratic in libxml2;
  :mod:`~annotations.formats.html_tree` answers it in linear time with the same result;
- memory: trafilatura holds several copies of the page's tree at once (about 5 MB of tree
  per MB of page each: its parsed tree, the cleaned tree and its backup, the main
  extractor's backup, readability's copy and its output), and the page's text is held
  several times (bytes, text, lines: about 4 MB per MB). The page is parsed here only to
  drop hidden elements; when there are none that tree is let go and trafilatura parses the
  page itself (one copy less; a second parse costs far less than the extraction); a big
  page with hidden elements is written out again after the drop, for the same reason. Pages
  over :data:`BIG_PAGE` characters are read with ``fast=True``: no second opinions from
  readability and jusText, whose copies make the peak (on pages that size trafilatura's own
  extractor finds the article; the sample pages and a big generated page read the same
  either way, tests/test_big_pages.py). Measured on the 9.9 MB page: 7 s and 366 MB.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from typing import TYPE_CHECKING, Any

from annotations.formats.html_tree import linear_paragraph_text
from annotations.formats.hygiene import clean_heading, clean_line, strip_controls
from annotations.model import ParsedBody, RawSection

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The page's metadata kept as meta: trafilatura's name → the meta key.
META_FIELDS = {"author": "author", "date": "date", "sitename": "source", "url": "url", "description": "description"}
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]{1,8}|[0-9]{1,10});?", re.IGNORECASE)
#: Libraries that log warnings about pages they read (Python would print them to stderr).
_CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
#: Elements of trafilatura's XML whose text is one paragraph each.
_PARAGRAPH_TAGS = frozenset({"p", "item", "code", "quote", "row"})
#: Pages longer than this (characters) skip trafilatura's second opinions (see the module doc).
BIG_PAGE = 4_000_000
#: The hash of the last page's text and what was read from it (see :func:`parse`).
_last_read: tuple[bytes, ParsedBody] | None = None


def parse(lines: list[str]) -> ParsedBody:
    """The article of the page held by ``lines``: its headline as title, its sections, its
    metadata as meta; no sections if no article was found.

    The last page read is remembered (by the hash of its text): a page fetched by URL is
    read once to check that it holds an article before it is kept, and once more when it
    is opened; the extraction, the costly part, runs once."""
    global _last_read
    text = "\n".join(lines)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    last = _last_read
    if last is not None and last[0] == digest:
        return _copy(last[1])
    body = _parse(text)
    _last_read = (digest, _copy(body))
    return body


def _copy(body: ParsedBody) -> ParsedBody:
    """``body`` with sections and meta of its own (a caller may change what it is given)."""
    sections = [RawSection(s.title, list(s.subtitles), list(s.paragraphs)) for s in body.sections]
    return ParsedBody(body.title, sections, meta=dict(body.meta))


def _parse(text: str) -> ParsedBody:
    """The article of the page ``text`` (see :func:`parse`)."""
    page = drop_control_references(text)
    document = _extract(page)
    if document is None:
        return ParsedBody(None, [])
    title = _one_line(document.title)
    sections: list[RawSection] = [RawSection(title=None)]
    in_heading_run = False
    for kind, text in _blocks(document.body):
        if kind == "heading":
            if title is None and not _has_content(sections):
                title = text
                continue
            if text == title and not _has_content(sections):
                continue  # the headline repeated in the body
            if in_heading_run:
                sections[-1].subtitles.append(text)
            else:
                sections.append(RawSection(title=text))
                in_heading_run = True
        else:
            sections[-1].paragraphs.append(text)
            in_heading_run = False
    return ParsedBody(title, [s for s in sections if s.paragraphs], meta=page_meta(document))


def drop_control_references(page: str) -> str:
    """``page`` without character references to control characters (``&#27;``, ``&#0;``)
    or to no character at all: the decoded text had its controls removed, and references
    must not bring them back (nor make the HTML parser give up on the page).

    References to U+0080-U+009F mean the Windows-1252 character of that byte, as browsers
    read them (``don&#146;t`` is "don’t", ``&#150;`` an en dash): they become a reference
    to it; the five bytes Windows-1252 leaves undefined are dropped."""
    return _CHARACTER_REFERENCE.sub(_printable_reference, page)


def _printable_reference(match: re.Match[str]) -> str:
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
    if 0x80 <= code <= 0x9F:
        try:
            return f"&#{ord(bytes([code]).decode('cp1252'))};"
        except UnicodeDecodeError:
            return ""
    if code > sys.maxunicode or 0xD800 <= code <= 0xDFFF or strip_controls(chr(code)) == "":
        return ""
    return match.group(0)


def page_meta(document: Any) -> dict[str, object]:
    """The page's metadata that trafilatura found, as meta (field hygiene, one line each)."""
    meta: dict[str, object] = {}
    for attribute, key in META_FIELDS.items():
        value = _one_line(getattr(document, attribute, None), field=True)
        if value:
            meta[key] = value
    return meta


def _extract(page: str) -> Any:
    """trafilatura's document for ``page`` (``None`` if it finds no article)."""
    import trafilatura

    for name in _CHATTY_LOGGERS:  # their warnings are not the user's business: no stray stderr lines
        logging.getLogger(name).addHandler(logging.NullHandler())
    with linear_paragraph_text():
        return trafilatura.bare_extraction(
            _without_unrendered(page),
            with_metadata=True,
            include_comments=False,
            include_formatting=True,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            fast=len(page) > BIG_PAGE,
            # The page's own dates only: no guessing from a copyright line or a URL.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )


def _without_unrendered(page: str) -> Any:
    """``page`` as trafilatura is to read it, hidden elements dropped: its tree, or the page
    itself when nothing is hidden (trafilatura parses it: one tree less in memory at once),
    or for a big page the dropped tree written out again (its tree let go before trafilatura
    makes its copies)."""
    import trafilatura
    from lxml.html import tostring

    tree = trafilatura.load_html(page)
    if tree is None or not _drop_unrendered(tree):
        return page
    if len(page) > BIG_PAGE:
        return tostring(tree, encoding="unicode")
    return tree


def _drop_unrendered(tree: Any) -> bool:
    """Leave out what a browser never shows as the page's text: elements marked ``hidden``
    and ``<template>`` contents (the text after them stays). Whether there were any."""
    unrendered = tree.xpath("//template | //*[@hidden]")
    for element in unrendered:
        if element.getparent() is not None:
            element.drop_tree()
    return bool(unrendered)


def _blocks(body: Any) -> Iterator[tuple[str, str]]:
    """``("heading", text)`` and ``("paragraph", text)`` for the body's blocks, in order."""
    for element in body.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            text = _text_of(element, heading=True)
            if text:
                yield "heading", text
        elif tag in _PARAGRAPH_TAGS and not _inside_block(element):
            if tag == "row":
                text = " | ".join(t for t in (_text_of(cell) for cell in element) if t)
            else:
                text = _text_of(element)
            if any(ch.isalnum() for ch in text):
                yield "paragraph", text


def _inside_block(element: Any) -> bool:
    """Whether an element is inside another block already read whole (a ``<p>`` in a quote)."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag in _PARAGRAPH_TAGS:
            return True
        parent = parent.getparent()
    return False


def _text_of(element: Any, *, heading: bool = False) -> str:
    """An element's text, blanks collapsed, line breaks as spaces, controls removed."""
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    parts = element.itertext()
    text = " ".join("".join(parts).split())
    return clean_heading(text) if heading else strip_controls(text)


def _one_line(value: object, *, field: bool = False) -> str | None:
    """A metadata value as one clean line (``None`` if empty)."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    text = clean_line(text) if field else clean_heading(text)
    return text or None


def _has_content(sections: list[RawSection]) -> bool:
    return any(s.paragraphs or s.title for s in sections)
