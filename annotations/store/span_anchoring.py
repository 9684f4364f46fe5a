"""Finding a span's words again in a sentence that changed (see :mod:`annotations.store.spans`).

The record's sentence is anchored first, as every record's is (exact, moved, fuzzy or
orphan: :mod:`annotations.store.anchoring`); its words are then looked for in the
sentence it is on now, as the Hypothesis client anchors a quote (``match-quote``: the
quote, scored with its prefix, its suffix and its expected position):

1. **the same words**: an occurrence of the quote in the new sentence, whose context is
   alike (both sides at least :data:`~annotations.store.anchoring.CONTEXT_THRESHOLD`),
   or the only one when the words occurred once in the old sentence too. Of several
   (two equal phrases in one sentence), the one whose prefix, suffix and offset fit best.
   The record is ``exact`` (the words where they were) or ``moved``.
2. **fuzzy**: otherwise the word run of the new sentence most like the quote, with its
   context alike as above and a similarity of at least
   :data:`~annotations.store.anchoring.THRESHOLD`; marked ``fuzzy`` with that similarity,
   the words it was made on kept in ``quote``, for a person to confirm in triage.
3. **orphan**: otherwise. Never another run of words silently: a phrase that occurred
   twice and lost the tagged copy is an orphan, not moved onto the other copy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotations.errors import StoreError
from annotations.model import Article
from annotations.store.anchoring import CONTEXT_THRESHOLD, THRESHOLD, nfc, similarity
from annotations.store.records import Record, Span, article_ref
from annotations.store.spans import Words, WordsError, check_words, occurrences, span_of

#: A word run's edges: runs of non-space characters.
_WORD = re.compile(r"\S+")
#: Punctuation a word run may shed at either end ("shells," is the words "shells").
_EDGE_PUNCTUATION = "\"'“”‘’()[].,;:!?"
#: How many words longer or shorter than the quote a fuzzy match may be.
_SLACK = 2
#: Hypothesis' weights of the quote, the prefix, the suffix and the position.
_WEIGHTS = (50.0, 20.0, 20.0, 2.0)


class WordsMatch(NamedTuple):
    """Where a span's words are in a sentence: offsets, quote similarity, whether fuzzy."""

    start: int
    end: int
    score: float
    fuzzy: bool


def _context(span: Span, text: str, start: int, end: int) -> tuple[float, float]:
    """How alike the span's prefix and suffix are to those of ``text[start:end]``, 0-1 each."""
    prefix = text[max(0, start - len(span["prefix"])) : start]
    suffix = text[end : end + len(span["suffix"])]
    prefix_score = similarity(nfc(span["prefix"]), nfc(prefix)) if span["prefix"] else float(not prefix)
    suffix_score = similarity(nfc(span["suffix"]), nfc(suffix)) if span["suffix"] else float(not suffix)
    return prefix_score, suffix_score


def _rank(span: Span, text: str, start: int, end: int, score: float, context: tuple[float, float]) -> float:
    """Hypothesis' weighting of quote, prefix, suffix and position, 0-1."""
    position = 1.0 - abs(start - span["start"]) / max(1, len(text))
    quote_w, prefix_w, suffix_w, position_w = _WEIGHTS
    return (quote_w * score + prefix_w * context[0] + suffix_w * context[1] + position_w * position) / sum(_WEIGHTS)


def _same_words(span: Span, old_text: str, text: str) -> WordsMatch | None:
    """1. The best occurrence of the very words (see the module docstring)."""
    quote = span["quote"]
    found = occurrences(text, quote)
    once = len(found) == 1 and len(occurrences(old_text, quote)) == 1
    best: tuple[float, int] | None = None
    for start in found:
        context = _context(span, text, start, start + len(quote))
        if once or min(context) >= CONTEXT_THRESHOLD:
            rank = _rank(span, text, start, start + len(quote), 1.0, context)
            if best is None or rank > best[0]:
                best = (rank, start)
    return None if best is None else WordsMatch(best[1], best[1] + len(quote), 1.0, False)


def _runs(text: str, words: int) -> list[tuple[int, int]]:
    """Runs of ``words`` ± :data:`_SLACK` words of ``text`` (each also without the
    punctuation at its ends), as (start, end)."""
    bounds = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    runs: set[tuple[int, int]] = set()
    for first in range(len(bounds)):
        for count in range(max(1, words - _SLACK), words + _SLACK + 1):
            if first + count > len(bounds):
                break
            start, end = bounds[first][0], bounds[first + count - 1][1]
            runs.add((start, end))
            inner = text[start:end].strip(_EDGE_PUNCTUATION)
            if inner:
                shift = text.index(inner, start)
                runs.add((shift, shift + len(inner)))
    return sorted(runs)


def _alike_words(span: Span, text: str) -> WordsMatch | None:
    """2. The run of words most like the quote, its context alike (see the module docstring)."""
    quote = nfc(span["quote"])
    best: tuple[float, int, int, float] | None = None
    for start, end in _runs(text, len(quote.split())):
        score = similarity(quote, nfc(text[start:end]))
        if score < THRESHOLD:
            continue
        context = _context(span, text, start, end)
        if min(context) < CONTEXT_THRESHOLD:
            continue
        rank = _rank(span, text, start, end, score, context)
        if best is None or rank > best[0]:
            best = (rank, start, end, score)
    return None if best is None else WordsMatch(best[1], best[2], round(best[3], 2), True)


def locate_words(span: Span, old_text: str, text: str) -> WordsMatch | None:
    """Where a span made on the sentence ``old_text`` is in the sentence ``text`` (None:
    nowhere, an orphan)."""
    if nfc(old_text) == nfc(text) and text[span["start"] : span["end"]] == span["quote"]:
        return WordsMatch(span["start"], span["end"], 1.0, False)
    return _same_words(span, old_text, text) or _alike_words(span, text)


def place_span(record: Record, placed: Record, article: Article, sentence_kind: str) -> Record:
    """A span ``record`` whose sentence was anchored as ``placed`` (``sentence_kind``:
    exact, moved or fuzzy), with its words found again there; or the record as an
    orphan, its sentence and words as they were, when they are not."""
    old = record["span"]
    text = placed["text"]
    found = locate_words(old, record["text"], text)
    if found is None:
        orphaned = record.copy()
        orphaned["orphan"] = True
        orphaned["anchor"] = "orphan"
        orphaned["article"] = article_ref(article)
        return orphaned
    placed["span"] = span_of(text, found.start, found.end)
    if found.fuzzy:
        placed["anchor"] = f"fuzzy {found.score:.2f}"
        placed["quote"] = record.get("quote") or old["quote"]
    elif str(record.get("anchor", "")).startswith("fuzzy") and not record.get("orphan"):
        placed["anchor"] = record["anchor"]  # still to be confirmed by a person
        placed["quote"] = record.get("quote", "")
    else:
        placed["anchor"] = "exact" if sentence_kind == "exact" and found.start == old["start"] else "moved"
        placed["quote"] = ""
    return placed


def attach_span(record: Record, placed: Record, article: Article, words: Words | None = None) -> Record:
    """A span ``record`` put by a person on the sentence of ``placed``: on ``words`` there
    when given (a person named the words it is about now), else on its words there (as
    they are, when the sentence is the one it is on), ``exact``; a
    :class:`~annotations.store.spans.WordsError` when that sentence does not hold them."""
    if words is not None:
        check_words(article, words)
        if words.sentence != placed["sentence"]:
            raise StoreError(article.path, f"the words are in sentence {words.sentence}, not in sentence {placed['sentence']}")
        placed["span"] = span_of(placed["text"], words.start, words.end)
        return placed
    old = record["span"]
    found = locate_words(old, record["text"], placed["text"])
    if found is None:
        raise WordsError(article.path, f'sentence {placed["sentence"]} has nothing like "{old["quote"]}"')
    placed["span"] = span_of(placed["text"], found.start, found.end)
    return placed
