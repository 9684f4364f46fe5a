"""Checking claims in the reader: the status, evidence, grade and link keys, the verdict
panel fed as the cursor moves, and following a link to its other end."""

from __future__ import annotations

from functools import partial
from pathlib import PurePath
from typing import TYPE_CHECKING

from rich.text import Text

from annotations.errors import NewsmarkError
from annotations.model import Article, storable_path
from annotations.store.folder import Store
from annotations.store.records import Evidence, Record

from ...shown import excerpt, inert
from .editing import Edits
from .host import ReaderHost
from .palette import GoesToSentences
from .side_panels import SidePanels
from .word_mode import WordMode

if TYPE_CHECKING:
    # Loaded by the first checking key or panel, not on the reader's start path (see the README's speed notes).
    from annotations.store.link_moves import Follower

    from ...widgets.verdict_panel import LinkLine, VerdictPanel
    from .link_mode import LinkMode
    from .verdict_keys import VerdictKeys
    from .verdict_links import ArticleLinks, EndKey


class Checking:
    """The reader's checking keys and what they show. Its parts (the keys, link mode, the
    article's links) are made when first wanted: none of them is needed before a key."""

    def __init__(self, host: ReaderHost, edits: Edits, words: WordMode) -> None:
        self.host = host
        """The reader."""
        self._edits = edits
        self._words = words
        self._keys: VerdictKeys | None = None
        self._linking: LinkMode | None = None
        self._links: ArticleLinks | None = None
        self._indexed = False
        """Whether :attr:`links` indexes the records as they are now."""
        self.panel_opened = False
        """Whether the verdict panel was ever opened (until then a move does not look for it)."""
        self.elsewhere_asked = False
        """Whether the links from other articles were looked for (once, when first wanted)."""
        self.elsewhere_found = False
        """Whether they were found (until then a follow with no link here waits for them)."""
        self.follow_when_found = False
        """Whether a follow waits for them."""

    # -- what is shown ---------------------------------------------------------

    def records_changed(self) -> None:
        """The records changed (or were read again): their links are indexed again when
        next wanted (not on the key that changed them), the panel shows them as they are."""
        self._indexed = False
        self.show_panel()

    @property
    def keys(self) -> VerdictKeys:
        """Status, evidence and grade."""
        if self._keys is None:
            from .verdict_keys import VerdictKeys

            self._keys = VerdictKeys(self.host, self._edits, self._words)
        return self._keys

    @property
    def linking(self) -> LinkMode:
        """Link mode."""
        if self._linking is None:
            from .link_mode import LinkMode

            self._linking = LinkMode(self.host, self._edits, self.keys)
        return self._linking

    @property
    def linking_active(self) -> bool:
        """Whether link mode is on (never, before it was first opened)."""
        return self._linking is not None and self._linking.active

    @property
    def links(self) -> ArticleLinks:
        """The article's links, both ways."""
        if self._links is None:
            from .verdict_links import ArticleLinks, ArticlePlace

            annotations = self.host.annotations
            self._links = ArticleLinks(ArticlePlace(self.host.article, annotations.content, annotations.moves()), self.host.article)
        return self._links

    def _indexed_links(self) -> ArticleLinks:
        """The article's links, indexed from its records as they are now."""
        if not self._indexed:
            self.links.article = self.host.article  # a big article opened in parts is whole now
            self.links.index(self.host.annotations.records())
            self._indexed = True
        return self.links

    def find_elsewhere(self) -> None:
        """Find the links from other articles of the store into this one, once (a worker:
        it reads every store file; until it is back only this article's links are known)."""
        if self.elsewhere_asked:
            return
        self.elsewhere_asked = True
        annotations, app = self.host.annotations, self.host.app
        place, skip = self.links.place, annotations.file.path
        records, cache = annotations.view.all(), self.host.options.cache

        def find() -> None:
            from annotations.store.link_follow import follower_for

            from .verdict_links import links_from_elsewhere

            try:
                found = links_from_elsewhere(annotations.store, place, skip)
                follower = follower_for(annotations.store, records, cache=cache, own=place.content)
            except NewsmarkError as error:
                app.call_from_thread(self.host.notify, f"Links from other articles not read: {error}", severity="warning", markup=False)
                return
            app.call_from_thread(self.found_elsewhere, found, follower)

        self.host.view.run_worker(find, thread=True, group="incoming-links", exclusive=True)

    def found_elsewhere(self, found: dict[EndKey, list[LinkLine]], follower: Follower | None = None) -> None:
        """What :meth:`find_elsewhere` found (and how this article's links into others
        follow those articles' edits): shown from now on."""
        self.elsewhere_found = True
        self.links.found_elsewhere(found, follower)
        self.show_panel()
        if self.follow_when_found:  # T was pressed while they were being looked for
            self.follow_when_found = False
            self.follow()

    def moved(self) -> None:
        """The cursor moved: link mode names the other end, the panel follows."""
        if self._linking is not None:
            self._linking.moved()
        self.show_panel()

    def _panel(self) -> VerdictPanel | None:
        if not self.panel_opened:
            return None
        from ...widgets.verdict_panel import VerdictPanel

        shown = [panel for panel in self.host.view.screen.query(VerdictPanel) if panel.display]
        return shown[0] if shown else None

    def show_panel(self) -> None:
        """Show the cursor sentence's verdict, evidence and links in the panel, if it is open."""
        panel = self._panel()
        if panel is not None:
            panel.show(self.panel_text(self.host.view.cursor))

    def _places(self, sentence: int) -> list[tuple[str, Record | None, list[LinkLine]]]:
        """The sentence, then each run of its words you tagged: your record there and every link of the place."""
        from .verdict_links import end_key, record_key

        annotations = self.host.annotations
        whole = annotations.view.at(sentence)
        mine = next((r for r in whole if r["annotator"] == annotations.annotator), None)
        links = self._indexed_links()
        places = [(f"Sentence {sentence}", mine, links.of(whole, end_key(sentence, None)))]
        spans = annotations.spans(sentence)
        for span in spans:
            if span["annotator"] == annotations.annotator:
                key = record_key(span)
                there = [r for r in spans if record_key(r) == key]
                places.append((f'"{excerpt(span["span"]["quote"], 40)}" in sentence {sentence}', span, links.of(there, key)))
        return places

    def panel_text(self, sentence: int) -> Text:
        """Your record of ``sentence``, then of each of its words you tagged, as the panel shows them."""
        from ...widgets.verdict_panel import others_text, verdict_text

        scale = self.host.schema.verdicts
        text = Text()
        for index, (where, record, links) in enumerate(self._places(sentence)):
            if index:
                text.append("\n\n")
            text.append_text(verdict_text(where, record, scale, links, self.host.schema.checkable, self._cited))
            if index == 0:  # the other annotators' verdicts on the sentence
                others = [r for r in self.host.annotations.view.at(sentence) if r["annotator"] != self.host.annotations.annotator]
                text.append_text(others_text(others, scale, self.host.schema.checkable))
        return text

    def _cited(self, item: Evidence) -> str:
        """Where a cited sentence is now (``PATH#N``, or moved or gone since an edit); any
        other evidence item as kept. An article not read yet is read off the UI thread,
        then the panel shown again."""
        if item["kind"] != "sentence" or not item.get("quote"):
            return item["value"]
        from annotations.library.cited import cited_now, known

        value, quote = item["value"], item.get("quote", "")
        found = known(value, quote)
        if found is not None:
            return found.describe()
        app, cache = self.host.app, self.host.options.cache

        def find() -> None:
            cited_now(value, quote, cache)
            app.call_from_thread(self.show_panel)

        self.host.view.run_worker(find, thread=True, group="cited-evidence", description="find a cited sentence")
        return f"{value} (finding where it is now…)"

    # -- following a link ------------------------------------------------------------

    def cursor_links(self) -> list[LinkLine]:
        """The links of the cursor sentence and of your words in it, both ways."""
        return [line for _, _, links in self._places(self.host.view.cursor) for line in links]

    def follow(self) -> None:
        """Go to the other end of the cursor's link (a picker when it has several)."""
        self.find_elsewhere()
        lines = self.cursor_links()
        if not lines and not self.elsewhere_found:
            self.follow_when_found = True  # followed once the links from other articles are known
            self.host.notify("Looking for links from other articles…", timeout=3)
            return
        if not lines:
            self.host.notify("No link here: X links the sentence (or words) to another.", severity="warning")
            return
        if len(lines) == 1:
            self.go(lines[0])
            return
        from ..choice_picker import Choice, ChoicePicker

        choices = [Choice(str(number), str(number), inert(line.describe())) for number, line in enumerate(lines[:9], start=1)]

        def chosen(value: str | None) -> None:
            if value:
                self.go(lines[int(value) - 1])

        self.host.app.push_screen(ChoicePicker(f"Follow a link of sentence {self.host.view.cursor}", choices), chosen)

    def go(self, line: LinkLine) -> None:
        """To the other end of ``line``: in this article, or in the other article opened in a reader."""
        if line.lost:
            article = inert(line.path) if line.path else "this article"
            self.host.notify(
                f"Not followed: the linked sentence (was {line.sentence}) is gone from {article} since it was edited.",
                severity="warning",
                markup=False,
            )
            return
        if not line.path:
            self.host.go_to_sentence(line.sentence)
            return
        if self._back_to_reader_below(line):
            return
        self.host.notify(f"Opening {inert(line.path)} at the linked sentence…", timeout=3, markup=False)
        self.host.view.run_worker(partial(self._open, line), thread=True, group="follow-link")

    def _back_to_reader_below(self, line: LinkLine) -> bool:
        """Whether the other article is the one of the reader below (a link followed back):
        this reader is left for it, at the link's end."""
        stack = self.host.app.screen_stack
        below: object = stack[-2] if len(stack) > 1 else None
        article = getattr(below, "article", None)
        if not isinstance(below, GoesToSentences) or not isinstance(article, Article) or storable_path(article.path) != line.path:
            return False
        self.host.action_back()
        below.go_to_sentence(line.sentence)
        return True

    def _open(self, line: LinkLine) -> None:
        """Read the other article (off the UI thread) and ask the app to open it at the
        link's end (followed through the article's edits)."""
        from annotations.formats.loader import load_article

        from ...messages import OpenArticle

        app = self.host.app
        try:
            article: Article = load_article(line.path, cache=self.host.options.cache)
        except NewsmarkError as error:
            app.call_from_thread(self.host.notify, f"Cannot follow the link: {error}", severity="error", timeout=8, markup=False)
            return
        app.call_from_thread(app.post_message, OpenArticle(article, sentence=line.sentence, end=line.end))


def stored_articles(store: Store) -> list[tuple[str, str]]:
    """``(path, title)`` of each article the store holds annotations of (a link's other end has to be one)."""
    found = []
    for file in store.stored_files():
        try:
            meta = file.meta
        finally:
            file.close()
        path = str(meta.get("path") or "")
        if path:
            found.append((path, str(meta.get("title") or PurePath(path).name)))
    return found


class CheckingActions:
    """The checking keys, mixed into the reader screen."""

    checking: Checking
    panels: SidePanels

    def action_set_status(self) -> None:
        """Set the claim's status (a picker: a key per status of the scale)."""
        self.checking.keys.set_status()

    def action_add_evidence(self) -> None:
        """Add evidence to the claim: a web address, PATH#N or text."""
        self.checking.keys.add_evidence()

    def action_grade_source(self) -> None:
        """Grade the source (Admiralty code, such as B2)."""
        self.checking.keys.grade()

    def action_link(self) -> None:
        """Link the claim to its source or another claim: move to the other end, Enter."""
        self.checking.linking.open()

    def action_follow_link(self) -> None:
        """Go to the other end of the cursor's link."""
        self.checking.follow()

    @property
    def linking(self) -> bool:
        """Whether link mode is on (the palette then offers other articles)."""
        return self.checking.linking_active

    def link_articles(self) -> list[tuple[str, str]]:
        """``(title, path)`` of each article the library lists that can be read, then each
        other article of the store, but this one (reads the store: call it off the UI thread)."""
        from ..library import LibraryScreen

        host = self.checking.host
        library = next((s for s in host.app.screen_stack if isinstance(s, LibraryScreen)), None)
        here = storable_path(host.article.path)
        items = library.library.items if library is not None else []
        found = {item.path: item.title for item in items if item.readable}
        for path, title in stored_articles(host.annotations.store):
            found.setdefault(path, title)
        found.pop(here, None)
        return [(title, path) for path, title in found.items()]

    def link_to_article(self, path: str, number: int | None) -> None:
        """Link to sentence ``number`` of the article at ``path`` (None: its number is asked)."""
        bar = self.checking.linking.bar
        if bar is not None and bar.start is not None:
            bar.link_to(path, number)

    def action_toggle_verdict(self) -> None:
        """Show or hide the verdict panel (status, history, evidence, rationale, links)."""
        from ...widgets.verdict_panel import VerdictPanel

        self.checking.panel_opened = True
        self.checking.find_elsewhere()
        self.panels.toggle(VerdictPanel)
        self.checking.show_panel()
