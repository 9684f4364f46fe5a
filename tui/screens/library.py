"""The library: every article given on the command line, listed at once; Enter opens one.

Rows come from the library index (:mod:`annotations.library`): a warm index lists
10,000 articles before the first frame. What the index lacks is filled in by a
background worker: new or changed files are scanned (title, sections), store files
that changed are read (tagged sentences, where the reader left off), and sentences are
counted in another process; the index is saved as it goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.library.counting import Counter
from annotations.library.listing import ALL_FIELDS, SORTS, Library, ordered
from annotations.metadata import counted
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.folder import Store

from ..messages import OpenArticle
from ..remembered import preferences
from ..shown import inert, shown_path
from ..typed_ahead import skip_while_typing
from ..widgets.filter_bar import close_filter_bar, open_filter_bar
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import RowList
from .help import HelpScreen
from .library_counting import record_counts
from .library_keys import LIBRARY_BINDINGS, LibraryMoves, LibraryViews
from .library_rows import Layout, fit_paths, header_text, layout, path_column_width, progress_parts, row_text, scan_counts
from .library_search import MODE_PLACEHOLDERS, MODE_TITLES, IndexProcess, TextSearch, TextSearchActions

#: How often (seconds) the background worker sends what it found (it saves the index
#: every ``library_counting.SAVE_SECONDS``).
_BATCH_SECONDS = 0.1


class LibraryScreen(TextSearchActions, LibraryMoves, LibraryViews, Screen[None]):
    """A list of articles: title, path, size, sections, sentences, tagged, where you left
    off (the share of sentences up to the one the reader was on when you last left it),
    when last opened."""

    BINDINGS = LIBRARY_BINDINGS

    class ItemsChanged(Message):
        """The background worker learnt more about some articles: ``fields`` names the sort
        keys that may have changed (``done`` when it has finished)."""

        def __init__(self, fields: frozenset[str] = ALL_FIELDS, done: bool = False, problem: str | None = None) -> None:
            self.fields = fields
            self.done = done
            self.problem = problem
            super().__init__()

    def __init__(self, library: Library, store: Store, cache: SentenceCache, schema: TagSchema, annotator: str) -> None:
        super().__init__()
        self.store = store
        self.cache = cache
        self.schema, self.annotator = schema, annotator  # handed on to the annotations overview
        self.library = library
        self.order: list[int] = list(range(len(self.library.items)))
        """The items shown, as indexes into ``library.items``, filtered and sorted."""
        self.sort = 0
        self.reverse = False
        self.filter_text = ""
        self.working = True
        """Whether the background worker is still completing the index."""
        self._counter: Counter | None = None
        self._reading = False
        """Whether a reader is open over the library (sentence counting waits meanwhile)."""
        self._path_width = 0
        self._cut_paths: tuple[int, list[str]] = (-1, [])
        """The paths as cut to the path column, and the width they were cut to."""
        self.text = TextSearch()
        self._indexer = IndexProcess()

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="section-header")
        yield Static(id="library-columns")
        yield RowList(self.render_row, id="library-table")
        yield Static(id="status-line")
        yield KeyBar()

    @property
    def rows(self) -> RowList:
        """The list widget."""
        return self.query_one(RowList)

    def on_mount(self) -> None:
        self.library.open_index()  # a stat per file: the warm index lists everything now
        self._path_width = path_column_width([shown_path(item.shown_path) for item in self.library.items])
        remembered = preferences(self)
        wanted = remembered.get("library_sort", SORTS[0].name)
        self.sort = next((number for number, sort in enumerate(SORTS) if sort.name == wanted), 0)
        self.reverse = remembered.get("library_reverse", False)
        self._reorder()
        self.rows.focus()
        self._update_header()
        # After the first frame: the worker would take turns with the painting (one GIL).
        self.call_after_refresh(self.complete_library)

    def on_resize(self) -> None:
        self._update_header()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "library")
        self.workers.cancel_group(self, "stores")
        self._indexer.stop()
        if self._counter is not None:
            self._counter.stop()

    # -- the background worker -------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def complete_library(self) -> None:
        """Scan what the index lacked, read changed store files, count sentences; saves as it goes."""
        worker = get_current_worker()
        library = self.library
        last_post = time.monotonic()
        changed: set[str] = set()

        def progress(*fields: str) -> None:
            nonlocal last_post
            changed.update(fields)
            if time.monotonic() - last_post >= _BATCH_SECONDS:
                self.post_message(self.ItemsChanged(frozenset(changed)))
                changed.clear()
                last_post = time.monotonic()

        for number in library.unscanned():
            if worker.is_cancelled:
                return
            library.scan(number)
            progress("title", "size")
        stamps = library.store_stamps()
        for number in range(len(library.items)):
            if worker.is_cancelled:
                return
            library.refresh_store(number, stamps)
            progress("tagged", "last opened")
        library.save()
        self.post_message(self.ItemsChanged())
        uncounted = library.uncounted()
        problem = None
        if uncounted and not worker.is_cancelled:
            problem = self._count_sentences(uncounted, progress, lambda: worker.is_cancelled)
        library.save()
        self.post_message(self.ItemsChanged(done=True, problem=problem))

    @work(thread=True, exclusive=True, group="stores")
    def refresh_stores(self) -> None:
        """Read again the store files that changed (articles tagged from the annotations overview)."""
        worker = get_current_worker()
        stamps = self.library.store_stamps()
        for number in range(len(self.library.items)):
            if worker.is_cancelled:
                return
            self.library.refresh_store(number, stamps)
        self.library.save()
        self.post_message(self.ItemsChanged())

    def _count_sentences(self, numbers: list[int], progress: Callable[..., None], cancelled: Callable[[], bool]) -> str | None:
        """Count sentences in another process (called from the worker thread); why it failed, if it did."""
        self._counter = counter = Counter(self.cache)
        if cancelled():  # unmounted meanwhile: it may have looked for the counter before it was there
            counter.stop()
        elif self._reading:
            counter.pause()
        try:
            return record_counts(self.library, counter, numbers, progress)
        finally:
            self._counter = None

    def on_library_screen_items_changed(self, message: ItemsChanged) -> None:
        if message.done and self.working:
            self.working = False
            self.views_library_read()
            self.index_text()  # after counting: the sentences are cached by then
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8)
        if SORTS[self.sort].name in message.fields or (self.filter_text and "title" in message.fields):
            self._reorder()
        else:  # the order stands: only the visible rows and the counts change (no sort of 10,000 items)
            self.rows.refresh_rows()
            self._update_status()

    # -- order and filter ----------------------------------------------------------

    def _reorder(self, *, narrower: bool = False) -> None:
        """Filter and sort the items again, the cursor staying on its article; ``narrower``
        when the filter only grew, so only what it showed is searched."""
        showing = not self.text.showing  # else the rows are sentences found: the articles' order waits
        current = self.order[self.rows.cursor] if showing and self.order and self.rows.cursor < len(self.order) else None
        among = self.order if narrower else None
        self.order = ordered(
            self.library.items, SORTS[self.sort], reverse=self.reverse, query=self.filter_text, among=among, presorted=narrower
        )
        if showing:
            self.rows.set_count(len(self.order), self.order.index(current) if current is not None and current in self.order else 0)
        self._update_header()  # the title and column names: articles again when a text search ends
        self._update_status()

    def action_next_sort(self) -> None:
        """Sort by the next column (remembered for the next library)."""
        self.sort = (self.sort + 1) % len(SORTS)
        preferences(self).set("library_sort", SORTS[self.sort].name)
        self._reorder()
        self._update_header()  # a narrow library shows the column it is sorted by

    def action_reverse_sort(self) -> None:
        """Reverse the order (remembered for the next library)."""
        self.reverse = not self.reverse
        preferences(self).set("library_reverse", self.reverse)
        self._reorder()

    async def action_filter(self) -> None:
        """Open the filter bar: titles and paths holding every typed word stay listed (or,
        in text mode, the sentences of every article holding the query)."""
        skip_while_typing(self)
        await self.show_filter_bar()

    async def show_filter_bar(self) -> None:
        """Show the filter bar for the mode it is in, with the focus."""
        active = self.text.active
        bar = await open_filter_bar(
            self, "filter-input", MODE_PLACEHOLDERS[active], self.text.query if active else self.filter_text, self.filter_finished
        )
        bar.placeholder = MODE_PLACEHOLDERS[active]
        bar.border_title = MODE_TITLES[active]

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter-input" and self.text.active:
            self.text.query = event.value
            self.refilter()
        elif event.input.id == "filter-input":
            narrower = bool(self.filter_text) and event.value.casefold().startswith(self.filter_text.casefold())
            self.filter_text = event.value
            self._reorder(narrower=narrower)

    def filter_finished(self, keep: bool, value: str) -> None:
        """Enter in the filter bar keeps the filter, Esc drops it; the next key typed is the list's."""
        if keep:
            close_filter_bar(self, "filter-input")
            self.set_focus(self.rows)
        else:
            self.action_clear_filter()

    def action_clear_filter(self) -> None:
        """Drop the filter and close its bar."""
        close_filter_bar(self, "filter-input")
        self.set_focus(self.rows)
        if self.filter_text or self.text.query:
            self.filter_text = self.text.query = ""
            self._reorder()

    # -- drawing -------------------------------------------------------------------

    def _layout(self, width: int) -> Layout:
        sorted_by = SORTS[self.sort].name
        return layout(width, self._path_width, keep="opened" if sorted_by == "last opened" else sorted_by)

    def _update_title(self, unreadable: int | None = None) -> None:
        """The header's count: every article (``unreadable`` files counted apart), how many
        of them a filter shows, or the sentences found."""
        if unreadable is None:
            unreadable = scan_counts(self.library.items).unreadable
        total, shown = len(self.library.items), len(self.order)
        articles = counted(total - unreadable, "article") + (f" · {unreadable:,} unreadable" if unreadable else "")
        count = f"{shown:,} of {articles}" if self.filter_text and shown != total else articles
        self.query_one("#section-header", Static).update(Text(self.text.title() or f"Library · {count}", style="bold"), layout=False)

    def _update_header(self) -> None:
        self._update_title()
        width = self.rows.scrollable_content_region.width or self.size.width
        self.query_one("#library-columns", Static).update(self.text.header(width) or header_text(self._layout(width)))

    def render_row(self, row: int, width: int) -> Text:
        """The line for the ``row``-th shown article (or sentence found)."""
        if self.text.showing:
            return self.text.row(row, width)
        shared = self._layout(width)
        number = self.order[row]
        return row_text(self.library.items[number], shared, self._paths_cut_to(shared.path)[number])

    def _paths_cut_to(self, width: int) -> list[str]:
        """Every item's path as the path column shows it at ``width`` (made once per width)."""
        if self._cut_paths[0] != width:
            self._cut_paths = (width, fit_paths([shown_path(item.shown_path) for item in self.library.items], width))
        return self._cut_paths[1]

    def _update_status(self) -> None:
        counts = scan_counts(self.library.items)
        parts = progress_parts(counts, len(self.library.items), counting=self.working)
        if self.filter_text:
            parts.append(f"filter {self.filter_text!r}: {len(self.order):,} shown")
        parts += self.text.status_parts()
        parts.append(f"by {SORTS[self.sort].name}{' (reversed)' if self.reverse else ''}")
        if self.store.read_only:
            parts.append("read-only")
        self.query_one("#status-line", Static).update(Text(inert(" · ".join(parts))), layout=False)
        self._update_title(counts.unreadable)  # a file found unreadable is no article

    # -- moving and opening ----------------------------------------------------------

    def current_item(self) -> int | None:
        """The item under the cursor (an index into ``library.items``), if any."""
        cursor = self.rows.cursor
        return self.order[cursor] if 0 <= cursor < len(self.order) else None

    def open_entry(self, number: int, sentence: int | None = None) -> None:
        """Open item ``number`` in the reader (at ``sentence``, if given)."""
        item = self.library.items[number]
        if item.entry is None:
            self.notify("Still looking at this file…", severity="warning")
            return
        if item.entry.error is not None:
            self.notify(f"{shown_path(item.shown_path)}: {inert(item.entry.error)}", severity="warning")
            return
        try:
            article = load_article(item.path, cache=self.cache, first_part_only=sentence is None)
        except NewsmarkError as error:
            self.library.set_error(number, item.entry.stamp, error.reason)
            self._reorder()
            self.notify(inert(str(error)), severity="error")
            return
        self._pause_counting()
        self.post_message(OpenArticle(article, on_close=lambda _: self.article_closed(number, article), sentence=sentence))

    def _pause_counting(self) -> None:
        """While a reader is open, the counting process holds still: the reader (and a big
        article's splitting) gets the other core."""
        self._reading = True
        if self._counter is not None:
            self._counter.pause()

    def _resume_counting(self) -> None:
        self._reading = False
        if self._counter is not None:
            self._counter.resume()

    def article_closed(self, number: int, article: Article) -> None:
        """Back from the reader: what the store holds for the article now, and its sentences if they are known."""
        self._resume_counting()
        item = self.library.items[number]
        if item.entry is not None and item.entry.sentences is None and article.complete:
            self.library.set_sentences(number, item.entry.stamp, len(article.sentences))
        self.library.refresh_store(number)
        self.library.save()
        self._reorder()

    def action_open_article(self) -> None:
        """Open the highlighted article (at the highlighted sentence found)."""
        if self.text.showing:
            self.open_hit()
            return
        number = self.current_item()
        if number is not None:
            self.open_entry(number)

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        if event.chain == 2:
            self.action_open_article()

    def action_annotations(self) -> None:
        """Every annotation in the store, across articles."""
        from .annotations import AnnotationsScreen

        self._pause_counting()  # the overview may open readers
        self.app.push_screen(
            AnnotationsScreen(self.store, self.cache, self.schema, self.annotator, self.library.current_paths()),
            lambda _: self.back_from_overview(),
        )

    def back_from_overview(self) -> None:
        """Back from the annotations overview: counting goes on, and changed store files are read."""
        self._resume_counting()
        self.refresh_stores()

    def action_help(self) -> None:
        """Show every key of the library."""
        self.app.push_screen(HelpScreen("newsmark · library", self.active_bindings))

    def action_quit(self) -> None:
        """Leave newsmark."""
        self.app.exit()
