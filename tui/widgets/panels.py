"""Side panels of the reader: the table of contents, the annotations list, the article's info."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.metadata import article_info
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.records import Record

from ..colours import readable_colour
from ..shown import excerpt, inert, wrapped

#: Characters of a sentence or a note shown in the annotations panel.
EXCERPT_LENGTH = 90


class PanelList(OptionList):
    """An option list with ``j``/``k`` as well as the arrows, that stops at its ends
    instead of wrapping around."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def action_cursor_down(self) -> None:
        """The next option; stays on the last one."""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """The previous option; stays on the first one."""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


def _row(lead: Text, body: RenderableType, lead_width: int) -> Table:
    """One entry: a fixed-width lead column and a body that wraps under itself (hanging indent)."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=lead_width, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(lead, body)
    return grid


class _ArticlePanel(Vertical):
    """A side panel that lists something about the open article."""

    def __init__(self, article: Article, annotations: ArticleAnnotations, schema: TagSchema, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.annotations = annotations
        self.schema = schema

    def _tag_colour(self, colour: str) -> str:
        """A tag's colour as it reads on this panel's background (none with NO_COLOR)."""
        if self.app.no_color:
            return ""
        return readable_colour(colour, self.rich_style.bgcolor).name

    def _tag_counts(self, counts: dict[str, int]) -> Text:
        text = Text()
        for tag in self.schema.tags:
            if counts.get(tag.name):
                text.append(f" {tag.key}{counts[tag.name]}", style=self._tag_colour(tag.colour))
        return text


class ContentsPanel(_ArticlePanel):
    """Sections with per-tag counts; Enter jumps to one."""

    class SectionChosen(Message):
        """The user picked a section."""

        def __init__(self, section: int) -> None:
            self.section = section
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Label("Contents", classes="panel-title")
        yield PanelList(id="contents-list")

    def on_mount(self) -> None:
        self.refresh_counts()

    def refresh_counts(self, current: int | None = None) -> None:
        """Rebuild the list from the store's current tags."""
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        total = len(self.article.sections)
        lead_width = len(f"{total}/{total}")
        for section in self.article.sections:
            counts: dict[str, int] = {}
            for sentence in section.sentences:
                for tag in self.annotations.view.tags_at(sentence.number):
                    counts[tag] = counts.get(tag, 0) + 1
            body = Text(inert(section.label))
            body.append_text(self._tag_counts(counts))
            lead = Text(f"{section.number}/{total}", style="dim")
            option_list.add_option(Option(_row(lead, body, lead_width), id=f"section-{section.number}"))
        target = current - 1 if current is not None else highlighted
        if target is not None:
            option_list.highlighted = min(target, total - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.SectionChosen(event.option_index + 1))


class AnnotationsPanel(_ArticlePanel):
    """This article's annotated sentences with their notes, filterable by tag; Enter jumps to one."""

    BINDINGS = [
        Binding("0", "filter(0)", "All tags", show=False),
        *(Binding(str(i), f"filter({i})", f"Only tag {i}", show=False) for i in range(1, 10)),
    ]

    class SentenceChosen(Message):
        """The user picked an annotated sentence."""

        def __init__(self, sentence: int) -> None:
            self.sentence = sentence
            super().__init__()

    def __init__(self, article: Article, annotations: ArticleAnnotations, schema: TagSchema, *, id: str | None = None) -> None:
        super().__init__(article, annotations, schema, id=id)
        self.tag_filter: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("Annotations", classes="panel-title", id="annotations-title")
        yield PanelList(id="annotations-list")

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Rebuild the list (after a change or a new filter)."""
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        by_sentence, spans = self.annotations.view.by_sentence, self.annotations.view.spans
        numbers = sorted({n for n, records in by_sentence.items() if any(r["tags"] or r["note"] for r in records)} | set(spans))
        lead_width = len(str(len(self.article.sentences)))
        tagged = noted = 0
        for number in numbers:
            tags = self.annotations.tags(number)
            span_records = self.annotations.spans(number)
            if self.tag_filter and self.tag_filter not in self.annotations.view.tags_at(number):
                continue
            notes = [(r["annotator"], r["note"]) for r in by_sentence.get(number, []) if r["note"]]
            tagged += bool(self.annotations.view.tags_at(number))  # counted as the status line and stats count
            noted += bool(notes) or any(r["note"] for r in span_records)
            body = Text()
            if tags:  # the letters as the text's marker shows them: [fs]
                body.append("[", style="bold")
                for tag in self.schema.tags:
                    if tag.name in tags:
                        body.append(tag.key, style=f"bold {self._tag_colour(tag.colour)}")
                body.append("] ", style="bold")
            body.append(inert(excerpt(self.article.sentence(number).text, EXCERPT_LENGTH)))
            for annotator, note in notes:
                body.append("\n✎ ", style="bold")
                if annotator != self.annotations.annotator:
                    body.append(f"{inert(annotator)}: ", style="italic")
                body.append(inert(excerpt(note, EXCERPT_LENGTH)), style="italic")
            body.append_text(self._span_lines(span_records))
            option_list.add_option(Option(_row(Text(str(number), style="dim"), body, lead_width), id=f"sentence-{number}"))
        if option_list.option_count:
            option_list.highlighted = 0
        shown = option_list.option_count
        counts = f"{shown} sentence{'s' * (shown != 1)}: {tagged} tagged, {noted} noted"
        label = f"{counts} · {self.tag_filter} only · 0 all" if self.tag_filter else counts
        orphans = len(self.annotations.orphans())
        label += f" · {orphans} orphaned: R reviews" if orphans else ""
        self.query_one("#annotations-title", Label).update(label)

    def _span_lines(self, records: list[Record]) -> Text:
        """A sentence's spans, one a line: ``⟨f⟩ "300,000 shells" ana ✎ note``."""
        lines = Text()
        for record in records:
            if not record["tags"] and not record["note"]:
                continue
            lines.append("\n⟨", style="bold")
            for tag in self.schema.tags:
                if tag.name in record["tags"]:
                    lines.append(tag.key, style=f"bold {self._tag_colour(tag.colour)}")
            lines.append("?" * len([t for t in record["tags"] if self.schema.get(t) is None]) + "⟩ ", style="bold")
            lines.append(f'"{inert(excerpt(record["span"]["quote"], EXCERPT_LENGTH // 2))}"', style="underline")
            lines.append(f" {inert(record['annotator'])}", style="italic")
            if record["note"]:
                lines.append(f" ✎ {inert(excerpt(record['note'], EXCERPT_LENGTH))}", style="italic")
        return lines

    def action_filter(self, index: int) -> None:
        """Show only sentences with the index-th tag (0: all)."""
        if index == 0 or index > len(self.schema.tags):
            self.tag_filter = None
        else:
            self.tag_filter = self.schema.tags[index - 1].name
        self.refresh_list()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        self.post_message(self.SentenceChosen(int(option_id.removeprefix("sentence-"))))


class InfoPanel(_ArticlePanel):
    """The article's metadata (front matter), its file and its size."""

    def compose(self) -> ComposeResult:
        yield Label("Article info", classes="panel-title")
        with VerticalScroll(id="info-scroll"):
            yield Static(self.info_table(), id="info-text")

    def info_table(self) -> Table:
        """Label and value of each line of :func:`~annotations.metadata.article_info`."""
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        lines = article_info(self.article)
        if self.article.format == "html":  # a page fetched by URL: where from, and when (the sidecar of its copy)
            from annotations.web.pages import kept_source

            at_file = next(index for index, (label, _) in enumerate(lines) if label == "File")
            lines[at_file:at_file] = kept_source(self.article.path)
        for label, value in lines:
            grid.add_row(Text(label), Wrapped(inert(value)))
        return grid


class Wrapped:
    """One line of text wrapped by :func:`~tui.shown.wrapped` to the width it is drawn
    in: a file's path or an address breaks after a separator, not mid-name."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n".join(wrapped(self.text, options.max_width)), overflow="fold")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, max(1, cell_len(self.text)))
