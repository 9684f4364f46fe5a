"""Anchoring another tool's quote in an article's plain text, then on its sentences.

The quote is found as a span's words are found again
(:func:`annotations.store.span_anchoring.locate_words`, which anchors as the Hypothesis
client does): the quote exactly, once in the text or, when it repeats, the copy whose
prefix and suffix fit (both sides alike); else the run of words most like it, its
context alike (``fuzzy``, for a person to confirm in triage); else nowhere (an orphan).
The TextPositionSelector is only a hint among repeats (weight 2 of 92), never taken as
it stands, since a browser counts positions in the whole page, menus included (an
offset that happens to fall on another copy of the words must not win over its context). Runs of white space count as one
space on both sides, since a page's text (what Hypothesis quotes) and the article's
plain text lay paragraphs out differently.

:func:`place` then puts the found words on the article's sentences: words inside one
sentence are a span on it; words that cover a sentence or cross sentences are a record
on every sentence they touch.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from annotations.model import Article, Sentence
from annotations.store.records import Span
from annotations.store.span_anchoring import locate_words

_SPACE = re.compile(r"\s+")


class Found(NamedTuple):
    """Where a quote is in the article's text: offsets, similarity, whether fuzzy."""

    start: int
    end: int
    score: float
    fuzzy: bool


class Collapsed(NamedTuple):
    """A text with every run of white space made one space, and where each of its
    characters was in the text (one more entry: the text's length)."""

    text: str
    origin: list[int]

    def at(self, offset: int) -> int:
        """The collapsed offset of an offset of the original text."""
        return bisect.bisect_left(self.origin, offset)


def collapse(text: str) -> Collapsed:
    """``text`` with its runs of white space made single spaces, and the offsets map."""
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _SPACE.finditer(text):
        parts.append(text[last : match.start()])
        origin.extend(range(last, match.start()))
        parts.append(" ")
        origin.append(match.start())
        last = match.end()
    parts.append(text[last:])
    origin.extend(range(last, len(text)))
    origin.append(len(text))
    return Collapsed("".join(parts), origin)


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text)


def find_quote(
    article_text: str, exact: str, prefix: str, suffix: str, hint: tuple[int, int] | None, collapsed: Collapsed | None = None
) -> Found | None:
    """Where the quote is in ``article_text`` (None: not there). ``collapsed``: the text
    already collapsed (:func:`collapse`), when many quotes are looked for in it."""
    flat = collapsed or collapse(article_text)
    quote = _squeeze(exact).strip()
    if not quote:
        return None
    start = flat.at(hint[0]) if hint is not None else 0
    span: Span = {
        "start": start,
        "end": start,  # never taken as it stands: the position only ranks the copies
        "quote": quote,
        "prefix": _squeeze(prefix),
        "suffix": _squeeze(suffix),
    }
    found = locate_words(span, flat.text, flat.text)
    if found is None:
        return None
    return Found(flat.origin[found.start], flat.origin[found.end - 1] + 1, found.score, found.fuzzy)


class Placement(NamedTuple):
    """Found words on the article's sentences: the sentences they touch, and the offsets
    inside the sentence when they are words inside one (a span); else None."""

    sentences: tuple[Sentence, ...]
    words: tuple[int, int] | None


def place(article: Article, found: Found) -> Placement | None:
    """The sentences ``found`` touches (None: none, e.g. words of a heading only)."""
    touched = tuple(s for s in article.sentences if s.start < found.end and s.end > found.start)
    if not touched:
        return None
    if len(touched) == 1:
        sentence = touched[0]
        start, end = max(found.start, sentence.start), min(found.end, sentence.end)
        inner = sentence.text[start - sentence.start : end - sentence.start]
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
        if end > start and (start > sentence.start or end < sentence.end):
            return Placement(touched, (start - sentence.start, end - sentence.start))
    return Placement(touched, None)


def sentence_near(article: Article, offset: int | None) -> Sentence:
    """The sentence at (or just after) ``offset`` of the text; the first one if unknown."""
    sentences = article.sentences
    if offset is not None:
        for sentence in sentences:
            if sentence.end > offset:
                return sentence
        return sentences[-1]
    return sentences[0]
