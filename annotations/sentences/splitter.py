"""Sentence boundaries for news text: pysbd, corrected where news text trips it."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

# Abbreviations that do not end a sentence when a number or a lowercase word follows
# ("received approx. 300,000 shells", "about ca. 40 people").
_NUMBER_ABBREVIATIONS = frozenset(
    "approx ca c appx est no nos nr fig figs vol vols pp p para paras art sec ch vs v cf incl excl e.g i.e viz".split()
)
# Titles never end a sentence.
_TITLES = frozenset("mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres rev hon supt insp amb".split())
# Words that begin a time-zone phrase after "a.m." or "p.m." ("3 p.m. Eastern time").
_TIME_ZONE_WORDS = frozenset(
    "eastern central mountain pacific atlantic alaska hawaii greenwich western "
    "et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest eet eest kst jst msk ist".split()
)
# Closed-class words that start sentences: after a dotted abbreviation such as "U.S." or
# "D.C.", one of these means a new sentence ("from the U.S. The vote is expected"), while
# a noun ("U.S. Department") continues the old one.
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you this that these those there here his her its their "
    "our my your but and yet so however meanwhile still then in on at after before when "
    "while if as how what why who where many most some several both all no one two three".split()
)
_TRAILING_WORD = re.compile(r"(\S+)\s*$")
_LEADING_WORD = re.compile(r"^\W*?(\w+)")
_DOTTED_THEN_WORD = re.compile(r"\b(?:[A-Z]\.){2,}(?=\s+([A-Z][a-z]*)\b)")


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in one paragraph.

    Spans are stripped of surrounding whitespace, cover every non-space character of
    the paragraph, and never overlap.
    """
    if not paragraph.strip():
        return []
    spans = _pysbd_spans(paragraph)
    spans = _merge_false_splits(paragraph, spans)
    return _add_missed_splits(paragraph, spans)


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


def _last_word(text: str) -> str:
    match = _TRAILING_WORD.search(text)
    return match.group(1).lstrip("(\"'“‘").lower() if match else ""


def _first_word(text: str) -> str:
    match = _LEADING_WORD.match(text)
    return match.group(1) if match else ""


def _is_false_split(before: str, after: str) -> bool:
    last = _last_word(before)
    if not last.endswith("."):
        return False
    stem = last[:-1]
    first = _first_word(after)
    if stem in _TITLES:
        return True
    if stem in _NUMBER_ABBREVIATIONS and (after[:1].isdigit() or after[:1].islower()):
        return True
    return bool(stem.endswith(("a.m", "p.m")) and first.lower() in _TIME_ZONE_WORDS)


def _merge_false_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _is_false_split(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _add_missed_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in spans:
        piece_start = start
        for match in _DOTTED_THEN_WORD.finditer(text, start, end):
            if match.group(1).lower() in _SENTENCE_STARTERS and match.end() < end:
                result.append((piece_start, match.end()))
                piece_start = match.end()
                while text[piece_start].isspace():
                    piece_start += 1
        result.append((piece_start, end))
    return result
