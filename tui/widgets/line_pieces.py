"""The pieces a text line of the article view is drawn with: each sentence's marker,
its text and the search term's occurrences in it, each piece with its sentence."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style

from annotations.model import Article, Sentence, folded_spans

from .markers import SUGGESTION_OPEN
from .section_layout import ViewLine
from .span_pieces import Highlight, SpanMark, chunk_pieces

Piece = tuple[Segment, int | None]
"""A segment of a line and the sentence it belongs to (None between sentences)."""


class PieceStyles(NamedTuple):
    """What a marker, suggested letters and a search match add to their sentence's style."""

    marker: Style
    suggestion: Style
    match: Style
    words: Style = Style(bold=True, underline=True)
    """Words selected in word mode (never reversed: without colour the cursor sentence is)."""


class LineSpans(NamedTuple):
    """What a line draws of spans: each sentence's span marks, the words selected in word
    mode (offsets in the article's text), a mark's words' style."""

    marks: Mapping[int, tuple[SpanMark, ...]]
    words: tuple[int, int] | None
    colour: Callable[[SpanMark], Style]


NO_SPANS = LineSpans({}, None, lambda mark: Style())


class SearchMatches:
    """Where the search term occurs in each sentence (found once per sentence and term)."""

    def __init__(self) -> None:
        self._term = ""
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def search(self, term: str) -> None:
        """Look for ``term`` from now on, as :func:`~annotations.model.fold` compares ("": for nothing)."""
        self._term = term
        self._spans.clear()

    def spans(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Offsets (in the article text) of the term's occurrences in ``sentence``."""
        if not self._term:
            return []
        spans = self._spans.get(sentence.number)
        if spans is None:
            spans = [(sentence.start + start, sentence.start + end) for start, end in folded_spans(sentence.text, self._term)]
            self._spans[sentence.number] = spans
        return spans


def text_pieces(
    article: Article,
    line: ViewLine,
    base: Style,
    *,
    markers: dict[int, str],
    styles: PieceStyles,
    sentence_style: Callable[[int, Style], Style],
    matches: SearchMatches,
    spans: LineSpans = NO_SPANS,
) -> list[Piece]:
    """The pieces of a text line: ``markers`` drawn where their sentence starts, each
    sentence in its ``sentence_style``, its spans marked (:mod:`.span_pieces`), the
    search matches and the selected words highlighted."""
    pieces: list[Piece] = []
    text = article.text
    position = line.start
    for number in line.sentences:
        sentence = article.sentence(number)
        start, end = max(sentence.start, line.start), min(sentence.end, line.end)
        if start > position:
            pieces.append((Segment(text[position:start].replace("\t", " "), base), None))
        style = sentence_style(number, base)
        mark = markers.get(number, "") if sentence.start >= line.start else ""
        if mark:
            tagged, _, suggested = mark.partition(SUGGESTION_OPEN)
            if tagged:
                pieces.append((Segment(tagged, style + styles.marker), number))
            if suggested:
                pieces.append((Segment(SUGGESTION_OPEN + suggested, style + styles.suggestion), number))
            pieces.append((Segment(" ", style), number))
        highlights: list[Highlight] = [(a, b, styles.match) for a, b in matches.spans(sentence) if a < end and b > start]
        if spans.words is not None and sentence.start <= spans.words[0] < sentence.end:
            highlights.append((*spans.words, styles.words + Style(reverse=False)))
        marks = spans.marks.get(number, ())
        for part, part_style in chunk_pieces(text, start, end, style, marks, highlights, spans.colour):
            pieces.append((Segment(part, part_style), number))
        position = end
    if position < line.end:
        pieces.append((Segment(text[position : line.end].replace("\t", " "), base), None))
    return pieces


def sentence_under(pieces: list[Piece], x: int, last: int) -> int:
    """The sentence of the piece at cell ``x`` of ``pieces`` (a gap between sentences
    belongs to the next one); ``last`` past their end."""
    cells = 0
    for index, (segment, _) in enumerate(pieces):
        cells += segment.cell_length
        if x < cells:
            return next((n for _, n in pieces[index:] if n is not None), last)
    return last
