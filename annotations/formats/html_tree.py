"""A page's HTML tree for trafilatura, whose paragraph-text queries cost time linear in size.

trafilatura asks a tree for the text of its paragraphs with ``//p//text()`` (is there
paragraph text at all?) and ``.//p//text()``. libxml2 evaluates these step by step: one
node set of text nodes per ``<p>``, merged into the result with a duplicate check against
every node already in it, so one query costs the square of the number of paragraphs (4.3 s
for the one query on a page of 30,000 paragraphs; 0.02 s in the form below). The same nodes in the same (document) order are
``descendant::text()`` filtered by their ancestors, one step from one node, which libxml2
answers in linear time:

- ``//p//text()`` (from anywhere in a document): its text nodes with a ``<p>`` among their
  ancestors, i.e. ``/descendant::text()[ancestor::p]``;
- ``.//p//text()`` (below an element): its descendant text nodes with a ``<p>`` among their
  ancestors strictly below the element, i.e. more ``<p>`` ancestors than the element's own
  ancestor-or-self ``<p>`` count.

:func:`linear_paragraph_text` makes every element trafilatura works on answer exactly these
two queries that way, while it reads: its HTML parser's elements (and so the copies it
makes of its tree: a copy keeps its document's parser) and lxml's plain elements (its
result is built as ``Element("body")``) get a subclass whose ``xpath`` rewrites them; every
other query goes to lxml unchanged. The equality of the two forms is tested on every
element of sample and generated pages (tests/test_big_pages.py), and so is that trafilatura
still asks the query (it is its internal text, hence ``trafilatura<3`` in pyproject).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

#: trafilatura's queries for paragraph text (main_extractor.py and external.py, 2.x).
DOCUMENT_PARAGRAPH_TEXT = "//p//text()"
ELEMENT_PARAGRAPH_TEXT = ".//p//text()"
_LINEAR_DOCUMENT_QUERY = "/descendant::text()[ancestor::p]"
_LINEAR_ELEMENT_QUERY = "descendant::text()[count(ancestor::p) > $outer]"
_LOCK = threading.Lock()


class LinearParagraphText:
    """Mixin of the tree's element classes: the paragraph-text queries answered linearly."""

    #: How many times a paragraph-text query was answered here (counts work, for tests).
    answered = 0

    def xpath(self, _path: str, *args: Any, **kwargs: Any) -> Any:
        """lxml's ``xpath``; the two paragraph-text queries in their linear form (same result)."""
        base: Any = super()
        if not args and not kwargs:
            if _path == DOCUMENT_PARAGRAPH_TEXT:
                LinearParagraphText.answered += 1
                return base.xpath(_LINEAR_DOCUMENT_QUERY)
            if _path == ELEMENT_PARAGRAPH_TEXT:
                LinearParagraphText.answered += 1
                outer = base.xpath("count(ancestor-or-self::p)")
                return base.xpath(_LINEAR_ELEMENT_QUERY, outer=outer)
        return base.xpath(_path, *args, **kwargs)


@cache
def _linear_class(element_class: type) -> type:
    """``element_class`` (an lxml element class) with the linear paragraph-text queries."""
    return type(element_class.__name__, (LinearParagraphText, element_class), {})


@cache
def _html_lookup() -> Any:
    """lxml.html's element classes, each with the linear queries (comments and the like unchanged)."""
    from lxml.html import HtmlElementClassLookup

    class Lookup(HtmlElementClassLookup):  # type: ignore[misc]
        """lxml.html's lookup, its element classes given the linear queries."""

        def lookup(self, node_type: str, document: Any, namespace: str | None, name: str) -> Any:
            found = super().lookup(node_type, document, namespace, name)
            return _linear_class(found) if node_type == "element" else found

    return Lookup()


@cache
def _plain_lookup() -> Any:
    """lxml's default lookup (a parser's own lookup first), plain elements with the linear queries."""
    from lxml import etree

    element = etree.ElementDefaultClassLookup(element=_linear_class(etree.ElementBase))
    return etree.ParserBasedElementClassLookup(fallback=element)


@contextmanager
def linear_paragraph_text() -> Iterator[None]:
    """While inside: trafilatura's HTML parser and lxml's plain elements (trafilatura builds
    its result as ``Element("body")``) give elements answering paragraph text linearly.
    One reader at a time (a lock): the lookups are the process's, restored on the way out."""
    from lxml import etree
    from lxml.html import HtmlElementClassLookup
    from trafilatura.utils import HTML_PARSER

    with _LOCK:
        HTML_PARSER.set_element_class_lookup(_html_lookup())
        etree.set_element_class_lookup(_plain_lookup())
        try:
            yield
        finally:
            etree.set_element_class_lookup()
            HTML_PARSER.set_element_class_lookup(HtmlElementClassLookup())
