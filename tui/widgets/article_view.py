"""The section text: one Line-API ScrollView, not a widget per sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.config import DEFAULT_READING_WIDTH
from annotations.model import Article, Paragraph, Section
from annotations.schema import TagSchema
from annotations.team.readings import readers

from ..colours import readable_colour
from ..wrap import iter_wrap, wrap_offsets
from .markers import MIN_MARKER, NOTE_MARK, OTHERS_MARK, SUGGESTION_OPEN, AnnotationSource, fit_marker, marker_text, who_marker

__all__ = ["DEFAULT_READING_WIDTH", "NOTE_MARK", "AnnotationSource", "ArticleView", "ViewLine"]


class ViewLine(NamedTuple):
    """One screen line of the laid-out section."""

    kind: str  # "heading", "subtitle", "text" or "blank"
    start: int = 0  # offsets in the article text, for "text" lines
    end: int = 0
    label: str = ""  # the heading or subtitle, for heading lines
    sentences: tuple[int, ...] = ()
    paragraph: int = 0  # the paragraph's number, for "text" lines


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
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
    until the lines meet the old ones again).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--heading",
        "article-view--subtitle",
        "article-view--cursor",
        "article-view--range",
        "article-view--match",
        "article-view--marker",
        "article-view--number",
        "article-view--suggestion",
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
    """

    cursor: reactive[int] = reactive(1, init=False)
    """The current sentence (1-based, across the article)."""
    sentence_lines: reactive[bool] = reactive(False, init=False)
    """One sentence per line, each numbered as the CLI and exports number it."""
    selection: reactive[tuple[int, int] | None] = reactive(None, init=False)
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
        self._lines: list[ViewLine] = []
        self._sentence_lines: dict[int, tuple[int, int]] = {}
        self._markers: dict[int, str] = {}
        """The marker each sentence of the section was laid out with (only marked ones)."""
        self.who_tagged = False
        """Markers show who tagged what (each annotator's letters, and = or ≠), not only the tags."""
        self._readers: list[str] = []
        """The article's annotators, while :attr:`who_tagged` is on."""
        self.final_annotator = ""
        """The final (adjudicated) layer: shown in who-tagged markers, no party to = or ≠."""
        self._starts: dict[int, int] = {}
        """The section's sentences by start offset (where markers go)."""
        self._layout_width = -1
        self._indent = 0
        self._strips: dict[int, Strip] = {}
        self._match_spans: dict[int, list[tuple[int, int]]] = {}
        self._pattern: re.Pattern[str] | None = None
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
            mark = who_marker(self.annotations.view, sentence, self._readers, keys, NOTE_MARK, final=self.final_annotator)
            return fit_marker(mark, max(MIN_MARKER, self.text_width // 2))
        tags = set(self.annotations.tags(sentence))
        own = set(self.annotations.own_tags(sentence))
        letters = "".join(tag.key for tag in self.schema.tags if tag.name in own)
        letters += "".join("?" for name in own if self.schema.get(name) is None)  # a tag the schema no longer has
        mine = bool(self.annotations.note(sentence))
        if tags - own or (self.annotations.has_note(sentence) and not mine):
            letters += OTHERS_MARK  # others' tags or note: never drawn as yours (your keys edit yours); w shows whose
        return marker_text(letters, mine, self.suggested_letters(sentence, tags))

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
        section = self.section
        lines: list[ViewLine] = []
        if section.title:
            for chunk in _wrap_label(section.title, width):
                lines.append(ViewLine("heading", label=chunk))
        for subtitle in section.subtitles:
            for chunk in _wrap_label(subtitle, width):
                lines.append(ViewLine("subtitle", label=chunk))
        self._markers = {}
        self._starts = {s.start: s.number for p in section.paragraphs for s in p.sentences}
        for paragraph in section.paragraphs:
            if lines:
                lines.append(ViewLine("blank"))
            lines.extend(self._wrap_paragraph(paragraph, width, paragraph.start))
        self._set_lines(lines)
        self._layout_width = available
        self.virtual_size = Size(available, len(lines))

    def _prefix(self, offset: int) -> int:
        """Cells drawn before the word at ``offset``: a marker and a space if a marked
        sentence starts there (asked only for the words being wrapped; records the marker)."""
        number = self._starts.get(offset)
        if number is None:
            return 0
        mark = self.marker(number)
        if not mark:
            self._markers.pop(number, None)
            return 0
        self._markers[number] = mark
        return cell_len(mark) + 1

    def _wrap_paragraph(self, paragraph: Paragraph, width: int, start: int) -> Iterator[ViewLine]:
        """The lines of ``paragraph`` from offset ``start`` (a line start) on; one sentence
        per line (and those after it) when :attr:`sentence_lines` is on."""
        sentences = paragraph.sentences
        index = bisect_right([s.end for s in sentences], start) if start > paragraph.start else 0
        if self.sentence_lines:
            for sentence in sentences[index:]:
                begin = max(start, sentence.start)
                for line_start, line_end in iter_wrap(self.article.text, width, self._prefix, begin, sentence.end):
                    yield ViewLine("text", line_start, line_end, sentences=(sentence.number,), paragraph=paragraph.number)
            return
        for line_start, line_end in iter_wrap(self.article.text, width, self._prefix, start, paragraph.end):
            while index < len(sentences) and sentences[index].end <= line_start:
                index += 1
            on_line = []
            for sentence in sentences[index:]:
                if sentence.start >= line_end:
                    break
                on_line.append(sentence.number)
            yield ViewLine("text", line_start, line_end, sentences=tuple(on_line), paragraph=paragraph.number)

    def _set_lines(self, lines: list[ViewLine]) -> None:
        sentence_lines: dict[int, tuple[int, int]] = {}
        for index, line in enumerate(lines):
            for number in line.sentences:
                first, _ = sentence_lines.get(number, (index, index))
                sentence_lines[number] = (first, index)
        self._lines = lines
        self._sentence_lines = sentence_lines
        self._strips.clear()

    def _rewrap_from(self, numbers: list[int]) -> list[tuple[int, int]] | None:
        """Rewrap after the markers of ``numbers`` changed: each paragraph from the line of
        its first changed sentence until the new lines meet the old ones. The spans of
        lines rewrapped (first, count), or ``None`` if the number of lines changed (then
        the whole view is laid out anew from the lines and repainted)."""
        width = self.text_width
        touched: list[tuple[int, int]] = []
        grown = False
        by_paragraph: dict[int, list[int]] = {}
        for number in sorted(numbers):
            by_paragraph.setdefault(self.article.sentence(number).paragraph, []).append(number)
        for numbers_here in by_paragraph.values():
            first_line, _ = self._sentence_lines[numbers_here[0]]
            last_start = self.article.sentence(numbers_here[-1]).start
            line = self._lines[first_line]
            paragraph = next(p for p in self.section.paragraphs if p.number == line.paragraph)
            old_end = first_line
            while old_end < len(self._lines) and self._lines[old_end].kind == "text" and self._lines[old_end].paragraph == paragraph.number:
                old_end += 1
            old_starts = {self._lines[i].start: i for i in range(first_line + 1, old_end)}
            new_lines: list[ViewLine] = []
            resumed = old_end
            for new in self._wrap_paragraph(paragraph, width, line.start):
                old_index = old_starts.get(new.start)
                if new.start > last_start and old_index is not None:
                    resumed = old_index  # from here on the lines are the old ones
                    break
                new_lines.append(new)
            if len(new_lines) != resumed - first_line:
                grown = True
                self._set_lines(self._lines[:first_line] + new_lines + self._lines[resumed:])
            elif not grown:
                self._replace_lines(first_line, new_lines)
                touched.append((first_line, len(new_lines)))
        if grown:
            self.virtual_size = Size(self._layout_width, len(self._lines))
            return None
        return touched

    def _replace_lines(self, first: int, new_lines: list[ViewLine]) -> None:
        """Put ``new_lines`` in place of as many lines from ``first`` and fix the spans of
        the sentences on them (a sentence may begin before them or end after them)."""
        last = first + len(new_lines) - 1
        found: dict[int, list[int]] = {}
        for offset, line in enumerate(new_lines):
            self._lines[first + offset] = line
            self._strips.pop(first + offset, None)
            for number in line.sentences:
                found.setdefault(number, []).append(first + offset)
        for number, indexes in found.items():
            low, high = self._sentence_lines.get(number, (indexes[0], indexes[-1]))
            self._sentence_lines[number] = (low if low < first else indexes[0], high if high > last else indexes[-1])

    def replace_article(self, article: Article, annotations: AnnotationSource) -> None:
        """Show another version of the article (the complete one after its first part)."""
        self.article = article
        self.annotations = annotations
        if self.who_tagged:
            self._readers = readers(annotations.view)
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def on_mount(self) -> None:
        self._layout()
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
        return list(self._lines), dict(self._sentence_lines)

    def show_who(self, on: bool) -> None:
        """Turn the who-tagged-what markers on or off, and lay out again."""
        self.who_tagged = on
        self._readers = readers(self.annotations.view) if on else []
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def set_reading_width(self, width: int) -> None:
        """Change the widest line of text (0: the whole width) and lay out again."""
        self.reading_width = width
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

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
        self._layout()
        self.refresh()
        self.scroll_to_cursor(animate=False)

    def watch_selection(self, old: tuple[int, int] | None, new: tuple[int, int] | None) -> None:
        changed: set[int] = set()
        for span in (old, new):
            if span:
                changed.update(range(span[0], span[1] + 1))
        self.refresh_sentences(changed)

    def watch_search_term(self, term: str) -> None:
        self._pattern = re.compile(re.escape(term), re.IGNORECASE) if term else None
        self._match_spans.clear()
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
        numbers = {n for n in numbers if n in self._sentence_lines}
        remarked = [n for n in numbers if self.marker(n) != self._markers.get(n, "")]
        if remarked:
            touched = self._rewrap_from(remarked)
            if touched is None:
                self.refresh()
                return
            for first, count in touched:
                self.refresh_lines(first, count)
        for number in numbers:
            first, last = self._sentence_lines[number]
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

    def sentence_at_line(self, index: int) -> int | None:
        """The first sentence that starts on or after line ``index`` of the section (paging)."""
        for line in self._lines[max(0, index) :]:
            for number in line.sentences:
                if self.article.sentence(number).start >= line.start:
                    return number
        return None

    def line_of(self, sentence: int) -> int | None:
        """The line where ``sentence`` starts, if it is in the section on screen."""
        span = self._sentence_lines.get(sentence)
        return span[0] if span else None

    # -- rendering ---------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (a new theme, say): lines drawn in the old ones are stale."""
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._relayout_if_resized()
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        strip = self._strips.get(index)
        if strip is None:
            strip = Strip(self._segments(index)).adjust_cell_length(width, self.rich_style)
            self._strips[index] = strip
        return strip

    def _segments(self, index: int) -> list[Segment]:
        base = self.rich_style
        if index >= len(self._lines):
            return []
        line = self._lines[index]
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

    def _pieces(self, line: ViewLine, base: Style) -> list[tuple[Segment, int | None]]:
        """The segments of a text line, each with the sentence it belongs to (None between sentences)."""
        pieces: list[tuple[Segment, int | None]] = []
        text = self.article.text
        position = line.start
        marker_style = self.get_component_rich_style("article-view--marker")
        for number in line.sentences:
            sentence = self.article.sentence(number)
            start, end = max(sentence.start, line.start), min(sentence.end, line.end)
            if start > position:
                pieces.append((Segment(text[position:start].replace("\t", " "), base), None))
            style = self._sentence_style(number, base)
            mark = self._markers.get(number, "") if sentence.start >= line.start else ""
            if mark:
                tagged, _, suggested = mark.partition(SUGGESTION_OPEN)
                if tagged:
                    pieces.append((Segment(tagged, style + marker_style), number))
                if suggested:
                    hint = style + self.get_component_rich_style("article-view--suggestion")
                    pieces.append((Segment(SUGGESTION_OPEN + suggested, hint), number))
                pieces.append((Segment(" ", style), number))
            spans = [(max(a, start), min(b, end)) for a, b in self._matches(number) if a < end and b > start]
            match_style = style + self.get_component_rich_style("article-view--match")
            for a, b in spans:
                if a > start:
                    pieces.append((Segment(text[start:a].replace("\t", " "), style), number))
                pieces.append((Segment(text[a:b].replace("\t", " "), match_style), number))
                start = b
            if end > start:
                pieces.append((Segment(text[start:end].replace("\t", " "), style), number))
            position = end
        if position < line.end:
            pieces.append((Segment(text[position : line.end].replace("\t", " "), base), None))
        return pieces

    def _matches(self, number: int) -> list[tuple[int, int]]:
        """Offsets (in the article text) of the search term's occurrences in a sentence."""
        if self._pattern is None:
            return []
        spans = self._match_spans.get(number)
        if spans is None:
            sentence = self.article.sentence(number)
            spans = [
                (sentence.start + m.start(), sentence.start + m.end()) for m in self._pattern.finditer(sentence.text) if m.end() > m.start()
            ]
            self._match_spans[number] = spans
        return spans

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
        if not 0 <= index < len(self._lines):
            return None
        line = self._lines[index]
        if line.kind != "text" or not line.sentences:
            return None
        cells = self._indent + self.number_width
        if x < cells:
            return line.sentences[0]
        pieces = self._pieces(line, Style())
        for index, (segment, _) in enumerate(pieces):
            cells += segment.cell_length
            if x < cells:  # a gap between sentences belongs to the next one
                return next((n for _, n in pieces[index:] if n is not None), line.sentences[-1])
        return line.sentences[-1]

    def on_click(self, event: Click) -> None:
        number = self.sentence_at(event.x - self.gutter.left, event.y - self.gutter.top)
        if number is not None:
            self.post_message(self.SentenceClicked(number))


def _wrap_label(label: str, width: int) -> list[str]:
    return [label[a:b] for a, b in wrap_offsets(label, width)] or [label]
