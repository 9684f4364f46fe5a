"""Load an article file into the article model: decode, pick the format, parse, split.

No hidden I/O: the file named is the only one read, unless the caller passes a
:class:`~annotations.sentences.cache.SentenceCache` to take sentence boundaries from
(and keep new ones in).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from annotations.errors import ArticleError
from annotations.files import read_user_file
from annotations.formats.decoding import decode_article_bytes
from annotations.formats.frontmatter import split_front_matter
from annotations.formats.hygiene import clean_line
from annotations.formats.registry import format_for, format_named
from annotations.metadata import content_title, humanise_file_stem
from annotations.model import Article, Paragraph, RawSection, Section, Sentence, storable_path, text_hash
from annotations.sentences.cache import FlatSpans, SentenceCache, Spans, spans_of

#: Above this many characters of paragraph text, an article not split before may open
#: with its first part only while the rest is split elsewhere (pysbd reads ~0.3 MB/s).
PROGRESSIVE_CHARS = 200_000
#: How many paragraphs the first part holds at least (whole sections).
FIRST_PART_PARAGRAPHS = 50
#: Files larger than this are refused rather than read into memory.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_BLOCK_SEPARATOR = "\n\n"


def load_article(
    path: str | Path, *, cache: SentenceCache | None = None, first_part_only: bool = False, workers: int = 1, streams: bool = False
) -> Article:
    """Read and parse the article at ``path``, its format chosen by :mod:`annotations.formats.registry`.

    With a ``cache``, sentence boundaries come from it when it has them, and are kept
    in it when they had to be found.

    With ``first_part_only``, a big article whose sentences are not cached yet comes
    back with its first sections only (``article.complete`` is False): the reader shows
    them at once while the rest is split in another process.

    Sentences not cached are split on up to ``workers`` processes (see
    :func:`~annotations.sentences.batch.split_many`; more than 1 only in a process with
    no other threads, as forking copies just the calling one).

    Only a regular file is read, unless ``streams`` (a path the user named: ``parse
    <(command)``): a pipe at a path found in a folder or named by the store might never
    be written to (see :func:`~annotations.files.read_user_file`).

    Raises :class:`ArticleError` with a one-line reason for anything that is not a
    readable article.
    """
    return build_article(read_body(path, streams=streams), cache=cache, first_part_only=first_part_only, workers=workers)


class ArticleBody(NamedTuple):
    """An article file read and parsed into sections, its sentences not split yet."""

    path: str | Path
    title: str
    meta: dict[str, object]
    sha256: str
    format: str
    encoding: str
    sections: list[RawSection]

    @property
    def paragraphs(self) -> list[str]:
        """Every paragraph's text, in order."""
        return [paragraph for raw in self.sections for paragraph in raw.paragraphs]


def read_body(path: str | Path, *, streams: bool = False) -> ArticleBody:
    """Read and parse the article file at ``path`` (see :func:`load_article`)."""
    path = Path(path)
    try:
        data = read_user_file(path, ArticleError, what="an article file", max_bytes=MAX_ARTICLE_BYTES, streams=streams)
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    return parse_body(data, path)


def parse_article_bytes(
    data: bytes, path: str | Path, fmt: str | None = None, *, cache: SentenceCache | None = None, first_part_only: bool = False
) -> Article:
    """Parse an article from its raw bytes; ``fmt`` names a registered format (by default
    the one :func:`~annotations.formats.registry.format_for` picks for ``path``)."""
    return build_article(parse_body(data, path, fmt), cache=cache, first_part_only=first_part_only)


def parse_body(data: bytes, path: str | Path, fmt: str | None = None) -> ArticleBody:
    """Decode and parse an article's raw bytes into sections (see :func:`parse_article_bytes`)."""
    text, encoding = decode_article_bytes(data, path)
    article_format = format_named(fmt) if fmt else format_for(path, text)
    meta, lines = split_front_matter(text.split("\n"), path)
    body = article_format.parse(lines)
    if not body.sections:
        raise ArticleError(path, article_format.empty_reason)
    if body.meta:
        meta = {**body.meta, **meta}
    title = article_title(meta, body.title, path, body.sections)
    return ArticleBody(path, title, meta, hashlib.sha256(data).hexdigest(), article_format.name, encoding, body.sections)


def cache_sentences(path: str | Path, cache: SentenceCache, *, workers: int = 1) -> None:
    """Split the article at ``path`` into sentences and keep them in ``cache``, building
    nothing (what another process does for a reader opening a big article).

    ``workers`` as for :func:`load_article`. Raises :class:`ArticleError` as it does.
    """
    from annotations.sentences.batch import split_many

    body = read_body(path)
    cache.save(body.sha256, body.format, split_many(body.paragraphs, workers=workers))


def build_article(body: ArticleBody, *, cache: SentenceCache | None = None, first_part_only: bool = False, workers: int = 1) -> Article:
    """Split a parsed article into sentences (see :func:`load_article`)."""
    raw_sections = body.sections
    path, title, meta, sha256, fmt, encoding = body.path, body.title, body.meta, body.sha256, body.format, body.encoding
    paragraph_count = sum(len(raw.paragraphs) for raw in raw_sections)
    cached = cache.load(sha256, fmt, paragraph_count) if cache is not None else None
    pending = 0
    whole = ""
    # Cached or not, building every sentence of a big article takes a while (~0.15 s
    # for 5 MB even from the cache), so its first part is shown first either way.
    if first_part_only and sum(len(p) for raw in raw_sections for p in raw.paragraphs) > PROGRESSIVE_CHARS:
        keep, paragraphs = 0, 0
        while keep < len(raw_sections) and paragraphs < FIRST_PART_PARAGRAPHS:
            paragraphs += len(raw_sections[keep].paragraphs)
            keep += 1
        pending = len(raw_sections) - keep
        if pending:
            whole = sections_hash(raw_sections)
        raw_sections = raw_sections[:keep]
    article, new_spans = _build(
        raw_sections,
        path=path,
        title=title,
        meta=meta,
        sha256=sha256,
        fmt=fmt,
        encoding=encoding,
        cached=cached,
        pending=pending,
        workers=workers,
    )
    if whole:
        article = dataclasses.replace(article, whole_text_hash=whole)
    if cache is not None and new_spans is not None and article.complete:
        cache.save(sha256, fmt, new_spans)
    return article


def sections_hash(sections: Sequence[RawSection]) -> str:
    """The content hash (see :func:`~annotations.model.text_hash`) of the article these
    parsed sections make, without building it: what a complete article's text hashes to."""
    return text_hash(_BLOCK_SEPARATOR.join(block for raw in sections for block in _blocks(raw)))


def _blocks(raw: RawSection) -> list[str]:
    """A section's blocks of text in the order :func:`_build` lays them out."""
    return ([raw.title] if raw.title else []) + raw.subtitles + raw.paragraphs


def article_title(meta: dict[str, object], body_title: str | None, path: str | Path, sections: Sequence[RawSection] = ()) -> str:
    """An article's title: the front matter's, else the one its body gives, else the file
    name's (humanised), else the first words of its first paragraph, else "Untitled"."""
    return _meta_title(meta) or body_title or title_from_file_name(path) or content_title(sections) or "Untitled"


def title_from_file_name(path: str | Path) -> str | None:
    """A readable title from a file name: ``north-korea_shells.txt`` → ``North korea shells``
    (``None`` for a hash-like name such as ``3f9a2c7e1b04.txt``)."""
    return humanise_file_stem(clean_line(storable_path(Path(path).stem)))


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
    cached: FlatSpans | None,
    pending: int,
    workers: int,
) -> tuple[Article, Spans | None]:
    """Lay the sections out as one normalized text and split it into sentences.

    Sentence boundaries come from ``cached`` where it holds sound ones; a damaged entry
    is split again, and so is everything after it. Returns the article and, if any
    paragraph had to be split, every paragraph's spans (for the cache).
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

    all_spans: Spans = []
    split_any = False
    fresh: Iterator[list[tuple[int, int]]] | None = None  # spans split anew, from the first paragraph not cached on
    sections: list[Section] = []
    sentence_number = 0
    for section_number, raw in enumerate(raw_sections, start=1):
        for heading in ([raw.title] if raw.title else []) + raw.subtitles:
            add_block(heading)
        paragraphs: list[Paragraph] = []
        for paragraph_number, paragraph_text in enumerate(raw.paragraphs, start=1):
            start = add_block(paragraph_text)
            sentences: list[Sentence] = []
            spans = spans_of(cached[len(all_spans)], len(paragraph_text)) if cached is not None else None
            if spans is None:
                if fresh is None:  # damaged (or none): split all that follows, at once
                    from annotations.sentences.batch import split_many  # not needed when cached: not on the start path

                    rest = [p for raw_rest in raw_sections for p in raw_rest.paragraphs][len(all_spans) :]
                    fresh = iter(split_many(rest, workers=workers))
                    cached = None
                    split_any = True
                spans = next(fresh)
            all_spans.append(spans)
            for a, b in spans:
                sentence_number += 1
                sentences.append(Sentence(sentence_number, section_number, paragraph_number, start + a, start + b, paragraph_text[a:b]))
            paragraphs.append(Paragraph(paragraph_number, start, start + len(paragraph_text), tuple(sentences)))
        label = raw.title or (title if section_number == 1 else f"Section {section_number}")
        sections.append(Section(section_number, raw.title, tuple(raw.subtitles), tuple(paragraphs), label))
    article = Article(
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
    return article, (all_spans if split_any else None)
