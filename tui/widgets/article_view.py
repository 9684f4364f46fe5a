"""The section text: one Line-API ScrollView, not a widget per sentence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import Article, Section
from annotations.schema import TagSchema

from ..wrap import wrap_offsets

NOTE_MARK = "✎"


class AnnotationSource(Protocol):
    """What the view asks about each sentence (the core's ``ArticleAnnotations``)."""

    def tags(self, sentence: int) -> list[str]: ...

    def has_note(self, sentence: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class ViewLine:
    """One screen line of the laid-out section."""

    kind: str  # "heading", "subtitle", "text" or "blank"
    start: int = 0  # offsets in the article text, for "text" lines
    end: int = 0
    label: str = ""  # the heading or subtitle, for heading lines
    sentences: tuple[int, ...] = ()


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one section of an article, with the cursor sentence highlighted.

    Tagged sentences take their first tag's colour, and a gutter shows every tag's letter
    (and a note mark), so tags read without colour too. Wrapped lines are computed once
    per section and width; a key repaints only the lines of the sentences it changed.
    It has no key bindings of its own: the reader's keys move the cursor, not the scroll.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--heading",
        "article-view--subtitle",
        "article-view--cursor",
        "article-view--range",
        "article-view--match",
        "article-view--gutter",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        padding: 0 1;
    }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--subtitle { text-style: italic; color: $text-secondary; }
    ArticleView > .article-view--cursor { background: $accent 40%; }
    ArticleView > .article-view--range { background: $primary 30%; }
    ArticleView > .article-view--match { text-style: underline; }
    ArticleView > .article-view--gutter { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(1, init=False)
    """The current sentence (1-based, across the article)."""
    selection: reactive[tuple[int, int] | None] = reactive(None, init=False)
    """An inclusive range of sentences being selected, if any."""
    search_term: reactive[str] = reactive("", init=False)
    """Sentences containing this text (case-insensitive) are underlined."""

    class SentenceClicked(Message):
        """The user clicked a sentence."""

        def __init__(self, sentence: int) -> None:
            self.sentence = sentence
            super().__init__()

    class SectionChanged(Message):
        """The cursor moved into another section."""

        def __init__(self, section: int) -> None:
            self.section = section
            super().__init__()

    def __init__(
        self, article: Article, annotations: AnnotationSource, schema: TagSchema, *, cursor: int = 1, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.article = article
        self.annotations = annotations
        self.schema = schema
        self._gutter_width = len(schema.tags) + 2
        self._section_number = article.sentence(cursor).section
        self._lines: list[ViewLine] = []
        self._sentence_lines: dict[int, tuple[int, int]] = {}
        self._layout_width = 0
        self._strips: dict[int, Strip] = {}
        self.set_reactive(ArticleView.cursor, cursor)

    # -- layout ------------------------------------------------------------

    @property
    def section(self) -> Section:
        """The section on screen."""
        return self.article.sections[self._section_number - 1]

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - self._gutter_width - 1)

    def _layout(self) -> None:
        """Wrap the current section for the current width (once per section and width)."""
        width = self._text_width()
        section = self.section
        lines: list[ViewLine] = []
        if section.title:
            for chunk in _wrap_label(section.title, width):
                lines.append(ViewLine("heading", label=chunk))
        for subtitle in section.subtitles:
            for chunk in _wrap_label(subtitle, width):
                lines.append(ViewLine("subtitle", label=chunk))
        sentence_lines: dict[int, tuple[int, int]] = {}
        text = self.article.text
        for paragraph in section.paragraphs:
            if lines:
                lines.append(ViewLine("blank"))
            paragraph_text = text[paragraph.start : paragraph.end]
            sentences = paragraph.sentences
            for start, end in wrap_offsets(paragraph_text, width):
                start += paragraph.start
                end += paragraph.start
                on_line = tuple(s.number for s in sentences if s.start < end and s.end > start)
                for number in on_line:
                    first, _ = sentence_lines.get(number, (len(lines), len(lines)))
                    sentence_lines[number] = (first, len(lines))
                lines.append(ViewLine("text", start, end, sentences=on_line))
        self._lines = lines
        self._sentence_lines = sentence_lines
        self._layout_width = self.scrollable_content_region.width
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))

    def replace_article(self, article: Article, annotations: AnnotationSource) -> None:
        """Show another version of the article (the complete one after its first part)."""
        self.article = article
        self.annotations = annotations
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def on_mount(self) -> None:
        self._layout()
        self.call_after_refresh(self.scroll_to_cursor, False)

    def on_resize(self, event: Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._layout()
            self.scroll_to_cursor(animate=False)
            self.refresh()

    # -- reacting to attributes -------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        section = self.article.sentence(new).section
        if section != self._section_number:
            self._section_number = section
            self._layout()
            self.scroll_to(y=0, animate=False)
            self.refresh()
            self.post_message(self.SectionChanged(section))
        else:
            self.refresh_sentences([old, new])
        self.scroll_to_cursor(animate=False)

    def watch_selection(self, old: tuple[int, int] | None, new: tuple[int, int] | None) -> None:
        changed: set[int] = set()
        for span in (old, new):
            if span:
                changed.update(range(span[0], span[1] + 1))
        self.refresh_sentences(changed)

    def watch_search_term(self) -> None:
        self._strips.clear()
        self.refresh()

    def refresh_sentences(self, numbers: Iterable[int]) -> None:
        """Repaint only the lines of these sentences (after a tag, note or cursor change)."""
        for number in set(numbers):
            span = self._sentence_lines.get(number)
            if span is None:
                continue
            first, last = span
            for y in range(first, last + 1):
                self._strips.pop(y, None)
            self.refresh_lines(first, last - first + 1)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Scroll so the cursor sentence is on screen (with its heading at the top)."""
        span = self._sentence_lines.get(self.cursor)
        if span is None:
            return
        first, last = span
        if self.cursor == self.section.first_sentence:
            first = 0
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=animate, immediate=True)

    # -- rendering ---------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (a new theme, say): lines drawn in the old ones are stale."""
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_view_line(index, width)
            self._strips[index] = strip
        return strip

    def _render_view_line(self, index: int, width: int) -> Strip:
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        gutter_blank = Segment(" " * self._gutter_width, base)
        if line.kind == "blank":
            return Strip.blank(width, base)
        if line.kind in ("heading", "subtitle"):
            style = base + self.get_component_rich_style(f"article-view--{line.kind}")
            return Strip([gutter_blank, Segment(line.label.replace("\t", " "), style)]).adjust_cell_length(width, base)
        segments = [self._gutter(line, base)]
        text = self.article.text
        position = line.start
        for number in line.sentences:
            sentence = self.article.sentence(number)
            start, end = max(sentence.start, line.start), min(sentence.end, line.end)
            if start > position:
                segments.append(Segment(text[position:start].replace("\t", " "), base))
            segments.append(Segment(text[start:end].replace("\t", " "), self._sentence_style(number, base)))
            position = end
        if position < line.end:
            segments.append(Segment(text[position : line.end].replace("\t", " "), base))
        return Strip(segments).adjust_cell_length(width, base)

    def _gutter(self, line: ViewLine, base: Style) -> Segment:
        """Tag letters in fixed slots and a note mark, for sentences starting on this line."""
        starting = [n for n in line.sentences if self.article.sentence(n).start >= line.start]
        tags = {t for n in starting for t in self.annotations.tags(n)}
        note = any(self.annotations.has_note(n) for n in starting)
        letters = "".join(tag.key if tag.name in tags else " " for tag in self.schema.tags)
        return Segment(f"{letters}{NOTE_MARK if note else ' '} ", base + self.get_component_rich_style("article-view--gutter"))

    def _sentence_style(self, number: int, base: Style) -> Style:
        style = base
        tags = self.annotations.tags(number)
        if tags:
            tag = self.schema.get(tags[0])
            if tag is not None:
                style += Style(color=tag.colour, bold=True)
        if self.search_term and self.search_term.casefold() in self.article.sentence(number).text.casefold():
            style += self.get_component_rich_style("article-view--match")
        if self.selection and self.selection[0] <= number <= self.selection[1]:
            style += self.get_component_rich_style("article-view--range")
        if number == self.cursor:
            style += self.get_component_rich_style("article-view--cursor")
        return style

    # -- mouse ---------------------------------------------------------------

    def sentence_at(self, x: int, y: int) -> int | None:
        """The sentence under a point of the widget, if any."""
        index = y + self.scroll_offset.y
        if not 0 <= index < len(self._lines):
            return None
        line = self._lines[index]
        if line.kind != "text" or not line.sentences:
            return None
        from rich.cells import cell_len

        column = x - self._gutter_width
        offset = line.start
        cells = 0
        while offset < line.end and cells + cell_len(self.article.text[offset]) <= column:
            cells += cell_len(self.article.text[offset])
            offset += 1
        for number in line.sentences:
            if offset < self.article.sentence(number).end:
                return number
        return line.sentences[-1]

    def on_click(self, event: Click) -> None:
        number = self.sentence_at(event.x - self.gutter.left, event.y - self.gutter.top)
        if number is not None:
            self.post_message(self.SentenceClicked(number))


def _wrap_label(label: str, width: int) -> list[str]:
    return [label[a:b] for a, b in wrap_offsets(label, width)] or [label]
