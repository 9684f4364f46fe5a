"""Load an article file into the article model."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from annotations.sentences import cache as sentence_cache
from annotations.formats.decoding import decode_article_bytes
from annotations.errors import ArticleError
from annotations.files import read_user_file
from annotations.formats.frontmatter import split_front_matter
from annotations.model import Article, Paragraph, Section, Sentence
from annotations.formats.sectioned import RawSection, parse_sectioned
from annotations.sentences.splitter import split_sentences

#: Above this many characters of paragraph text, an article not split before may open
#: with its first part only while the rest is split elsewhere (pysbd reads ~0.3 MB/s).
PROGRESSIVE_CHARS = 200_000
#: How many paragraphs the first part holds at least (whole sections).
FIRST_PART_PARAGRAPHS = 50
#: Files larger than this are refused rather than read into memory.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_BLOCK_SEPARATOR = "\n\n"


def load_article(path: str | Path, *, first_part_only: bool = False) -> Article:
    """Read and parse the article at ``path``.

    With ``first_part_only``, a big article whose sentences are not cached yet comes
    back with its first sections only (``article.complete`` is False): the reader shows
    them at once while the rest is split in another process.

    Raises :class:`ArticleError` with a one-line reason for anything that is not a
    readable article.
    """
    path = Path(path)
    try:
        data = read_user_file(path, ArticleError, what="an article file", max_bytes=MAX_ARTICLE_BYTES)
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    return parse_article_bytes(data, path, first_part_only=first_part_only)


def parse_article_bytes(data: bytes, path: str | Path, fmt: str | None = None, *, first_part_only: bool = False) -> Article:
    """Parse an article from its raw bytes; ``fmt`` is ``"text"`` or ``"markdown"``."""
    text, encoding = decode_article_bytes(data, path)
    fmt = fmt or ("markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "text")
    meta, lines = split_front_matter(text.split("\n"), path)
    if fmt == "markdown":
        from annotations.formats.markdown import parse_markdown  # markdown-it loads only for Markdown articles

        heading_title, raw_sections = parse_markdown("\n".join(lines))
    else:
        heading_title, raw_sections = None, parse_sectioned(lines)
    if not raw_sections:
        raise ArticleError(path, "no paragraphs: nothing to read")
    title = _meta_title(meta) or heading_title or title_from_file_name(path)
    sha256 = hashlib.sha256(data).hexdigest()
    paragraph_count = sum(len(raw.paragraphs) for raw in raw_sections)
    cached = sentence_cache.load(sha256, fmt, paragraph_count)
    pending = 0
    # Cached or not, building every sentence of a big article takes a while (~0.15 s
    # for 5 MB even from the cache), so its first part is shown first either way.
    if first_part_only and sum(len(p) for raw in raw_sections for p in raw.paragraphs) > PROGRESSIVE_CHARS:
        keep, paragraphs = 0, 0
        while keep < len(raw_sections) and paragraphs < FIRST_PART_PARAGRAPHS:
            paragraphs += len(raw_sections[keep].paragraphs)
            keep += 1
        pending = len(raw_sections) - keep
        raw_sections = raw_sections[:keep]
    return _build(raw_sections, path=path, title=title, meta=meta, sha256=sha256, fmt=fmt, encoding=encoding, cached=cached, pending=pending)


def title_from_file_name(path: str | Path) -> str:
    """A readable title from a file name: ``north-korea_shells.txt`` → ``north korea shells``."""
    stem = Path(path).stem
    return " ".join(re.split(r"[_\-\s]+", stem)).strip() or stem


def _meta_title(meta: dict[str, object]) -> str | None:
    title = meta.get("title")
    if title is None:
        return None
    return " ".join(str(title).split()) or None


def _build(
    raw_sections: list[RawSection],
    *,
    path: str | Path,
    title: str,
    meta: dict[str, object],
    sha256: str,
    fmt: str,
    encoding: str,
    cached: sentence_cache.FlatSpans | None,
    pending: int,
) -> Article:
    """Lay the sections out as one normalized text and split it into sentences.

    Sentence boundaries come from ``cached`` when given; new ones are cached when the
    article is complete (``pending`` sections left out means it is not).
    """
    blocks: list[str] = []
    offset = 0

    def add_block(block: str) -> int:
        nonlocal offset
        if blocks:
            offset += len(_BLOCK_SEPARATOR)
        start = offset
        blocks.append(block)
        offset += len(block)
        return start

    all_spans: sentence_cache.Spans = []
    sections: list[Section] = []
    sentence_number = 0
    for section_number, raw in enumerate(raw_sections, start=1):
        for heading in ([raw.title] if raw.title else []) + raw.subtitles:
            add_block(heading)
        paragraphs: list[Paragraph] = []
        for paragraph_number, paragraph_text in enumerate(raw.paragraphs, start=1):
            start = add_block(paragraph_text)
            sentences: list[Sentence] = []
            spans = sentence_cache.spans_of(cached[len(all_spans)], len(paragraph_text)) if cached is not None else None
            if spans is None:
                spans = split_sentences(paragraph_text)
                if cached is not None:
                    cached = None  # damaged: split all that follows, and write it again
            all_spans.append(spans)
            for a, b in spans:
                sentence_number += 1
                sentences.append(Sentence(sentence_number, section_number, paragraph_number, start + a, start + b, paragraph_text[a:b]))
            paragraphs.append(Paragraph(paragraph_number, start, start + len(paragraph_text), tuple(sentences)))
        label = raw.title or (title if section_number == 1 else f"Section {section_number}")
        sections.append(Section(section_number, raw.title, tuple(raw.subtitles), tuple(paragraphs), label))
    if cached is None and not pending:
        sentence_cache.save(sha256, fmt, all_spans)
    return Article(
        path=os.path.abspath(path),
        title=title,
        meta=meta,
        sha256=sha256,
        text=_BLOCK_SEPARATOR.join(blocks),
        sections=tuple(sections),
        format=fmt,
        encoding=encoding,
        pending_sections=pending,
    )
