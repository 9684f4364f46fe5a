"""Elsewhere in the reader: the cursor sentence's claim in other articles, found by a worker
off the key path (the corpus index, the matcher) and listed in :class:`ElsewherePanel`;
a key there links the claim to the selected one, as link mode does."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from annotations.errors import NewsmarkError

from .host import ReaderHost

if TYPE_CHECKING:
    from annotations.elsewhere.indexed import IndexedSource
    from annotations.elsewhere.matching import Result
    from annotations.model import Article
    from annotations.store.records import LinkEnd, Record

    from .checking import Checking
    from .elsewhere_panel import ElsewherePanel


class ElsewhereFound(Message):
    """The worker found what sentence ``sentence`` states elsewhere."""

    def __init__(self, sentence: int, results: list[Result]) -> None:
        self.sentence = sentence
        self.results = results
        super().__init__()


class ElsewhereFailed(Message):
    """The worker could not search for sentence ``sentence`` (the index, a file)."""

    def __init__(self, sentence: int, reason: str) -> None:
        self.sentence = sentence
        self.reason = reason
        super().__init__()


class ElsewhereFinder:
    """Runs the search for the reader: the index is opened and brought up to date with the
    article's folder once, in the first search's worker; later searches only query it."""

    def __init__(self, owner: Screen[None], host: ReaderHost) -> None:
        self._owner = owner
        self._host = host
        self._source: IndexedSource | None = None

    def find(self, sentence: int) -> None:
        """Look for sentence ``sentence``'s claim elsewhere; the answer comes as a message."""
        article = self._host.article
        self._owner.run_worker(partial(self._work, sentence, article), thread=True, exclusive=True, group="elsewhere")

    def _work(self, sentence: int, article: Article) -> None:
        from annotations.elsewhere.matching import find_elsewhere
        from annotations.store.identity import content_hash

        text, path = article.sentence(sentence).text, article.path
        try:
            source = self._source or self._open(path)
            self._source = source
            content = content_hash(article)  # a copy at another path is this article to the store: left out
            results = find_elsewhere(text, path, source, content=content)
        except (NewsmarkError, OSError) as error:
            self._owner.post_message(ElsewhereFailed(sentence, str(error)))
            return
        if not get_current_worker().is_cancelled:
            self._owner.post_message(ElsewhereFound(sentence, results))

    def _open(self, path: str) -> IndexedSource:
        """The index over the corpus the reader searches (the article's folder and the
        libraries'), brought up to date with it."""
        from annotations.elsewhere.corpus import default_paths, indexed_source
        from annotations.library.text_index import TextIndex, default_search_folder

        return indexed_source(default_paths(path), TextIndex(default_search_folder(), sentence_cache=self._host.options.cache))


def read_other_end(host: ReaderHost, result: Result) -> tuple[LinkEnd, list[Record] | None]:
    """The result's sentence as a link's end, and its article's stored records (None: not
    in the store): the other article read, its store file found by its aliases, not by a
    scan of the store. Off the UI thread: the article may be big."""
    from annotations.formats.loader import load_article
    from annotations.store.links import end_of, records_by_alias

    end = end_of(load_article(result.path, cache=host.options.cache), result.sentence)
    return end, records_by_alias(host.annotations.store, end)


class ElsewhereActions:
    """The elsewhere key and its panel's messages, mixed into the reader screen."""

    _elsewhere: ElsewhereFinder | None = None
    checking: Checking

    async def action_elsewhere(self) -> None:
        """List the cursor sentence's claim in other articles (again: hide the list)."""
        host = self._reader()
        panel = await self._elsewhere_panel()
        if panel.display and panel.sentence == host.view.cursor and panel.results:
            panel.action_close()
            return
        if self._elsewhere is None:
            self._elsewhere = ElsewhereFinder(self._screen(), host)
        panel.display = True
        panel.searching(host.view.cursor)
        panel.query_one("#elsewhere-list").focus()
        self._elsewhere.find(host.view.cursor)

    @property
    def elsewhere_selected(self) -> Result | None:
        """The result selected in the elsewhere panel, if it is open (for a key acting on the pair)."""
        from .elsewhere_panel import ElsewherePanel

        panels = self._screen().query(ElsewherePanel)
        return panels.first().selected if panels and panels.first().display else None

    def elsewhere_help_mode(self) -> tuple[str, str, list[Binding]]:
        """The elsewhere panel's keys, as the help lists them under their heading."""
        from .elsewhere_panel import ElsewherePanel

        return ElsewherePanel.help_mode()

    def link_elsewhere_selected(self, kind: str) -> None:
        """Link the panel's sentence's claim to the selected result's as ``kind`` (the palette's entry)."""
        from .elsewhere_panel import ElsewherePanel

        panels = self._screen().query(ElsewherePanel)
        if panels and panels.first().display:
            panels.first().action_link(kind)

    async def on_elsewhere_found(self, message: ElsewhereFound) -> None:
        (await self._elsewhere_panel()).show(message.sentence, message.results)

    async def on_elsewhere_failed(self, message: ElsewhereFailed) -> None:
        (await self._elsewhere_panel()).failed(message.sentence, message.reason)

    def on_elsewhere_panel_closed(self, message: ElsewherePanel.Closed) -> None:
        self._reader().view.focus()

    def on_elsewhere_panel_result_chosen(self, message: ElsewherePanel.ResultChosen) -> None:
        """Open the other article at the result's sentence."""
        from annotations.formats.loader import load_article

        from ...messages import OpenArticle

        host, result = self._reader(), message.result
        try:
            article = load_article(result.path, cache=host.options.cache)
        except NewsmarkError as error:
            host.notify(f"Could not open it: {error}", severity="error", timeout=8)
            return
        self._screen().post_message(OpenArticle(article, sentence=result.sentence))

    def on_elsewhere_panel_link_chosen(self, message: ElsewherePanel.LinkChosen) -> None:
        """Link the sentence's claim to the result's (its article read by a worker first)."""
        host = self._reader()
        if host.writable():
            work = partial(self._link_pair, message.sentence, message.result, message.kind)
            self._screen().run_worker(work, thread=True, group="elsewhere-link")

    def _link_pair(self, sentence: int, result: Result, kind: str) -> None:
        """Read the other end (in the worker), then link on the UI thread as link mode does."""
        from .link_mode import make_link
        from .verdict_keys import Target

        host, app = self._reader(), self._screen().app
        try:
            end, records = read_other_end(host, result)
        except (NewsmarkError, OSError) as error:
            app.call_from_thread(host.notify, f"Not linked: {error}", severity="error", timeout=8, markup=False)
            return
        named = f"{Path(result.path).name}#{result.sentence}"
        app.call_from_thread(make_link, host, self.checking.keys, Target(sentence), end, kind, named, stored=lambda _end: records)

    async def _elsewhere_panel(self) -> ElsewherePanel:
        """The panel, mounted beside the text the first time."""
        from .elsewhere_panel import ElsewherePanel

        screen = self._screen()
        existing = screen.query(ElsewherePanel)
        if existing:
            return existing.first()
        panel = ElsewherePanel(id="elsewhere-panel")
        await screen.query_one("#reader-body").mount(panel)
        return panel

    def _screen(self) -> Screen[None]:
        assert isinstance(self, Screen)
        return self

    def _reader(self) -> ReaderHost:
        return self  # type: ignore[return-value]  # mixed into the reader screen, which is a ReaderHost
