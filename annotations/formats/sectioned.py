"""The sectioned text format: one paragraph per line, ``|`` breaks, heading runs."""

from __future__ import annotations

import re

from annotations.model import ParsedBody, RawSection

#: A heading line is shorter than this.
MAX_HEADING_LENGTH = 100
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "…")
# A list item starts with a bullet then a space, or a number or letter (after a bullet,
# or in parentheses) then ".", ")" or ".)" and a space: "- x", "1.) x", "⁃9. x", "•3. x", "(a) x".
_BULLETS = "-*+•‣◦▪–—⁃·"
_LIST_NUMBER = r"\(?(?:\d{1,3}|[a-zA-Z])(?:\.\)|[.)])\s"
_LIST_ITEM = re.compile(rf"^(?:[{re.escape(_BULLETS)}](?:\s|\d{{1,3}}(?:\.\)|[.)])\s)|{_LIST_NUMBER})")
_BREAK = re.compile(r"^\s*\|\s*$")
#: A letter or digit: what ``str.isalnum`` accepts (``\w`` is that plus ``_``), found in
#: one regex call rather than a Python loop over the line.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_heading_line(line: str) -> bool:
    """Short, no sentence-ending punctuation at its end, not a list item."""
    line = line.strip()
    return (
        0 < len(line) < MAX_HEADING_LENGTH
        and not line.endswith(_SENTENCE_END)
        and not _LIST_ITEM.match(line)
        and _LETTER_OR_DIGIT.search(line) is not None
    )


def parse(lines: list[str]) -> ParsedBody:
    """Sections of a sectioned text, boilerplate and empty sections dropped; the format
    has no title of its own (front matter or the file name gives it)."""
    sections: list[RawSection] = []
    blocks = _blocks(lines)
    for block in blocks:
        sections.extend(_sections_of_block(block))
    kept = [s for s in sections if s.paragraphs]
    if not kept and blocks:
        # Only short unpunctuated lines ("plain text not html"): a note, not headings over
        # nothing; read every line as a paragraph rather than refuse the file.
        kept = [RawSection(title=None, paragraphs=[line for block in blocks for line in block])]
    return ParsedBody(None, kept)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _BREAK.match(line):
            blocks.append([])
        elif _LETTER_OR_DIGIT.search(line):
            blocks[-1].append(line.strip())
    return [b for b in blocks if b]


# Lines without a letter or digit (rules such as "***", stray punctuation) are decoration.


def _sections_of_block(block: list[str]) -> list[RawSection]:
    """Split one ``|``-block at its heading runs.

    Paragraphs before the first heading run form an untitled section; a heading run
    followed by no paragraph is boilerplate and yields an empty section, dropped later.
    """
    sections: list[RawSection] = []
    current = RawSection(title=None)
    in_heading_run = False
    for line in block:
        if is_heading_line(line):
            if in_heading_run:
                current.subtitles.append(line)
            else:
                sections.append(current)
                current = RawSection(title=line)
                in_heading_run = True
        else:
            current.paragraphs.append(line)
            in_heading_run = False
    sections.append(current)
    return sections
