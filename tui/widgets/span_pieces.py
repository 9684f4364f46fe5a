"""Spans drawn inside their sentence: ``⟨f⟩300,000 shells⟨/f⟩``.

Each run of tagged (or noted) words opens with its tags' key letters (and ``✎`` if it has
a note) in angle brackets and closes with the same letters after a slash, so which tag
belongs to which words reads without colour too, even where spans touch or overlap
(``⟨c⟩approx. ⟨f⟩300,000⟨/c⟩ shells⟨/f⟩``). The words are underlined and take their first
tag's colour. The marks take cells: the wrap counts them with the word they are glued to
(:func:`inline_cells`), so a line never passes the measure and no word is cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style

from annotations.model import Sentence
from annotations.schema import TagSchema
from annotations.store.records import Record
from annotations.store.views import RecordView

from .markers import OTHERS_MARK
from .verdict_marks import status_symbol, verdict_inside

#: What opens and closes a span's letters: ``⟨f⟩`` before its words, ``⟨/f⟩`` after them.
SPAN_OPEN, SPAN_CLOSE, SPAN_END = "⟨", "⟩", "/"
#: A span's letters when it has a note.
SPAN_NOTE = "✎"

_RUN = re.compile(r"\S+")


class SpanMark(NamedTuple):
    """One run of words with tags or a note, offsets in the article's text."""

    start: int
    end: int
    letters: str
    """Its tags' key letters in schema order, and ``✎`` if it has a note."""
    colour: str | None
    """Its first tag's colour (None: no tag)."""

    @property
    def opening(self) -> str:
        """``⟨f⟩``: drawn before the words."""
        return f"{SPAN_OPEN}{self.letters}{SPAN_CLOSE}"

    @property
    def closing(self) -> str:
        """``⟨/f⟩``: drawn after the words."""
        return f"{SPAN_OPEN}{SPAN_END}{self.letters}{SPAN_CLOSE}"


def span_marks(view: RecordView, schema: TagSchema, sentence: Sentence, *, annotator: str) -> tuple[SpanMark, ...]:
    """The marks of a sentence's spans, one per run of words: ``annotator``'s tags'
    letters, then :data:`OTHERS_MARK` if others gave the words tags or a note
    ``annotator`` did not (as a sentence's marker shows them), and ``annotator``'s note."""
    records = view.spans.get(sentence.number)
    if not records:
        return ()
    by_words: dict[tuple[int, int], list[Record]] = {}
    for record in records:
        by_words.setdefault((record["span"]["start"], record["span"]["end"]), []).append(record)
    marks = []
    for (start, end), held in sorted(by_words.items()):
        letters, colour = _letters(schema, held, annotator)
        if letters:
            start, end = _snapped(sentence.text, start, end)
            marks.append(SpanMark(sentence.start + start, sentence.start + end, letters, colour))
    return tuple(marks)


def _letters(schema: TagSchema, records: list[Record], annotator: str) -> tuple[str, str | None]:
    """The letters of a run of words' marks ("" if none has a tag or a note) and its colour
    (its first tag's, yours first)."""
    own = {tag for r in records if r["annotator"] == annotator for tag in r["tags"]}
    every = {tag for r in records for tag in r["tags"]}
    noted = any(r["note"] for r in records if r["annotator"] == annotator)
    known = [tag for tag in schema.tags if tag.name in own]
    letters = "".join(tag.key for tag in known) + "?" * (len(own) - len(known))
    mine = next((r for r in records if r["annotator"] == annotator), None)
    if mine is not None:  # the words' status and grade, as a sentence's marker shows them: ⟨f✓⟩
        letters = verdict_inside(letters, status_symbol(schema.verdicts, mine.get("status", "")), mine.get("grade", ""))
    if every - own or any(r["note"] for r in records if r["annotator"] != annotator):
        letters += OTHERS_MARK  # others' tags or note: never drawn as yours (your keys edit yours)
    coloured = known or [tag for tag in schema.tags if tag.name in every]
    return letters + (SPAN_NOTE if noted else ""), coloured[0].colour if coloured else None


def _snapped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span's ends moved off spaces (its marks are glued to its first and last word)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (start, start + 1)


def inline_cells(text: str, marks: tuple[SpanMark, ...]) -> dict[int, int]:
    """The cells span marks add to each word they are glued to, by the word's start offset."""
    cells: dict[int, int] = {}
    for mark in marks:
        for at, mark_text in ((mark.start, mark.opening), (mark.end - 1, mark.closing)):
            word = _word_start(text, at)
            cells[word] = cells.get(word, 0) + cell_len(mark_text)
    return cells


def _word_start(text: str, offset: int) -> int:
    """Where the run of non-spaces holding ``offset`` starts."""
    while offset > 0 and not text[offset - 1].isspace():
        offset -= 1
    return offset


Highlight = tuple[int, int, Style]
"""Offsets in the article's text drawn with a style added: a search match, selected words."""


def chunk_pieces(
    text: str,
    start: int,
    end: int,
    style: Style,
    marks: tuple[SpanMark, ...],
    highlights: list[Highlight],
    colour: Callable[[SpanMark], Style],
) -> list[tuple[str, Style]]:
    """``text[start:end]`` (one sentence's part of a line) split where spans and
    ``highlights`` begin and end, each part styled, with each span's marks where it opens
    and closes; ``colour``: a mark's words' style."""
    cuts = {start, end}
    for a, b in [(m.start, m.end) for m in marks] + [(a, b) for a, b, _ in highlights]:
        cuts.update(p for p in (a, b) if start < p < end)
    parts: list[tuple[str, Style]] = []
    for a, b in pairwise(sorted(cuts)):
        parts += _marks_at(a, marks, style, colour, closings=a > start)
        piece_style = style
        for mark in marks:
            if mark.start <= a and b <= mark.end:
                piece_style += colour(mark)
        for low, high, extra in highlights:
            if low <= a and b <= high:
                piece_style += extra
        parts.append((text[a:b].replace("\t", " "), piece_style))
    if end > start:
        parts += [(m.closing, style + colour(m) + _MARK) for m in marks if m.end == end]
    return parts


_MARK = Style(bold=True, underline=False)


def _marks_at(
    offset: int, marks: tuple[SpanMark, ...], style: Style, colour: Callable[[SpanMark], Style], *, closings: bool
) -> list[tuple[str, Style]]:
    """The marks drawn at ``offset``: the spans ending there (unless it starts the
    line's part), then those starting there (touching spans read ``⟨/c⟩⟨f⟩``)."""
    closing = [(m.closing, style + colour(m) + _MARK) for m in marks if m.end == offset and closings]
    return closing + [(m.opening, style + colour(m) + _MARK) for m in marks if m.start == offset]
