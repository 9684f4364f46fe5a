"""Content tests that recognise a format when a file's suffix says nothing (kept apart
from the parsers so the registry imports no parser to sniff)."""

from __future__ import annotations

import re

from annotations.patterns import text_pattern

_MARKUP_START = r"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]"
#: How much of a file's start :func:`looks_like_html` reads.
SNIFF_CHARS = 2048


def looks_like_html(text: str) -> bool:
    """Whether decoded text is a web page: it starts (after blanks and comments) with a
    doctype, ``<html>``, ``<head>``, ``<body>``, ``<meta>`` or ``<title>``, or ``<html`` appears early."""
    start = text[:SNIFF_CHARS].lstrip()
    while start.startswith("<!--") and "-->" in start:
        start = start.split("-->", 1)[1].lstrip()
    return bool(text_pattern(_MARKUP_START, re.IGNORECASE).match(start)) or "<html" in start.lower()
