"""Spans: words inside one sentence that a record is on, rather than the whole sentence.

A span record is an ordinary record (its sentence, text, selector, tags, note, anchor)
with a ``span``: the offsets of the words in the sentence's ``text`` (``start``,
``end``), the words (``quote``), and up to :data:`~annotations.store.records.CONTEXT_CHARS`
of the sentence before and after them (``prefix``, ``suffix``): a W3C TextQuoteSelector
inside the sentence, as the Hypothesis client keeps one, so the words are found again
when the sentence changes (:mod:`annotations.store.span_anchoring`). A span never crosses
a sentence boundary. One sentence may hold several span records (different words, tags
and notes) beside its whole-sentence records; a record is named by its sentence, its
annotator and its words' offsets (:func:`record_key`).

The API the reader builds on: :class:`Words` names the words (a sentence number and
offsets in its text); :func:`find_words` finds typed words in a sentence; on an open
article (:class:`~annotations.store.article_annotations.ArticleAnnotations`),
``toggle_span``, ``edit_span`` and ``set_span_note`` change them (one undoable step
each, undone by ``undo``), ``spans(sentence)`` lists a sentence's span records (every
annotator's, by offset: ``record["span"]`` holds ``start``, ``end``, ``quote``), and
``edits.span_tags`` / ``edits.own_span_tags`` / ``edits.span_note`` read one run of
words. ``tags(sentence)``, ``toggle`` and the other sentence calls see whole-sentence
records only; ``tagged_sentences()`` counts a sentence with a tagged span as tagged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from annotations.errors import StoreError
from annotations.model import Article
from annotations.store.records import CONTEXT_CHARS, Record, Span


class Words(NamedTuple):
    """Words of one sentence: ``text[start:end]`` of sentence number ``sentence``."""

    sentence: int
    start: int
    end: int


def span_of(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` in a sentence's ``text``, with its context."""
    return {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }


def occurrences(text: str, words: str) -> list[int]:
    """Where ``words`` start in ``text``, every occurrence (overlapping ones too)."""
    found: list[int] = []
    at = text.find(words) if words else -1
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    return found


class WordsError(StoreError):
    """Words a sentence does not hold, named exactly as typed: a run of spaces stays a
    run (other errors make it one space), control characters are escaped as in every
    error (:func:`~annotations.errors.escape_controls`), so the line stays one."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        super().__init__(path, reason)
        self.reason = reason
        self.args = (str(self),)


def find_words(article: Article, sentence: int, words: str, occurrence: int = 1) -> Words:
    """The ``occurrence``-th (from 1) of ``words`` in sentence ``sentence``, exactly as
    written; a one-line :class:`StoreError` when the sentence does not hold them (or not
    that often), naming the words as typed and, when the sentence holds them in another
    case or spacing, as it has them. Leading and trailing spaces of ``words`` are not
    part of the span."""
    total = len(article.sentences)
    if not 1 <= sentence <= total:
        raise StoreError(article.path, f"sentence {sentence} is out of range 1-{total}")
    wanted = words.strip()
    if not wanted:
        raise StoreError(article.path, "--span: name the words to tag")
    text = article.sentence(sentence).text
    found = occurrences(text, wanted)
    if not found:
        raise WordsError(article.path, f'sentence {sentence} has no "{_shown(wanted)}"{_as_written(text, wanted)}')
    if not 1 <= occurrence <= len(found):
        raise WordsError(article.path, f'sentence {sentence} has "{_shown(wanted)}" {len(found)} time(s), not an occurrence {occurrence}')
    start = found[occurrence - 1]
    return Words(sentence, start, start + len(wanted))


def like_words(text: str, words: str) -> str | None:
    """The words of ``text`` that are ``words`` but for case and spacing (the first
    such run), if any."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    match = re.search(pattern, text, flags=re.IGNORECASE) if pattern else None
    return match.group(0) if match is not None else None


def _as_written(text: str, wanted: str) -> str:
    """`` (it has "…": words match exactly, case and spaces included)`` when ``text``
    holds ``wanted`` but for case or spacing; else nothing."""
    like = like_words(text, wanted)
    return "" if like is None else f' (it has "{_shown(like)}": words match exactly, case and spaces included)'


def check_words(article: Article, words: Words) -> None:
    """Refuse words that are not inside their sentence, or no words at all."""
    total = len(article.sentences)
    if not 1 <= words.sentence <= total:
        raise StoreError(article.path, f"sentence {words.sentence} is out of range 1-{total}")
    length = len(article.sentence(words.sentence).text)
    if not 0 <= words.start < words.end <= length:
        raise StoreError(article.path, f"characters {words.start}-{words.end} are not words of sentence {words.sentence}")


def _shown(words: str, limit: int = 60) -> str:
    """Words as an error line names them (a long run cut short)."""
    return words if len(words) <= limit else words[: limit - 1] + "…"


def words_of(record: Record) -> Words | None:
    """The words a span record is on (None for a whole-sentence record)."""
    span = record.get("span")
    return None if span is None else Words(record["sentence"], span["start"], span["end"])


def tagged_sentence(record: Record) -> str:
    """The sentence a span record was tagged in, as far as the record tells: its
    ``text`` with the words it now holds put back as they were tagged (``quote``, kept
    when they were found only alike). Exact for words reworded in place; ``text`` for
    a whole-sentence record or words found as they were."""
    span = record.get("span")
    if span is None or not record.get("quote"):
        return record["text"]
    text = record["text"]
    return text[: span["start"]] + record["quote"] + text[span["end"] :]


def record_key(record: Record) -> tuple[int, str, int, int]:
    """What makes records one annotation, merged when they meet: the sentence, the
    annotator and the words (``-1, -1`` for the whole sentence)."""
    span = record.get("span")
    if span is None:
        return (record["sentence"], record["annotator"], -1, -1)
    return (record["sentence"], record["annotator"], span["start"], span["end"])


def span_order(record: Record) -> tuple[int, int, str, str]:
    """How a sentence's span records are listed: by start, end, annotator, id."""
    span = record.get("span")
    start, end = (span["start"], span["end"]) if span is not None else (-1, -1)
    return (start, end, record["annotator"], record["id"])


def sound_span(record: Record) -> bool:
    """Whether a record's span (if it has one) is words of its ``text``, as quoted."""
    span = record.get("span")
    if span is None:
        return True
    return 0 <= span["start"] < span["end"] <= len(record["text"]) and record["text"][span["start"] : span["end"]] == span["quote"]
