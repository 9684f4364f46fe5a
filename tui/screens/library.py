"""The library: every article given on the command line, with progress; Enter opens one."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.model import Article
from annotations.sentences.cache import SentenceCache
from annotations.store.folder import Store
from annotations.store.identity import article_file_for
from annotations.store.records import parse_timestamp

from ..shown import inert
from ..widgets.key_bar import KeyBar
from .help import HelpScreen


@dataclass
class LibraryEntry:
    """One article of the library, or the one-line reason it could not be read."""

    path: Path
    article: Article | None = None
    error: str | None = None


class LibraryScreen(Screen[None]):
    """A table of articles: title, sections, sentences, tagged, progress, last opened."""

    BINDINGS = [
        Binding("enter", "open_article", "Open the article", show=True),
        Binding("j", "cursor_down", "Next article", show=False),
        Binding("k", "cursor_up", "Previous article", show=False),
        Binding("g", "cursor_first", "First article", show=False),
        Binding("G", "cursor_last", "Last article", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    class ArticleLoaded(Message):
        """A worker finished reading one article (or failed to)."""

        def __init__(self, index: int, entry: LibraryEntry) -> None:
            self.index = index
            self.entry = entry
            super().__init__()

    def __init__(self, paths: list[Path], store: Store, cache: SentenceCache) -> None:
        super().__init__()
        self.entries = [LibraryEntry(path) for path in paths]
        self.store = store
        self.cache = cache

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Library · {len(self.entries)} article(s)", style="bold"), id="section-header")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="status-line")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            ("title", "title"),
            ("sections", "sections"),
            ("sentences", "sentences"),
            ("tagged", "tagged"),
            ("progress", "progress"),
            ("last opened", "opened"),
        ):
            table.add_column(label, key=key)
        for index, entry in enumerate(self.entries):
            table.add_row(Text(inert(entry.path.name)), "…", "…", "…", "…", "", key=str(index))
        table.focus()
        self._update_status()
        self.load_articles()

    @work(thread=True, exclusive=True)
    def load_articles(self) -> None:
        """Read every article off the UI thread; each result comes back as a message."""
        for index, entry in enumerate(self.entries):
            try:
                loaded = LibraryEntry(entry.path, article=load_article(entry.path, cache=self.cache))
            except NewsmarkError as error:
                loaded = LibraryEntry(entry.path, error=f"{entry.path.name}: {error.reason}")
            self.post_message(self.ArticleLoaded(index, loaded))

    def on_library_screen_article_loaded(self, message: ArticleLoaded) -> None:
        self.entries[message.index] = message.entry
        self.refresh_row(message.index)
        self._update_status()

    def refresh_row(self, index: int) -> None:
        """Fill a row from the article and its stored annotations."""
        entry = self.entries[index]
        table = self.query_one(DataTable)
        key = str(index)
        if entry.article is None:
            if entry.error is None:
                return
            table.update_cell(key, "title", Text(inert(entry.error), style="red"), update_width=True)
            for column in ("sections", "sentences", "tagged", "progress", "opened"):
                table.update_cell(key, column, "")
            return
        article = entry.article
        try:
            stored = article_file_for(self.store, article)
            tagged = stored.view().tagged_count
            meta = stored.meta
        except NewsmarkError as error:
            table.update_cell(key, "title", Text(str(error), style="red"))
            return
        total = len(article.sentences)
        position = meta.get("position", 0) if isinstance(meta.get("position"), int) else 0
        table.update_cell(key, "title", Text(inert(article.title)), update_width=True)
        table.update_cell(key, "sections", str(len(article.sections)))
        table.update_cell(key, "sentences", str(total))
        table.update_cell(key, "tagged", str(tagged))
        table.update_cell(key, "progress", f"{round(100 * min(position, total) / total)}%" if position else "—")
        table.update_cell(key, "opened", _when(meta.get("opened")))

    def _update_status(self) -> None:
        loaded = sum(1 for e in self.entries if e.article is not None)
        failed = sum(1 for e in self.entries if e.error is not None)
        text = f"{loaded} readable · {failed} unreadable" if failed else f"{loaded} of {len(self.entries)} read"
        if self.store.read_only:
            text += " · read-only"
        text += " · Enter opens an article"
        self.query_one("#status-line", Static).update(text)

    def open_entry(self, index: int) -> None:
        """Open the article at ``index`` in the reader."""
        entry = self.entries[index]
        if entry.article is None:
            self.notify(entry.error or "Still reading this article…", severity="warning")
            return
        self.app.open_reader(entry.article, on_close=lambda _: self.refresh_row(index))  # type: ignore[attr-defined]

    def action_open_article(self) -> None:
        """Open the highlighted article."""
        table = self.query_one(DataTable)
        if table.row_count:
            self.open_entry(table.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_entry(int(event.row_key.value or 0))

    def action_cursor_down(self) -> None:
        """Next article."""
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous article."""
        self.query_one(DataTable).action_cursor_up()

    def action_cursor_first(self) -> None:
        """First article."""
        self.query_one(DataTable).move_cursor(row=0)

    def action_cursor_last(self) -> None:
        """Last article."""
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)

    def action_help(self) -> None:
        """Show every key of the library."""
        self.app.push_screen(HelpScreen("newsmark · library", self.active_bindings))

    def action_quit(self) -> None:
        """Leave newsmark."""
        self.app.exit()


def _when(value: object) -> str:
    if not isinstance(value, str):
        return "never"
    try:
        moment = parse_timestamp(value).astimezone()
    except ValueError:
        return "?"
    today = _dt.datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%Y-%m-%d")
