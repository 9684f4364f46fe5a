"""Text as Markdown that renders as exactly that text: article, metadata and note text
in a brief stays literal in the Markdown and in the HTML made from it.
"""

from __future__ import annotations

import re

from annotations.errors import escape_controls

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# that can start markup anywhere in a line (emphasis, code, links, raw HTML, entities,
# headings, tables, strikethrough).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# What starts a block at the beginning of a line: a list item, a quote, a thematic break
# or setext underline, an ordered list item.
_LINE_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])")


#: Bidi embeddings and overrides (closed by U+202C) and isolates (closed by U+2069).
_BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"} | dict.fromkeys(
    "\u2066\u2067\u2068", "\u2069"
)


def close_bidi(text: str) -> str:
    """``text`` with its bidi embeddings, overrides and isolates left open closed at its end.

    Article text keeps them (see :mod:`annotations.formats.hygiene`), but in the brief it
    shares a line with what newsmark writes after it (section, sentence number, who tagged
    it): an unpaired right-to-left override there would reverse that too."""
    if text.isascii():
        return text
    open_: list[str] = []
    for ch in text:
        if ch in _BIDI_OPENERS:
            open_.append(_BIDI_OPENERS[ch])
        elif ch == "\u202c" and open_ and open_[-1] == "\u202c":
            open_.pop()
        elif ch == "\u2069" and "\u2069" in open_:  # closes the last isolate and what it holds
            while open_.pop() != "\u2069":
                pass
    return text + "".join(reversed(open_))


def escape_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, on one line (whitespace runs,
    line breaks included, become one space), its bidi controls closed (:func:`close_bidi`)."""
    flat = close_bidi(" ".join(text.split()))
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    ordered = _ORDERED_MARK.match(escaped)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end() :]}"
    if _LINE_START.match(escaped):
        return "\\" + escaped
    return escaped


def escape_path(path: str) -> str:
    """A file path as Markdown: its control characters shown as their escapes (a path
    from the file system may hold ESC or a bidi override), then :func:`escape_text`."""
    return escape_text(escape_controls(path))


#: A line's indentation is kept as no-break spaces: Markdown strips the leading spaces of
#: a paragraph's lines (and takes four as code), not these; a tab counts as four.
_INDENT_WIDTH = {"\t": 4}


def escape_paragraphs(text: str) -> list[list[str]]:
    """A multi-line text (a note) as paragraphs (parted by blank lines) of escaped lines
    (:func:`escape_text`), each line's indentation kept as no-break spaces; the first of
    them written ``&nbsp;`` on a paragraph's first line, where a renderer trims raw ones."""
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        body = line.lstrip()
        if not body:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        indent = "\u00a0" * sum(_INDENT_WIDTH.get(ch, 1) for ch in line[: len(line) - len(body)])
        if indent and not paragraphs[-1]:
            indent = "&nbsp;" + indent[1:]
        paragraphs[-1].append(indent + escape_text(body))
    return [lines for lines in paragraphs if lines]
