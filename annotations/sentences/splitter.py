"""Sentence boundaries for news text: pysbd, corrected where news text trips it.

pysbd's work grows with the square of its input (each abbreviation it finds rewrites the
whole text, and each sentence it returns is searched for from the start), so it never
reads more than :data:`PYSBD_MAX_CHARS` at once: a longer paragraph is first cut into
pieces at points that are certainly sentence ends (see :func:`_pieces`). The corrections
that follow look only at a bounded neighbourhood of each boundary, so splitting any
paragraph takes time linear in its length.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from annotations.sentences.fastpath import fast_split
from annotations.sentences.words import (
    LIST_MARKER,
    LIST_MARKER_MAX,
    NUMBER_ABBREVIATIONS,
    SENTENCE_STARTERS,
    TIME_PHRASE,
    TIME_PHRASE_MAX,
    TIME_ZONE_WORDS,
    TITLES,
)

_TRAILING_WORD = re.compile(r"(\S+)\s*$")
_LEADING_WORD = re.compile(r"\W*?(\w+)")
# A run of dotted capitals ("U.S.", "D.C.") then a word. Possessive (a shorter run is
# never followed by a space), so each try reads the run once; see _dotted_then_word.
_DOTTED_RUN = r"\b(?:[A-Z]\.){2,}+(?=\s+([A-Z][a-z]*)\b)"
_DOTTED_THEN_WORD_AT = re.compile(_DOTTED_RUN)
# Elsewhere never tried inside a run whose start was tried already: it ends the same way.
_DOTTED_THEN_WORD = re.compile(r"(?<!\b[A-Z]\.)" + _DOTTED_RUN)
_OPENING_QUOTES = "(\"'“‘"
#: How much of a sentence's end the merge check reads to find its last word.
_WORD_WINDOW = 32

#: The most pysbd reads at once. Paragraphs up to this length go to pysbd whole, as
#: they always did; a longer one is cut into pieces of at most this many characters,
#: aiming at half of it (pysbd is fastest per character on pieces of ~2,000).
PYSBD_MAX_CHARS = 4_000

# Where a piece may end, best first. A sure sentence end: a plain word of two letters or
# more (not an abbreviation), one period, whitespace, then a plain capitalised word. A
# likely one: a word (not an abbreviation, a dotted one, a letter or a list number),
# periods or question marks, closing quotes or brackets, whitespace, then a capital, an
# opening quote or bracket. The piece ends after the whitespace. Quotes and brackets are
# counted alongside (see _Balance).
_SURE_END = r"(?<!\S)(?P<word>[A-Za-z][a-z]+|[A-Z]{2,})\.\s+(?=[A-Z][a-z]+\s)"
_LIKELY_END = r"(?<!\S)(?P<word>\S*?)[.?]+[\"'”’)\]]*\s+(?=[A-Z\"“‘'(\[])"
_QUOTE_MARKS = re.compile(r"--|[\"“”«»()\[\]‘’']")
_SURE_SCAN = re.compile(f"{_SURE_END}|{_QUOTE_MARKS.pattern}")
_LIKELY_SCAN = re.compile(f"{_LIKELY_END}|{_QUOTE_MARKS.pattern}")
# In text with neither: any sentence-ending punctuation then whitespace (or a CJK full
# stop), then any whitespace.
_ANY_END = re.compile(r"[.!?][\"'”’)\]]*\s+|[。！？][\"'”’)\]」』]*\s*")
_WHITESPACE = re.compile(r"\s+")
_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def load_pysbd() -> None:
    """Load pysbd now (before forking a worker that splits too, say)."""
    _segmenter()


def split_sentences(paragraph: str, *, max_chars: int = PYSBD_MAX_CHARS) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in one paragraph.

    Spans are stripped of surrounding whitespace, cover every non-space character of
    the paragraph, and never overlap. A plain paragraph is split by the fast path
    (:func:`~annotations.sentences.fastpath.fast_split`, the same sentences ~90x
    faster); any other goes to pysbd, which reads at most ``max_chars`` characters at
    once: a longer paragraph is cut into pieces first (see :func:`_cut`).
    """
    if not paragraph.strip():
        return []
    if len(paragraph) <= max_chars and (fast := fast_split(paragraph)) is not None:
        return fast
    return split_with_pysbd(paragraph, max_chars=max_chars)


def split_with_pysbd(paragraph: str, *, max_chars: int = PYSBD_MAX_CHARS) -> list[tuple[int, int]]:
    """:func:`split_sentences` without the fast path: pysbd, then the corrections."""
    if not paragraph.strip():
        return []
    spans: list[tuple[int, int]] = []
    for piece in _pieces(paragraph, max_chars):
        found = [(piece.start + a, piece.start + b) for a, b in _pysbd_spans(paragraph[piece.start : piece.end])]
        if piece.mid_sentence and spans and found:
            spans[-1] = (spans[-1][0], found.pop(0)[1])
        spans += found
    spans = _merge_false_splits(paragraph, spans)
    return _add_missed_splits(paragraph, spans)


class _Piece(NamedTuple):
    """Part of a paragraph pysbd reads at once; ``mid_sentence`` if cut from the one before
    where no sentence ends (its first sentence continues the last one before)."""

    start: int
    end: int
    mid_sentence: bool


def _pieces(text: str, max_chars: int) -> list[_Piece]:
    """Cut ``text`` into pieces of at most ``max_chars`` characters.

    Text up to ``max_chars`` is one piece; a longer one is cut where :func:`_cut` says.
    """
    pieces: list[_Piece] = []
    start = 0
    mid_sentence = False
    while len(text) - start > max_chars:
        end, at_sentence_end = _cut(text, start, max_chars)
        pieces.append(_Piece(start, end, mid_sentence))
        start, mid_sentence = end, not at_sentence_end
    pieces.append(_Piece(start, len(text), mid_sentence))
    return pieces


def _cut(text: str, start: int, max_chars: int) -> tuple[int, bool]:
    """Where the piece of ``text`` starting at ``start`` ends, at most ``max_chars`` on,
    and whether a sentence ends there.

    The first kind of point found in the piece's reach, the one nearest after half of
    it: a sure sentence end outside quotes and brackets (the whole paragraph's split has
    a boundary there too, so the cut changes nothing); else a likely one outside them;
    else a sure one inside them. Text with none is no ordinary prose (a run of
    abbreviations or list markers, one long word), and pysbd reads such text fastest in
    small pieces, so then nearest after an eighth of the reach: sentence-ending
    punctuation and whitespace; else whitespace, or (no space at all) the reach's end,
    both in the middle of a sentence.
    """
    limit = start + max_chars
    aim = start + max(1, max_chars // 2)
    sure_balanced, sure_unbalanced = _sentence_ends(_SURE_SCAN, _is_sure_word, text, start, limit, aim)
    if sure_balanced:
        return _nearest_after(sure_balanced, aim), True
    likely_balanced, _ = _sentence_ends(_LIKELY_SCAN, _is_likely_word, text, start, limit, aim)
    if likely_balanced or sure_unbalanced:
        return _nearest_after(likely_balanced or sure_unbalanced, aim), True
    aim = start + max(1, max_chars // 8)
    if ends := _ends(_ANY_END, text, start, limit):
        return _nearest_after(ends, aim), True
    if ends := _ends(_WHITESPACE, text, start, limit):
        return _nearest_after(ends, aim), False
    return limit, False


def _sentence_ends(
    scan: re.Pattern[str], word_ok: Callable[[str], bool], text: str, start: int, limit: int, aim: int
) -> tuple[list[int], list[int]]:
    """Sentence ends found by ``scan`` in ``text[start:limit]``: outside quotes and
    brackets (up to the first at or after ``aim``), and inside them."""
    balanced: list[int] = []
    unbalanced: list[int] = []
    balance = _Balance(text, start)
    # The lookahead after a sentence end may need a word past the limit.
    for match in scan.finditer(text, start, min(len(text), limit + 64)):
        if match.start() >= limit or (balanced and balanced[-1] >= aim):
            break
        word = match.group("word")
        if word is None:
            balance.add(match.group(), match.start())
            continue
        for mark in _QUOTE_MARKS.finditer(text, match.start(), match.end()):
            balance.add(mark.group(), mark.start())
        if match.end() <= limit and word_ok(word):
            (balanced if balance.closed() else unbalanced).append(match.end())
    return balanced, unbalanced


def _ends(pattern: re.Pattern[str], text: str, start: int, limit: int) -> list[int]:
    """Where the matches of ``pattern`` in ``text[start + 1 : limit]`` end, before ``limit``."""
    return [match.end() for match in pattern.finditer(text, start + 1, limit) if match.end() < limit]


def _nearest_after(ends: list[int], aim: int) -> int:
    """The first of ``ends`` (ascending) at or after ``aim``, else the last."""
    return next((end for end in ends if end >= aim), ends[-1])


class _Balance:
    """Quotes and brackets opened and not yet closed since a piece's start.

    Mirrors the spans pysbd keeps whole ("...", “...”, (...), [...], «...», '...',
    ‘...’, --...--): a piece ends only where all of them are closed.
    """

    def __init__(self, text: str, piece_start: int) -> None:
        self.text = text
        self.piece_start = piece_start
        self.open: dict[str, int] = dict.fromkeys(_PAIRS, 0)
        self.toggled: dict[str, bool] = {'"': False, "--": False, "'": False, "‘": False}

    def add(self, mark: str, at: int) -> None:
        """Count one quote or bracket found at ``text[at]``."""
        if mark in self.open:
            self.open[mark] += 1
        elif mark in _CLOSERS:
            opener = _CLOSERS[mark]
            self.open[opener] = max(0, self.open[opener] - 1)
        elif mark in ('"', "--"):
            self.toggled[mark] = not self.toggled[mark]
        else:  # single quotes: ' and ‘...’; one before a letter is an apostrophe
            key = "'" if mark == "'" else "‘"
            after_space = at == self.piece_start or self.text[at - 1].isspace()
            if mark != "’" and after_space and not self.toggled[key]:
                self.toggled[key] = True
            elif mark != "‘" and self.toggled[key] and not self.text[at + 1 : at + 2].isalpha():
                self.toggled[key] = False

    def closed(self) -> bool:
        """Whether nothing is open."""
        return not any(self.open.values()) and not any(self.toggled.values())


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Every word pysbd or our corrections treat as an abbreviation."""
    pysbd_abbreviations: list[str] = _segmenter().language_module.Abbreviation.ABBREVIATIONS
    return frozenset(pysbd_abbreviations) | NUMBER_ABBREVIATIONS | TITLES


def _is_sure_word(word: str) -> bool:
    """Whether a plain word before a period ends a sentence (is no abbreviation)."""
    return word.lower() not in _abbreviations()


def _is_likely_word(word: str) -> bool:
    """Whether a word before a period or question mark likely ends a sentence: not an
    abbreviation, a dotted one ("U.S."), a single letter (an initial) or a list number."""
    word = word.lstrip(_OPENING_QUOTES + "[“«").lower()
    return len(word) > 1 and "." not in word and word not in _abbreviations() and not (word.isdigit() and len(word) <= 2)


def _pysbd_spans(paragraph: str) -> list[tuple[int, int]]:
    """Cut points from pysbd, located in the paragraph so no character is lost."""
    cuts = [0]
    cursor = 0
    for piece in _segmenter().segment(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        found = paragraph.find(piece, cursor)
        if found < 0:
            continue
        if found > cuts[-1]:
            cuts.append(found)
        cursor = found + len(piece)
    cuts.append(len(paragraph))
    return [span for a, b in itertools.pairwise(cuts) if (span := _strip_span(paragraph, a, b))]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _last_word(text: str, start: int, end: int) -> str:
    """The last word of ``text[start:end]``, lowercased, without opening quotes.

    Reads only the sentence's end: a word longer than the window is followed back over
    opening quotes, and if anything else comes before them, that character is kept (so
    nothing is stripped and the word, being long, is no abbreviation) as reading the
    whole word would give.
    """
    low = max(start, end - _WORD_WINDOW)
    match = _TRAILING_WORD.search(text, low, end)
    if match is None:
        return ""
    first = match.start(1)
    if first == low:
        while first > start and text[first - 1] in _OPENING_QUOTES:
            first -= 1
        if first > start and not text[first - 1].isspace():
            first -= 1
    return text[first : match.end(1)].lstrip(_OPENING_QUOTES).lower()


def _first_word(text: str, start: int, end: int) -> str:
    match = _LEADING_WORD.match(text, start, end)
    return match.group(1) if match else ""


def _is_false_split(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    if before[1] == after[0] and text.startswith("![", before[1] - 1):
        return True  # "![alt](…)" is an image in Markdown (one its parser left as text), no "!" ending a sentence
    last = _last_word(text, *before)
    if not last.endswith("."):
        return False
    stem = last[:-1]
    if stem in TITLES:
        return True
    length = before[1] - before[0]
    if length <= LIST_MARKER_MAX and LIST_MARKER.fullmatch(text, *before):
        return True
    if length <= TIME_PHRASE_MAX and TIME_PHRASE.fullmatch(text, *before):
        return True
    next_char = text[after[0] : after[0] + 1] if after[0] < after[1] else ""
    if stem in NUMBER_ABBREVIATIONS and (next_char.isdigit() or next_char.islower()):
        return True
    return bool(stem.endswith(("a.m", "p.m")) and _first_word(text, *after).lower() in TIME_ZONE_WORDS)


def _merge_false_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _is_false_split(text, merged[-1], (start, end)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _add_missed_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in spans:
        piece_start = start
        for match in _dotted_then_word(text, start, end):
            if match.group(1).lower() in SENTENCE_STARTERS and match.end() < end:
                result.append((piece_start, match.end()))
                piece_start = match.end()
                while text[piece_start].isspace():
                    piece_start += 1
        result.append((piece_start, end))
    return result


def _dotted_then_word(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``finditer`` of a dotted run then a word finds in ``text[start:end]``.

    Each run is tried from its first letter only (trying it again from a later letter
    ends the same way), so a run is read once: linear, where plain ``finditer`` is
    quadratic in a long run such as "A.B.C.D...". A run that begins before ``start`` is
    tried from ``start`` as plain ``finditer`` would.
    """
    first = _DOTTED_THEN_WORD_AT.match(text, start, end)
    if first is not None:
        yield first
    yield from _DOTTED_THEN_WORD.finditer(text, first.end() if first else start, end)
