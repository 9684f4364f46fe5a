"""One section of an article wrapped into screen lines, kept for the article view:
which sentences each line holds, each sentence's first and last line, and the marker
each sentence was wrapped with."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from rich.cells import cell_len

from annotations.model import Article, Paragraph, Section

from ..wrap import iter_wrap, wrap_offsets
from .span_pieces import SpanMark, inline_cells


class ViewLine(NamedTuple):
    """One screen line of the laid-out section."""

    kind: str  # "heading", "subtitle", "text" or "blank"
    start: int = 0  # offsets in the article text, for "text" lines
    end: int = 0
    label: str = ""  # the heading or subtitle, for heading lines
    sentences: tuple[int, ...] = ()
    paragraph: int = 0  # the paragraph's number, for "text" lines


class SectionLayout:
    """The lines of one section at one width (see :meth:`lay_out`); rewrapped in part
    when sentences' markers change (:meth:`rewrap_from`)."""

    def __init__(self, marker: Callable[[int], str], span_marks: Callable[[int], tuple[SpanMark, ...]] | None = None) -> None:
        self.marker = marker
        """The marker a sentence is drawn with now ("" for none)."""
        self.span_marks = span_marks or (lambda number: ())
        """The marks of a sentence's spans now (see :mod:`.span_pieces`)."""
        self.inline: dict[int, tuple[SpanMark, ...]] = {}
        """The span marks each sentence was laid out with (only those with spans)."""
        self._inline_cells: dict[int, int] = {}
        """Cells span marks add to a word, by its start offset."""
        self.lines: list[ViewLine] = []
        self.spans: dict[int, tuple[int, int]] = {}
        """Each sentence's first and last line."""
        self.markers: dict[int, str] = {}
        """The marker each sentence of the section was laid out with (only marked ones)."""
        self._starts: dict[int, int] = {}
        """The section's sentences by start offset (where markers go)."""
        self._article: Article | None = None
        self._section: Section | None = None
        self._one_per_line = False

    def lay_out(self, article: Article, section: Section, width: int, *, one_per_line: bool) -> None:
        """Wrap ``section`` of ``article`` to ``width`` cells; with ``one_per_line`` each
        sentence starts a line of its own."""
        self._article, self._section, self._one_per_line = article, section, one_per_line
        lines: list[ViewLine] = []
        if section.title:
            for chunk in _wrap_label(section.title, width):
                lines.append(ViewLine("heading", label=chunk))
        for subtitle in section.subtitles:
            for chunk in _wrap_label(subtitle, width):
                lines.append(ViewLine("subtitle", label=chunk))
        self.markers = {}
        self._starts = {s.start: s.number for p in section.paragraphs for s in p.sentences}
        self.inline, self._inline_cells = {}, {}
        self.mark_spans(s.number for p in section.paragraphs for s in p.sentences)
        for paragraph in section.paragraphs:
            if lines:
                lines.append(ViewLine("blank"))
            lines.extend(self._wrap_paragraph(article, paragraph, width, paragraph.start))
        self._set_lines(lines)

    def _prefix(self, offset: int) -> int:
        """Cells drawn before the word at ``offset``: a marker and a space if a marked
        sentence starts there (asked only for the words being wrapped; records the marker)."""
        inline = self._inline_cells.get(offset, 0)
        number = self._starts.get(offset)
        if number is None:
            return inline
        mark = self.marker(number)
        if not mark:
            self.markers.pop(number, None)
            return inline
        self.markers[number] = mark
        return cell_len(mark) + 1 + inline

    def mark_spans(self, numbers: Iterable[int]) -> None:
        """Take the span marks of these sentences as they are now (before wrapping them)."""
        article = self._article
        if article is None:
            return
        for number in numbers:
            old, marks = self.inline.pop(number, ()), self.span_marks(number)
            if not old and not marks:
                continue
            sentence = article.sentence(number)
            for key in [k for k in self._inline_cells if sentence.start <= k < sentence.end]:
                del self._inline_cells[key]
            if marks:
                self.inline[number] = marks
                for at, cells in inline_cells(article.text, marks).items():
                    self._inline_cells[at] = self._inline_cells.get(at, 0) + cells

    def spans_changed(self, number: int) -> bool:
        """Whether a sentence's span marks differ from those it was laid out with."""
        return self.span_marks(number) != self.inline.get(number, ())

    def _wrap_paragraph(self, article: Article, paragraph: Paragraph, width: int, start: int) -> Iterator[ViewLine]:
        """The lines of ``paragraph`` from offset ``start`` (a line start) on; one sentence
        per line (and those after it) when laid out so."""
        sentences = paragraph.sentences
        index = bisect_right([s.end for s in sentences], start) if start > paragraph.start else 0
        if self._one_per_line:
            for sentence in sentences[index:]:
                begin = max(start, sentence.start)
                for line_start, line_end in iter_wrap(article.text, width, self._prefix, begin, sentence.end):
                    yield ViewLine("text", line_start, line_end, sentences=(sentence.number,), paragraph=paragraph.number)
            return
        for line_start, line_end in iter_wrap(article.text, width, self._prefix, start, paragraph.end):
            while index < len(sentences) and sentences[index].end <= line_start:
                index += 1
            on_line = []
            for sentence in sentences[index:]:
                if sentence.start >= line_end:
                    break
                on_line.append(sentence.number)
            yield ViewLine("text", line_start, line_end, sentences=tuple(on_line), paragraph=paragraph.number)

    def _set_lines(self, lines: list[ViewLine]) -> None:
        spans: dict[int, tuple[int, int]] = {}
        for index, line in enumerate(lines):
            for number in line.sentences:
                first, _ = spans.get(number, (index, index))
                spans[number] = (first, index)
        self.lines = lines
        self.spans = spans

    def rewrap_from(self, numbers: list[int], width: int) -> list[tuple[int, int]] | None:
        """Rewrap after the markers of ``numbers`` changed: each paragraph from the line of
        its first changed sentence until the new lines meet the old ones. The spans of
        lines rewrapped (first, count), or ``None`` if the number of lines changed (then
        every line may have moved). Every paragraph is rewrapped either way: one left
        with its old lines would draw its new marker past the measure."""
        article, section = self._article, self._section
        if article is None or section is None:
            return None
        self.mark_spans(numbers)
        by_paragraph: dict[int, list[int]] = {}
        for number in sorted(numbers):
            by_paragraph.setdefault(article.sentence(number).paragraph, []).append(number)
        # Each paragraph against the lines as they are (paragraphs never share a line),
        # then put in at once: one pass over the section's lines however many moved.
        rewrapped = [self._rewrap_paragraph(article, section, numbers_here, width) for numbers_here in by_paragraph.values()]
        if all(len(new_lines) == resumed - first for first, resumed, new_lines in rewrapped):
            for first, _, new_lines in rewrapped:
                self._replace_lines(first, new_lines)
            return [(first, len(new_lines)) for first, _, new_lines in rewrapped]
        lines: list[ViewLine] = []
        kept_from = 0
        for first, resumed, new_lines in sorted(rewrapped, key=lambda part: part[0]):
            lines += self.lines[kept_from:first]
            lines += new_lines
            kept_from = resumed
        self._set_lines(lines + self.lines[kept_from:])
        return None

    def _rewrap_paragraph(self, article: Article, section: Section, numbers: list[int], width: int) -> tuple[int, int, list[ViewLine]]:
        """The paragraph of ``numbers`` (in order) rewrapped from the line where the first
        starts until the new lines meet the old ones after the last ends: the first old line
        replaced, the first old line kept again, and the new lines."""
        first_line, _ = self.spans[numbers[0]]
        last_end = article.sentence(numbers[-1]).end  # a span's marks may change any line of it
        line = self.lines[first_line]
        paragraph = next(p for p in section.paragraphs if p.number == line.paragraph)
        old_end = first_line
        while old_end < len(self.lines) and self.lines[old_end].kind == "text" and self.lines[old_end].paragraph == paragraph.number:
            old_end += 1
        old_starts = {self.lines[i].start: i for i in range(first_line + 1, old_end)}
        new_lines: list[ViewLine] = []
        resumed = old_end
        for new in self._wrap_paragraph(article, paragraph, width, line.start):
            old_index = old_starts.get(new.start)
            if new.start >= last_end and old_index is not None:
                resumed = old_index  # from here on the lines are the old ones
                break
            new_lines.append(new)
        return first_line, resumed, new_lines

    def _replace_lines(self, first: int, new_lines: list[ViewLine]) -> None:
        """Put ``new_lines`` in place of as many lines from ``first`` and fix the spans of
        the sentences on them (a sentence may begin before them or end after them)."""
        last = first + len(new_lines) - 1
        found: dict[int, list[int]] = {}
        for offset, line in enumerate(new_lines):
            self.lines[first + offset] = line
            for number in line.sentences:
                found.setdefault(number, []).append(first + offset)
        for number, indexes in found.items():
            low, high = self.spans.get(number, (indexes[0], indexes[-1]))
            self.spans[number] = (low if low < first else indexes[0], high if high > last else indexes[-1])

    def sentence_at_line(self, index: int) -> int | None:
        """The first sentence that starts on or after line ``index`` (paging)."""
        if self._article is None:
            return None
        for line in self.lines[max(0, index) :]:
            for number in line.sentences:
                if self._article.sentence(number).start >= line.start:
                    return number
        return None


def _wrap_label(label: str, width: int) -> list[str]:
    return [label[a:b] for a, b in wrap_offsets(label, width)] or [label]
