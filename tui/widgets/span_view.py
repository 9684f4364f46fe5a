"""What the article view draws of spans: each sentence's span marks as the store has them
now, and the words selected in word mode."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rich.style import Style
from textual.app import App

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.spans import Words

from ..colours import readable_colour
from .line_pieces import LineSpans
from .markers import AnnotationSource
from .span_pieces import SpanMark, span_marks


class SpanHost(Protocol):
    """The article view, as its span drawing sees it."""

    article: Article
    annotations: AnnotationSource
    schema: TagSchema

    @property
    def app(self) -> App[object]:
        """The app (whether colour is on)."""
        ...

    def refresh_sentences(self, numbers: list[int]) -> None:
        """Repaint the lines of these sentences (rewrapped if their marks changed)."""
        ...


class SpanDrawing:
    """A view's spans and selected words (see :mod:`.span_pieces` for how they look)."""

    def __init__(self, view: SpanHost) -> None:
        self._view = view
        self.words: Words | None = None
        """The words selected in word mode (None: not in word mode)."""

    def marks(self, number: int) -> tuple[SpanMark, ...]:
        """The marks of sentence ``number``'s spans as the store has them now."""
        view = self._view
        return span_marks(view.annotations.view, view.schema, view.article.sentence(number), annotator=view.annotations.annotator)

    def show_words(self, words: Words | None) -> None:
        """Select these words (None: none), repainting the sentences they leave and enter."""
        old, self.words = self.words, words
        self._view.refresh_sentences([w.sentence for w in (old, words) if w is not None])

    def line_spans(self, base: Style, marks: Mapping[int, tuple[SpanMark, ...]]) -> LineSpans:
        """What the lines drawn now show of spans (``marks``: as laid out) and selected words, on ``base``."""
        view, words = self._view, self.words
        selected = None
        if words is not None:
            start = view.article.sentence(words.sentence).start
            selected = (start + words.start, start + words.end)
        no_colour = view.app.no_color

        def colour(mark: SpanMark) -> Style:
            if no_colour or mark.colour is None:
                return Style(underline=True)
            return Style(underline=True, color=readable_colour(mark.colour, base.bgcolor))

        return LineSpans(marks, selected, colour)
