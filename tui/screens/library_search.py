"""The library's search of article text: ctrl+t switches the filter bar between titles and
the text of every listed article; a hit opens the reader at its sentence.

The text index (:mod:`annotations.library.text_index`) is brought up to date by another
process (:mod:`annotations.library.text_build`) once the library has counted sentences,
so the library's keys keep the interpreter; a thread only reads that process's progress
lines and posts them. Queries run in a thread worker and post their hits.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from rich.text import Text
from textual.message import Message

from annotations.metadata import counted

from ..shown import inert

if TYPE_CHECKING:
    from annotations.library.listing import Library
    from annotations.library.text_search import Hit
    from annotations.sentences.cache import SentenceCache

    from ..widgets.row_list import RowList

#: How often (seconds) the indexing process's progress is shown: each showing redraws the
#: status line, which counts the library's articles (10,000 articles: not 10,000 times).
PROGRESS_SECONDS = 0.25
#: How many sentences a text search lists at most.
TEXT_LIMIT = 200
#: The filter bar's title in each mode.
MODE_TITLES = {False: "titles and paths · ctrl+t: article text", True: "article text · ctrl+t: titles and paths"}
MODE_PLACEHOLDERS = {
    False: "filter by title or path (Enter keeps it, Esc clears it)",
    True: 'search every article\'s text: words, "a phrase", prefix* (Enter keeps it, Esc clears it)',
}


class TextHitsFound(Message):
    """A text search ended: its query, its hits, or why the query cannot be read."""

    def __init__(self, query: str, hits: list[Hit], problem: str | None = None) -> None:
        self.query = query
        self.hits = hits
        self.problem = problem
        super().__init__()


class TextIndexProgressed(Message):
    """The indexing process indexed ``done`` of ``total`` articles, or ended (``finished``)."""

    def __init__(self, done: int = 0, total: int = 0, *, finished: bool = False, notice: str | None = None) -> None:
        self.done, self.total = done, total
        self.finished = finished
        self.notice = notice
        super().__init__()


class TextSearch:
    """What the library's text search shows: the mode, the query's hits, the index's progress."""

    def __init__(self) -> None:
        self.active = False
        """Whether the filter searches article text (not titles and paths)."""
        self.query = ""
        self.hits: list[Hit] = []
        self.problem: str | None = None
        self.progress: tuple[int, int] | None = None
        """Articles indexed and to index, while the indexing process runs."""
        self.indexed = False
        """Whether the indexing process has ended (the index is as up to date as it can be)."""

    @property
    def showing(self) -> bool:
        """Whether the list shows sentences (a text query is typed)."""
        return self.active and bool(self.query.strip())

    def status_parts(self) -> list[str]:
        """What the status line says of the text search."""
        parts = []
        if self.progress is not None:
            parts.append(f"indexing text {self.progress[0]:,}/{self.progress[1]:,}")
        if self.showing:
            count = len(self.hits)
            found = f"{count:,} sentence{'s' if count != 1 else ''}" + ("+" if count >= TEXT_LIMIT else "")
            parts.append(f"text {self.query!r}: {self.problem or found}")
        return parts

    def title(self) -> str | None:
        """The list's title while it shows sentences found (None: it shows articles): how many,
        and in how many articles (those holding one of them)."""
        if not self.showing:
            return None
        count = len(self.hits)
        more = " or more" if count >= TEXT_LIMIT else ""
        articles = len({hit.path for hit in self.hits})
        return f"Library · {counted(count, 'sentence')}{more} found in {'at least ' if more else ''}{counted(articles, 'article')}"

    def header(self, width: int) -> Text | None:
        """The column names over the sentences found (None: the list shows articles)."""
        if not self.showing:
            return None
        where = "where: title › section · number"
        return Text("sentence".ljust(max(width - len(where), 10)) + where, style="bold")

    def row(self, row: int, width: int) -> Text:
        """The line of the ``row``-th hit: its sentence with the matched words in bold (cut
        to make room, from before its first match when that lies far in), then where it is
        (kept, its title cut when long, its sentence number always)."""
        hit = self.hits[row]
        width = max(width, 1)
        place = _place(hit, max(width * 2 // 5, 16))
        line = _sentence(hit, max(width - place.cell_len, 1))
        line.append_text(place)
        line.truncate(width, overflow="ellipsis")
        return line


#: How much of a sentence stays shown before its first match when its start is cut.
LEAD = 12


def _sentence(hit: Hit, room: int) -> Text:
    """The sentence of ``hit`` with its matches marked, at most ``room`` cells: when its first
    match ends beyond that, it starts (with ``…``) a few words before the match."""
    text, first = hit.text, hit.marks[0] if hit.marks else (0, 0)
    start = 0
    if first[1] > room - 1:
        start = text.rfind(" ", 0, max(first[0] - LEAD, 0)) + 1
    line = Text("…" if start else "", no_wrap=True, overflow="ellipsis")
    position = start
    for mark_start, mark_end in hit.marks:
        if mark_end <= start:
            continue
        line.append(inert(text[position:mark_start]))
        line.append(inert(text[max(mark_start, start) : mark_end]), style="bold reverse")
        position = mark_end
    line.append(inert(text[position:]))
    line.truncate(room, overflow="ellipsis")
    return line


def _place(hit: Hit, room: int) -> Text:
    """``  — title › section · N``, at most ``room`` cells: the title and section cut, never the number."""
    number = f" · {hit.sentence}"
    where = Text(inert(f"{hit.title} › {hit.section_label}" if hit.section_label else hit.title))
    where.truncate(max(room - len(number) - 4, 1), overflow="ellipsis")
    return Text(f"  — {where.plain}{number}", style="dim")


def search_text(index_folder: Path, paths: Sequence[str], query: str) -> TextHitsFound:
    """Search the index for ``query`` among the files ``paths`` (in a worker thread)."""
    from annotations.errors import NewsmarkError
    from annotations.library.text_index import TextIndex
    from annotations.library.text_scope import Scope
    from annotations.library.text_search import search

    index = TextIndex(index_folder)
    if not index.ready():
        return TextHitsFound(query, [], "the text index is being built")
    try:
        hits = search(index, query, Scope(files=tuple(paths)), TEXT_LIMIT)
    except NewsmarkError as error:
        return TextHitsFound(query, [], error.reason)
    return TextHitsFound(query, hits)


class IndexProcess:
    """The process that brings the index up to date for the library's files."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None

    def run(self, index_folder: Path, cache_folder: Path, paths: Sequence[str], post: Callable[[TextIndexProgressed], object]) -> None:
        """Start it, post its progress until it ends (called in a worker thread)."""
        from ..child_process import start_child

        process = start_child("annotations.library.text_build", "--index", str(index_folder), "--cache", str(cache_folder))
        self._process = process
        assert process.stdin is not None and process.stdout is not None
        try:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.write("".join(json.dumps(path) + "\n" for path in paths))
                process.stdin.close()
            notice = None
            last_post = 0.0
            for line in process.stdout:
                report = json.loads(line)
                if "done" in report and time.monotonic() - last_post >= PROGRESS_SECONDS:
                    post(TextIndexProgressed(report["done"], report["total"]))
                    last_post = time.monotonic()
                notice = report.get("notice") or report.get("error") or notice
            process.wait()
        finally:
            self.stop()
        post(TextIndexProgressed(finished=True, notice=notice))

    def stop(self) -> None:
        """End the process if it runs."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


class _Host(Protocol):
    """What :class:`TextSearchActions` needs of the library screen."""

    text: TextSearch
    filter_text: str
    _indexer: IndexProcess

    @property
    def library(self) -> Library: ...
    @property
    def cache(self) -> SentenceCache: ...
    @property
    def rows(self) -> RowList: ...
    def post_message(self, message: Message) -> bool: ...
    def run_worker(self, work: Callable[[], None], *, thread: bool, exclusive: bool, group: str, description: str) -> object: ...
    def notify(self, message: str, *, severity: Literal["information", "warning", "error"], timeout: float) -> None: ...
    async def show_filter_bar(self) -> None: ...
    def open_entry(self, number: int, sentence: int | None = None) -> None: ...
    def _reorder(self) -> None: ...
    def _update_header(self) -> None: ...
    def _update_status(self) -> None: ...


class TextSearchActions:
    """The library's text search: the mode key, the workers, the hits, opening one."""

    async def action_switch_filter(self: _Host) -> None:
        """Switch the filter between titles and paths and the text of every article (what is typed is kept)."""
        typed = self.text.query if self.text.active else self.filter_text
        self.text.query, self.filter_text = ("", typed) if self.text.active else (typed, "")
        self.text.active = not self.text.active
        await self.show_filter_bar()
        TextSearchActions.refilter(self)
        self._update_header()

    def refilter(self: _Host) -> None:
        """List again for the filter as it is: sentences found in text mode, else articles."""
        if self.text.showing:
            query = self.text.query
            paths = [item.path for item in self.library.items]
            work = partial(_post_hits, self.post_message, paths, query)
            # described: Textual's default description is the work's repr, every path of the library
            self.run_worker(work, thread=True, exclusive=True, group="text-search", description=f"search text for {query!r}")
        else:
            self._reorder()

    def index_text(self: _Host) -> None:
        """Bring the text index up to date for the listed files, in another process (a worker thread reads its progress)."""
        from annotations.library.text_index import default_search_folder

        paths = [item.path for item in self.library.items]
        run = partial(self._indexer.run, default_search_folder(), self.cache.folder, paths, self.post_message)
        self.run_worker(run, thread=True, exclusive=True, group="text-index", description=f"index the text of {len(paths):,} articles")

    def on_text_hits_found(self: _Host, message: TextHitsFound) -> None:
        if self.text.active and message.query == self.text.query:
            self.text.hits, self.text.problem = message.hits, message.problem
            self.rows.set_count(len(self.text.hits), 0)
            self._update_header()
            self._update_status()

    def on_text_index_progressed(self: _Host, message: TextIndexProgressed) -> None:
        self.text.progress = None if message.finished else (message.done, message.total)
        self.text.indexed = self.text.indexed or message.finished
        if message.notice:
            self.notify(inert(message.notice), severity="warning", timeout=8)
        if message.finished and self.text.showing:
            TextSearchActions.refilter(self)
        self._update_status()

    def open_hit(self: _Host) -> None:
        """Open the article of the highlighted sentence found, at that sentence."""
        hit = self.text.hits[self.rows.cursor] if 0 <= self.rows.cursor < len(self.text.hits) else None
        numbers = {item.path: number for number, item in enumerate(self.library.items)}
        if hit is not None and hit.path in numbers:
            self.open_entry(numbers[hit.path], hit.sentence)


def _post_hits(post: Callable[[TextHitsFound], object], paths: list[str], query: str) -> None:
    """Search and post the hits (in a worker thread)."""
    from annotations.library.text_index import default_search_folder

    post(search_text(default_search_folder(), paths, query))
