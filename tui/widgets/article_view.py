"""The section text: one Line-API ScrollView, not a widget per sentence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from annotations.config import DEFAULT_READING_WIDTH
from annotations.model import Article, Section
from annotations.schema import TagSchema
from annotations.team.readings import readers

from ..colours import readable_colour
from .frame_view import FrameScrollView
from .line_pieces import Piece, PieceStyles, SearchMatches, sentence_under, text_pieces
from .markers import MIN_MARKER, NOTE_MARK, AnnotationSource, fit_marker, own_marker, who_marker
from .section_layout import SectionLayout, ViewLine
from .span_view import SpanDrawing

__all__ = ["DEFAULT_READING_WIDTH", "NOTE_MARK", "AnnotationSource", "ArticleView", "ViewLine"]


class ArticleView(FrameScrollView, can_focus=True, inherit_bindings=False):
    """Shows one section of an article, with the cursor sentence highlighted.

    Each tagged or noted sentence starts with its own marker, ``[fs✎]``: its tags'
    letters in schema order and a note mark, drawn inside the sentence (in its
    highlight, on the line where it starts), so every letter belongs to exactly one
    sentence, without colour too (``NO_COLOR``). Tagged sentences also take their
    first tag's colour, made readable on the theme's background. Lines are at most
    ``reading_width`` cells wide, centred on wider terminals. With :attr:`sentence_lines`
    each sentence starts a line of its own, its number in a column at the left. Wrapped lines are computed
    once per section and width; a key repaints only the lines of the sentences it
    changed (a marker that appears or goes rewraps its paragraph from that sentence
    until the lines meet the old ones again)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"article-view--{name}" for name in ("heading", "subtitle", "cursor", "range", "match", "marker", "number", "suggestion", "words")
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
    ArticleView > .article-view--match { text-style: reverse; }
    ArticleView > .article-view--marker { text-style: bold; }
    ArticleView > .article-view--number { color: $text-muted; }
    ArticleView > .article-view--suggestion { color: $text-muted; text-style: dim; }
    ArticleView > .article-view--words { text-style: bold underline; background: $warning 60%; }
    """

    cursor: reactive[int] = reactive(1, init=False, repaint=False)
    """The current sentence (1-based, across the article). Its watcher repaints only
    the lines of the sentences it leaves and enters (as :attr:`selection`'s does)."""
    sentence_lines: reactive[bool] = reactive(False, init=False)
    """One sentence per line, each numbered as the CLI and exports number it."""
    selection: reactive[tuple[int, int] | None] = reactive(None, init=False, repaint=False)
    """An inclusive range of sentences being selected, if any."""
    search_term: reactive[str] = reactive("", init=False)
    """Occurrences of this text (case-insensitive) are highlighted."""

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
        self,
        article: Article,
        annotations: AnnotationSource,
        schema: TagSchema,
        *,
        cursor: int = 1,
        reading_width: int = DEFAULT_READING_WIDTH,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.article = article
        self.annotations = annotations
        self.schema = schema
        self.reading_width = reading_width
        """The widest a line of text gets (0: the whole width)."""
        self._section_number = article.sentence(cursor).section
        self.spans = SpanDrawing(self)
        """Spans inside their sentences and the words selected in word mode."""
        self._layout_lines = SectionLayout(self.marker, self.spans.marks)
        self.who_tagged = False
        """Markers show who tagged what (each annotator's letters, and = or ≠), not only the tags."""
        self._readers: list[str] = []
        """The article's annotators, while :attr:`who_tagged` is on."""
        self.final_annotator = ""
        """The final (adjudicated) layer: shown in who-tagged markers, no party to = or ≠."""
        self._layout_width = -1
        self._indent = 0
        self._strips: dict[int, Strip] = {}
        self._matches = SearchMatches()
        self.suggested: dict[int, tuple[str, ...]] = {}
        """Tags suggested per sentence (see :meth:`set_suggestions`); never the sentence's tags."""
        self.show_suggestions = True
        """Whether suggested tags are drawn."""
        self.set_reactive(ArticleView.cursor, cursor)

    # -- layout ------------------------------------------------------------

    @property
    def section(self) -> Section:
        """The section on screen."""
        return self.article.sections[self._section_number - 1]

    @property
    def number_width(self) -> int:
        """Cells of the sentence-number column (0 unless one sentence per line)."""
        return len(str(len(self.article.sentences))) + 1 if self.sentence_lines else 0

    @property
    def text_width(self) -> int:
        """Cells a line of text may take now (past the sentence numbers, if shown)."""
        available = max(10, self.scrollable_content_region.width - 1)
        width = min(available, self.reading_width) if self.reading_width > 0 else available
        return max(10, width - self.number_width)

    def marker(self, sentence: int) -> str:
        """The marker of ``sentence`` as the store has it now ("" if it has no tag or note)."""
        if self.who_tagged:
            keys = {tag.name: tag.key for tag in self.schema.tags}
            mark = who_marker(
                self.annotations.view, sentence, self._readers, keys, NOTE_MARK, final=self.final_annotator, scale=self.schema.verdicts
            )
            return fit_marker(mark, max(MIN_MARKER, self.text_width // 2))
        tags = set(self.annotations.tags(sentence))
        return own_marker(self.annotations, self.schema, sentence, tags, self.suggested_letters(sentence, tags))

    def suggested_letters(self, sentence: int, tags: set[str] | None = None) -> str:
        """The key letters of the tags suggested for ``sentence`` that it does not have
        ("" when suggestions are hidden)."""
        wanted = self.suggested.get(sentence) if self.show_suggestions else None
        if not wanted:
            return ""
        tags = set(self.annotations.tags(sentence)) if tags is None else tags
        return "".join(tag.key for tag in self.schema.tags if tag.name in wanted and tag.name not in tags)

    def set_suggestions(self, suggested: dict[int, tuple[str, ...]], *, shown: bool | None = None) -> None:
        """Show these suggested tags (by sentence), or hide or show them all; repaints
        only the sentences whose marker changed."""
        changed = set(self.suggested) | set(suggested)
        self.suggested = suggested
        if shown is not None:
            self.show_suggestions = shown
        section = self.section
        self.refresh_sentences(n for n in changed if section.first_sentence <= n <= section.last_sentence)

    def _layout(self) -> None:
        """Wrap the current section for the current width (once per section and width)."""
        width = self.text_width
        available = self.scrollable_content_region.width
        self._indent = max(0, (available - 1 - width - self.number_width) // 2) if self.reading_width > 0 else 0
        self._layout_lines.lay_out(self.article, self.section, width, one_per_line=self.sentence_lines)
        self._strips.clear()
        self._layout_width = available
        self.virtual_size = Size(available, len(self._layout_lines.lines))

    def replace_article(self, article: Article, annotations: AnnotationSource) -> None:
        """Show another version of the article (the complete one after its first part)."""
        self.article = article
        self.annotations = annotations
        if self.who_tagged:
            self._readers = readers(annotations.view)
        self._lay_out_again()

    def _lay_out_again(self) -> None:
        """Lay out, repaint and keep the cursor on screen (after a change of how lines wrap)."""
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def on_mount(self) -> None:
        # Laid out when first painted, at its real width: a layout now (width 0) would
        # wrap at the narrowest, show a scroll bar, and paint the first frame twice.
        self.call_after_refresh(self.scroll_to_cursor, False)

    def on_resize(self, event: Resize) -> None:
        self._relayout_if_resized()

    def _relayout_if_resized(self) -> bool:
        """Lay out again if the width changed since the last layout (also found at paint
        time: the first layout may have run before the real width was known)."""
        if self.scrollable_content_region.width == self._layout_width:
            return False
        self._layout()
        self.call_after_refresh(self.scroll_to_cursor, False)
        self.refresh()
        return True

    def laid_out(self) -> tuple[list[ViewLine], dict[int, tuple[int, int]]]:
        """A copy of the lines as laid out now and each sentence's first and last line."""
        return list(self._layout_lines.lines), dict(self._layout_lines.spans)

    def show_who(self, on: bool) -> None:
        """Turn the who-tagged-what markers on or off, and lay out again."""
        self.who_tagged = on
        self._readers = readers(self.annotations.view) if on else []
        self._lay_out_again()

    def set_reading_width(self, width: int) -> None:
        """Change the widest line of text (0: the whole width) and lay out again."""
        self.reading_width = width
        self._lay_out_again()

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

    def watch_sentence_lines(self) -> None:
        self._lay_out_again()

    def watch_selection(self, old: tuple[int, int] | None, new: tuple[int, int] | None) -> None:
        changed: set[int] = set()
        for span in (old, new):
            if span:
                changed.update(range(span[0], span[1] + 1))
        self.refresh_sentences(changed)

    def watch_search_term(self, term: str) -> None:
        self._matches.search(term)
        self._strips.clear()
        self.refresh()

    def refresh_records(self, numbers: Iterable[int]) -> None:
        """Repaint after the records of these sentences changed (in the who-tagged-what
        view, an annotator's first or last record on the article changes every marker)."""
        if self.who_tagged and readers(self.annotations.view) != self._readers:
            self.show_who(True)
            return
        self.refresh_sentences(numbers)

    def refresh_sentences(self, numbers: Iterable[int]) -> None:
        """Repaint only the lines of these sentences (after a tag, note or cursor change)."""
        numbers = {n for n in numbers if n in self._layout_lines.spans}
        layout = self._layout_lines
        remarked = [n for n in numbers if self.marker(n) != layout.markers.get(n, "") or layout.spans_changed(n)]
        if remarked:  # their paragraphs rewrapped from them (see SectionLayout.rewrap_from)
            touched = self._layout_lines.rewrap_from(remarked, self.text_width)
            if touched is None:  # the number of lines changed: every line may have moved
                self._strips.clear()
                self.virtual_size = Size(self._layout_width, len(self._layout_lines.lines))
                self.refresh()
                return
            for first, count in touched:
                for y in range(first, first + count):
                    self._strips.pop(y, None)
                self.refresh_lines(first, count)
        for number in numbers:
            first, last = self._layout_lines.spans[number]
            for y in range(first, last + 1):
                self._strips.pop(y, None)
            self.refresh_lines(first, last - first + 1)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Scroll so the cursor sentence is on screen (with its heading at the top)."""
        span = self._layout_lines.spans.get(self.cursor)
        if span is None:
            return
        first, last = span
        top = 0 if self.cursor == self.section.first_sentence else first
        self.scroll_to_region(Region(0, top, 1, last - top + 1), animate=animate, immediate=True)
        from .notification_place import keep_notifications_clear  # loads after the first frame

        keep_notifications_clear(self, first, last)

    def sentence_at_line(self, index: int) -> int | None:
        """The first sentence that starts on or after line ``index`` of the section (paging)."""
        return self._layout_lines.sentence_at_line(index)

    def line_of(self, sentence: int) -> int | None:
        """The line where ``sentence`` starts, if it is in the section on screen."""
        span = self._layout_lines.spans.get(sentence)
        return span[0] if span else None

    # -- rendering ---------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (a new theme, say): lines drawn in the old ones are stale."""
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, top = self.frame_geometry()  # once a frame, not once a line (a scroll draws every line)
        if width != self._layout_width:
            self._relayout_if_resized()
        index = y + top
        strip = self._strips.get(index)
        if strip is None:
            strip = Strip(self._segments(index)).adjust_cell_length(width, self.rich_style)
            self._strips[index] = strip
        return strip

    def kept_content(self, index: int) -> Strip | None:
        return self._strips.get(index)

    def _segments(self, index: int) -> list[Segment]:
        base = self.rich_style
        if index >= len(self._layout_lines.lines):
            return []
        line = self._layout_lines.lines[index]
        segments = [Segment(" " * self._indent, base)]
        if line.kind == "blank":
            return segments
        if line.kind in ("heading", "subtitle"):
            style = base + self.get_component_rich_style(f"article-view--{line.kind}")
            return [*segments, Segment(" " * self.number_width, base), Segment(line.label.replace("\t", " "), style)]
        if self.sentence_lines:
            segments.append(self._number(line, base))
        return segments + [segment for segment, _ in self._pieces(line, base)]

    def _number(self, line: ViewLine, base: Style) -> Segment:
        """The sentence's number on the line where it starts (blank on its other lines)."""
        width = self.number_width
        number = line.sentences[0] if line.sentences and self.article.sentence(line.sentences[0]).start >= line.start else None
        text = f"{number:>{width - 1}} " if number is not None else " " * width
        return Segment(text, base + self.get_component_rich_style("article-view--number"))

    def _pieces(self, line: ViewLine, base: Style) -> list[Piece]:
        """The segments of a text line, each with the sentence it belongs to (None between sentences)."""
        styles = PieceStyles(*(self.get_component_rich_style(f"article-view--{name}") for name in PieceStyles._fields))
        layout, sentence_style = self._layout_lines, self._sentence_style
        markers, spans = layout.markers, self.spans.line_spans(base, layout.inline)
        return text_pieces(
            self.article, line, base, markers=markers, styles=styles, sentence_style=sentence_style, matches=self._matches, spans=spans
        )

    def _sentence_style(self, number: int, base: Style) -> Style:
        style = base
        tags = self.annotations.tags(number)
        no_colour = self.app.no_color
        if tags:
            tag = self.schema.get(tags[0])
            colour = None if tag is None or no_colour else readable_colour(tag.colour, base.bgcolor)
            style += Style(color=colour, bold=True)
        if self.selection and self.selection[0] <= number <= self.selection[1]:
            style += self.get_component_rich_style("article-view--range")
            if no_colour:
                style += Style(underline=True)
        if number == self.cursor:
            style += self.get_component_rich_style("article-view--cursor")
            if no_colour:  # a background alone would vanish
                style += Style(reverse=True)
        return style

    # -- mouse ---------------------------------------------------------------

    def sentence_at(self, x: int, y: int) -> int | None:
        """The sentence under a point of the widget, if any."""
        index = y + self.scroll_offset.y
        if not 0 <= index < len(self._layout_lines.lines):
            return None
        line = self._layout_lines.lines[index]
        if line.kind != "text" or not line.sentences:
            return None
        cells = self._indent + self.number_width
        if x < cells:
            return line.sentences[0]
        return sentence_under(self._pieces(line, Style()), x - cells, line.sentences[-1])

    def on_click(self, event: Click) -> None:
        number = self.sentence_at(event.x - self.gutter.left, event.y - self.gutter.top)
        if number is not None:
            self.post_message(self.SentenceClicked(number))
