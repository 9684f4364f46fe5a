"""Every annotation in the store, across articles: filter by tag, annotator, words, status or grade; Enter opens it.

So an analyst finds "every concern I noted this week" without opening each article:
``3`` (concern), ``m`` (mine), ``w`` (the last 7 days); "every false claim this week":
``w`` and ``/status:false``; "sources graded E or F": ``/grade:E,F``; newest first.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.library.overview import AnnotationFilter, AnnotationItem, store_annotations
from annotations.metadata import counted
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.folder import Store
from annotations.store.records import parse_timestamp

from ..key_groups import FINDING, GENERAL, MOVING, VIEWS
from ..messages import OpenArticle
from ..shown import column, inert
from ..typed_ahead import skip_while_typing
from ..widgets.filter_bar import close_filter_bar, open_filter_bar
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import RowList
from ..widgets.verdict_marks import status_symbol
from .help import HelpScreen

_TAG_KEYS: list[BindingType] = [
    Binding(
        str(n), f"filter_tag({n})", f"Tag {n}", show=False, tooltip="Show only the tag of that number (again to drop it)", group=FINDING
    )
    for n in range(1, 10)
]


def sentence_text(item: AnnotationItem) -> Text:
    """The record's sentence, shown inert; a span's words in bold and underlined."""
    if item.words is None:
        return Text(inert(item.text))
    start, end = item.words
    text = Text(inert(item.text[:start]))
    text.append(inert(item.text[start:end]), style="bold underline")
    text.append(inert(item.text[end:]))
    return text


def row_sentence(item: AnnotationItem) -> Text:
    """What a row shows of the record: its sentence, or for a span record the words it
    tags first (bold, underlined), then the sentence they are in (the row cuts it)."""
    words = item.tagged_words
    if words is None:
        return Text(inert(item.text))
    text = Text("«")
    text.append(inert(words), style="bold underline")
    text.append("» in: ")
    text.append(inert(item.text), style="dim")
    return text


class AnnotationsScreen(Screen[None]):
    """Every tagged sentence and note of every article in the store, newest first."""

    BINDINGS = [
        Binding("enter", "open_annotation", "Open the article there", show=True, group=VIEWS),
        Binding("j,down", "cursor_down", "Next annotation", show=False, group=MOVING),
        Binding("k,up", "cursor_up", "Previous annotation", show=False, group=MOVING),
        Binding("g,home", "cursor_first", "First annotation", show=False, group=MOVING),
        Binding("G,end", "cursor_last", "Last annotation", show=False, group=MOVING),
        Binding("pagedown", "page_down", "Page down", show=False, group=MOVING),
        Binding("pageup", "page_up", "Page up", show=False, group=MOVING),
        *_TAG_KEYS,
        Binding("0", "all_tags", "All tags", show=False, tooltip="Show every tag again", group=FINDING),
        Binding("m", "mine", "Mine", tooltip="Only your own annotations (again for everyone's)", group=FINDING),
        Binding("w", "this_week", "This week", tooltip="Only annotations changed in the last 7 days (again for all)", group=FINDING),
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter as you type: words in the sentence, note or title; @name an annotator; #tag a tag; status:false a status; grade:E,F grades",
            group=FINDING,
            priority=True,  # keys typed with it are the bar's: see tui.typed_ahead
        ),
        Binding("escape", "clear_filter", "Clear the typed filter", show=False, group=FINDING),
        Binding("question_mark", "help", "Help", group=GENERAL),
        Binding("q", "back", "Back", tooltip="Back to the library", group=GENERAL),
    ]

    class Loaded(Message):
        """The store's annotations were read (off the UI thread)."""

        def __init__(self, items: list[AnnotationItem], problems: list[str]) -> None:
            self.items = items
            self.problems = problems
            super().__init__()

    def __init__(
        self,
        store: Store,
        cache: SentenceCache,
        schema: TagSchema,
        annotator: str,
        current_paths: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.cache = cache
        self.schema = schema
        """The tags in force."""
        self.annotator = annotator
        """Who "mine" means."""
        self.current_paths = current_paths
        """Per store file, where its article is now (from the library): see :func:`store_annotations`."""
        self.items: list[AnnotationItem] = []
        self.shown: list[AnnotationItem] = []
        self.tags: frozenset[str] = frozenset()
        self.mine = False
        self.this_week = False
        self.query_text = ""
        self.reading_store = True
        """True until every store file was read (the status line says so)."""
        self.verdicts_shown = False
        """Whether the rows have a column for statuses and grades (once any record has one)."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Annotations · every article", style="bold"), id="section-header")
        yield RowList(self.render_row, id="annotations-list")
        yield Static(id="annotation-detail")
        yield Static(id="status-line")
        yield KeyBar()

    @property
    def rows(self) -> RowList:
        """The list widget."""
        return self.query_one(RowList)

    def on_mount(self) -> None:
        self.rows.focus()
        self._refilter()
        self.load_annotations()

    @work(thread=True, exclusive=True, group="annotations")
    def load_annotations(self) -> None:
        """Read every store file once (read-only); the result comes back as a message."""
        items, problems = store_annotations(self.store, self.current_paths)
        self.post_message(self.Loaded(items, problems))

    def on_annotations_screen_loaded(self, message: Loaded) -> None:
        self.reading_store = False
        self.items = message.items
        self.verdicts_shown = any(item.status or item.grade for item in self.items)
        for problem in message.problems[:3]:
            self.notify(inert(problem), severity="warning")
        self._refilter()

    # -- filters ---------------------------------------------------------------

    @property
    def filter(self) -> AnnotationFilter:
        """The filter in force: tag keys, ``m``, ``w`` and the typed words, statuses and
        grades, each narrowing what the others keep (``3`` then ``#claim``: concerns that
        are claims too; ``w`` then ``status:false``: every false claim this week)."""
        typed = AnnotationFilter.parse(self.query_text, self.tags)
        annotators = typed.annotators | {self.annotator.casefold()} if self.mine else typed.annotators
        since = _dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(days=7) if self.this_week else None
        checkable, unset = frozenset(self.schema.checkable), self.schema.verdicts.default.name
        return AnnotationFilter(typed.tags, annotators, typed.words, since, typed.statuses, typed.grades, checkable, unset)

    def _refilter(self, *, narrower: bool = False) -> None:
        """Filter again, the cursor staying on its annotation; ``narrower`` when typed words
        only grew, so only what was shown is searched."""
        current = self.shown[self.rows.cursor] if self.shown and self.rows.cursor < len(self.shown) else None
        self.shown = self.filter.apply(self.shown if narrower else self.items)
        cursor = next((number for number, item in enumerate(self.shown) if item is current), 0)
        self.rows.set_count(len(self.shown), cursor)
        self._update_detail()
        self._update_status()

    def action_filter_tag(self, number: int) -> None:
        """Show only the tag of that number (again to drop it)."""
        if number > len(self.schema.tags):
            return
        name = self.schema.tags[number - 1].name
        self.tags = self.tags - {name} if name in self.tags else self.tags | {name}
        self._refilter()

    def action_all_tags(self) -> None:
        """Show every tag again."""
        self.tags = frozenset()
        self._refilter()

    def action_mine(self) -> None:
        """Only your own annotations, or everyone's again."""
        self.mine = not self.mine
        self._refilter()

    def action_this_week(self) -> None:
        """Only annotations changed in the last 7 days, or all again."""
        self.this_week = not self.this_week
        self._refilter()

    async def action_filter(self) -> None:
        """Open the filter bar."""
        skip_while_typing(self)
        await open_filter_bar(
            self,
            "annotations-filter",
            "words, @annotator, #tag, status:false, grade:E,F (Enter keeps it, Esc clears it)",
            self.query_text,
            self.filter_finished,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "annotations-filter":
            # More letters typed can only narrow words; "@bo" is another annotator than "@b",
            # "status:false" no word "status" (a filter typed is no narrowing of the words before it).
            grown = event.value.startswith(self.query_text) and not any(mark in event.value for mark in "@#:")
            narrower = bool(self.query_text) and grown
            self.query_text = event.value
            self._refilter(narrower=narrower)

    def filter_finished(self, keep: bool, value: str) -> None:
        """Enter in the filter bar keeps the filter, Esc drops it; the next key typed is the list's."""
        if keep:
            close_filter_bar(self, "annotations-filter")
            self.set_focus(self.rows)
        else:
            self.action_clear_filter()

    def action_clear_filter(self) -> None:
        """Drop the typed filter and close its bar."""
        close_filter_bar(self, "annotations-filter")
        self.set_focus(self.rows)
        if self.query_text:
            self.query_text = ""
            self._refilter()

    # -- drawing -----------------------------------------------------------------

    def render_row(self, row: int, width: int) -> Text:
        """One annotation: when, tags, who, article, sentence (and a note mark)."""
        item = self.shown[row]
        narrow = width < NARROW  # the sentence is what matters: who and the title give way
        who_width, title_width = (6, 14) if narrow else (10, 24)
        text = Text()
        text.append(_when(item.updated).ljust(17), style="dim")
        tags = Text()
        for tag in self.schema.tags:
            tags.append(tag.key if tag.name in item.tags else "·", style=tag.colour if tag.name in item.tags else "dim")
        unknown = [t for t in item.tags if self.schema.get(t) is None]
        text.append_text(tags)
        if self.verdicts_shown:  # a claim's status mark, a source's grade (the column only once the store has some)
            text.append(f" {status_symbol(self.schema.verdicts, item.status) or ' '}{item.grade:>3}", style="bold")
        text.append(" ✎ " if item.note else "   ")
        text.append(column(inert(item.annotator), who_width), style="italic")
        text.append("  ")
        text.append(column(inert(item.article_title), title_width), style="bold")
        text.append(f" {'orphan' if item.orphan else item.sentence:>6}  ", style="dim")
        text.append_text(row_sentence(item))
        if unknown:
            text.append(f"  [{' '.join(inert(t) for t in unknown)}]", style="dim")
        return text

    def _update_detail(self) -> None:
        detail = Text()
        if self.shown:
            item = self.shown[self.rows.cursor]
            section = item.section_title if item.section_title and item.section_title != item.article_title else "lede"
            detail.append(inert(f"{item.article_title} · {section} · sentence {item.sentence}"), style="bold")
            verdict = f" · {inert(item.status)}" if item.status else ""
            verdict += f" · graded {item.grade}" if item.grade else ""
            detail.append(f" · {', '.join(inert(t) for t in item.tags) or 'no tag'}{verdict} · {inert(item.annotator)}\n", style="dim")
            detail.append_text(sentence_text(item))
            if item.note:
                detail.append("\n✎ " + " / ".join(inert(line) for line in item.note.splitlines()), style="italic")
        self.query_one("#annotation-detail", Static).update(detail)

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        self._update_detail()
        if event.chain == 2:
            self.action_open_annotation()

    def _update_status(self) -> None:
        if self.reading_store:
            text = "reading the store…"
        else:
            active = self.filter
            parts = [f"{len(self.shown):,} of {counted(len(self.items), 'annotation')}"]
            if active.tags:
                parts.append("tags " + ", ".join(sorted(active.tags)))
            if active.annotators:
                parts.append("by " + ", ".join(sorted(active.annotators)))
            if active.words:
                parts.append("words " + " ".join(active.words))
            if active.since is not None:
                parts.append("last 7 days")
            if active.statuses:
                parts.append("status " + " or ".join(sorted(active.statuses)))
            if active.grades:
                parts.append("graded " + " or ".join(sorted(active.grades)))
            parts.append("newest first")
            parts += active.unknown(self.schema.verdicts.names)
            text = " · ".join(parts)
        self.query_one("#status-line", Static).update(Text(inert(text)), layout=False)

    # -- moving and opening ----------------------------------------------------------

    def _move(self, row: int) -> None:
        self.rows.move_cursor(row)
        self._update_detail()

    def action_cursor_down(self) -> None:
        """Next annotation."""
        self._move(self.rows.cursor + 1)

    def action_cursor_up(self) -> None:
        """Previous annotation."""
        self._move(self.rows.cursor - 1)

    def action_cursor_first(self) -> None:
        """First annotation."""
        self._move(0)

    def action_cursor_last(self) -> None:
        """Last annotation."""
        self._move(len(self.shown) - 1)

    def action_page_down(self) -> None:
        """One screen down."""
        self._move(self.rows.cursor + self.rows.page)

    def action_page_up(self) -> None:
        """One screen up."""
        self._move(self.rows.cursor - self.rows.page)

    def action_open_annotation(self) -> None:
        """Open the highlighted annotation's article at its sentence (an orphan: in its triage view)."""
        if not self.shown:
            return
        self.read_article(self.shown[self.rows.cursor])

    class ArticleRead(Message):
        """An annotation's article was read (off the UI thread), or could not be."""

        def __init__(self, item: AnnotationItem, article: Article | None, error: str | None) -> None:
            self.item = item
            self.article = article
            self.error = error
            super().__init__()

    @work(thread=True, exclusive=True, group="open")
    def read_article(self, item: AnnotationItem) -> None:
        """Read the whole article (a big one not split before takes a while); the result comes back as a message."""
        try:
            self.post_message(self.ArticleRead(item, load_article(item.article_path, cache=self.cache), None))
        except NewsmarkError as error:
            self.post_message(self.ArticleRead(item, None, str(error)))

    def on_annotations_screen_article_read(self, message: ArticleRead) -> None:
        if message.article is None:
            self.notify(inert(message.error or "cannot read the article"), severity="error")
            return
        self.post_message(OpenArticle(message.article, lambda _: self.load_annotations(), record_id=message.item.record_id))

    def action_help(self) -> None:
        """Show every key of this screen."""
        self.app.push_screen(HelpScreen("newsmark · annotations", self.active_bindings))

    def action_back(self) -> None:
        """Back to the library."""
        self.dismiss(None)


def _when(value: str) -> str:
    try:
        return parse_timestamp(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "?"


#: Below this width a row gives the annotator and the title less room, the sentence more.
NARROW = 100
