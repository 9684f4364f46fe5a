"""Markdown articles: ``#`` title, ``##``/``###`` sections, paragraphs as plain text."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from annotations.model import ParsedBody, RawSection


def parse(lines: list[str]) -> ParsedBody:
    """The first ``#`` heading as title, and the sections; emphasis, links and code become plain text."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse("\n".join(lines))
    title: str | None = None
    sections: list[RawSection] = [RawSection(title=None)]
    in_heading_run = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            text = _inline_text(tokens[index + 1])
            index += 3
            if token.tag == "h1" and title is None and not _has_content(sections):
                title = text
                continue
            if not text:
                continue
            if in_heading_run:
                sections[-1].subtitles.append(text)
            else:
                sections.append(RawSection(title=text))
                in_heading_run = True
            continue
        if token.type == "inline" and _is_paragraph_body(tokens, index):
            text = _inline_text(token)
            if any(ch.isalnum() for ch in text):
                sections[-1].paragraphs.append(text)
                in_heading_run = False
        elif token.type in ("fence", "code_block"):
            for line in token.content.splitlines():
                if any(ch.isalnum() for ch in line):
                    sections[-1].paragraphs.append(line.strip())
                    in_heading_run = False
        index += 1
    return ParsedBody(title, [s for s in sections if s.paragraphs])


def _has_content(sections: list[RawSection]) -> bool:
    return any(s.paragraphs or s.title for s in sections)


def _is_paragraph_body(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].type == "paragraph_open"


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: markup dropped, link text and image alt kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or []) or child.content)
        elif child.type == "html_inline":
            parts.append(child.content)
    return " ".join("".join(parts).split())
