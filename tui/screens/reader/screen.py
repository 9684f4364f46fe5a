"""The reader: one section at a time, keyboard tagging, notes, ranges, search, export."""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from annotations.errors import NewsmarkError
from annotations.formats.progressive import RestOfArticle
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, Change

from ...shown import inert
from ...widgets.article_view import ArticleView
from ...widgets.key_bar import KeyBar
from .bars import GoToBar, GoToRequested, SearchBar, SearchChanged, SearchSubmitted
from .bindings import READER_BINDINGS, tag_bindings
from .options import ReaderOptions
from .palette import go_to_sentence_provider
from .search import Search
from .side_panels import SidePanels
from .status import NoteLine, StatusLine
from .suggestion_keys import SuggestionKeys
from .suggestions import SuggestionController, SuggestionsFailed, SuggestionsFound
from .tasks import ArticleTasks

if TYPE_CHECKING:
    # The side panels and the help screen load when first opened, not on the start path;
    # the suggestion code, in the suggestion worker.
    from annotations.suggest.model import Suggestion

    from ...widgets.panels import AnnotationsPanel, ContentsPanel

#: Terminals narrower than this get compact status and full-width panels.
NARROW_BELOW = 70
#: How often the reading position is saved while it changes (and always on leaving).
POSITION_SAVE_DELAY = 2.0

T = TypeVar("T")
BarT = TypeVar("BarT", SearchBar, GoToBar)


class ReaderScreen(Screen[None]):
    """Read and tag one article. Use :meth:`for_schema` to get the class with tag keys."""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS

    COMMANDS = {go_to_sentence_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-normal")]
    """Below :data:`NARROW_BELOW` columns a side panel takes the whole width while open."""
    KEY_BAR_KEEP: ClassVar[frozenset[str]] = frozenset({"help", "back"})
    """Actions the key bar shows however narrow the terminal."""

    @classmethod
    def for_schema(cls, schema: TagSchema) -> type[ReaderScreen]:
        """The reader with a number key and a letter key for each tag of ``schema``."""
        return _reader_class(schema)

    def __init__(
        self,
        annotations: ArticleAnnotations,
        options: ReaderOptions,
        *,
        has_library: bool = False,
    ) -> None:
        super().__init__()
        self.options = options
        """The settings the reader reads (made once by the app)."""
        self.annotations = annotations
        self.article = annotations.article
        self.schema = annotations.schema
        self.has_library = has_library
        self.range_anchor: int | None = None
        self.search = Search(self)
        """The search term and its matches."""
        self.tasks = ArticleTasks(self)
        """Export, brief, triage, adjudication, taking the store."""
        self._saved_position = annotations.position
        self._opened_at = annotations.position
        """Where the cursor started; a big article opened in parts goes on to the saved
        position once it is whole, unless the reader moved meanwhile."""
        self._rest: RestOfArticle | None = None
        """The rest of a big article opened in parts, while it is being completed."""
        self.suggested = SuggestionController(
            self,
            self.schema,
            annotations.store.root,
            enabled=options.suggestions,
            pattern_file=options.suggest_patterns,
            on_screen=lambda: (self.article, self.view.section),
        )
        """The suggestion worker and what it found."""
        self.suggestion_keys = SuggestionKeys(self, self.suggested)
        """What the suggestion keys do."""

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="section-header")
        # Panels and the search bar are mounted when first wanted: fewer widgets, faster start.
        with Horizontal(id="reader-body") as body:
            self.panels = SidePanels(self, body)
            """The side panels beside the text."""
            view = ArticleView(
                self.article,
                self.annotations,
                self.schema,
                cursor=self.annotations.position,
                reading_width=self.options.reading_width,
                id="article-view",
            )
            view.final_annotator = self.options.final_annotator
            yield view
        yield NoteLine(id="note-line")
        yield StatusLine(id="status-line")
        yield KeyBar()

    @property
    def sentence_count(self) -> int:
        """How many sentences the article has (so far, while a big one is completed)."""
        return len(self.article.sentences)

    @property
    def view(self) -> ArticleView:
        """The article text widget."""
        return self.query_one(ArticleView)

    class ArticleCompleted(Message):
        """The rest of a big article is ready (split into sentences, or read from the cache)."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def on_mount(self) -> None:
        self.view.focus()
        self.view.sentence_lines = self.options.preferences.get("sentence_lines", False)
        if not self.article.complete:
            self._rest = RestOfArticle(self.article, self.options.cache)
            self.complete_article(self._rest)
            self.status.loading = self._rest.cached
        # One timer for the whole visit (not one per key): save the position if it moved.
        self.set_interval(POSITION_SAVE_DELAY, self._tick)
        self.call_after_refresh(self.suggested.restart)  # after the first frame
        self._update_header()
        self.status.narrow = self.size.width < NARROW_BELOW
        self._show_cursor(self.view.cursor)
        self._show_records()
        if self.annotations.read_only:
            self.notify(f"Read-only: {self.annotations.read_only_reason}.", severity="warning", timeout=6)

    # -- a big article's remaining sections -----------------------------------

    @work(thread=True, exclusive=True, group="complete-article")
    def complete_article(self, rest: RestOfArticle) -> None:
        """Complete a big article off the UI thread (see :class:`RestOfArticle`); the
        result comes back as a message."""
        try:
            article = rest.load()
        except NewsmarkError as error:
            self.app.call_from_thread(self.notify, f"Could not read the rest of the article: {error}", severity="error", timeout=10)
            return
        if article is not None and not get_current_worker().is_cancelled:
            self.post_message(self.ArticleCompleted(article))

    def on_reader_screen_article_completed(self, message: ArticleCompleted) -> None:
        self.annotations = self.annotations.reopened(message.article)
        self.article = message.article
        self.panels.remove()  # rebuilt for the whole article when next opened
        self.view.replace_article(self.article, self.annotations)
        self.suggested.restart()
        if self.view.cursor == self._opened_at and self.annotations.position != self._opened_at:
            self.move_to(self.annotations.position)
            self._saved_position = self.annotations.position
        self.view.focus()
        self._update_header()
        self._show_records()
        rest, self._rest = self._rest, None
        if rest is not None and not rest.cached:  # a wait worth announcing, not a blink
            self.notify(
                f"The whole article is ready: {len(self.article.sections)} sections, {len(self.article.sentences):,} sentences.", timeout=4
            )

    def on_unmount(self) -> None:
        if self._rest is not None:
            self._rest.cancel()

    # -- suggestions -------------------------------------------------------------

    @property
    def suggestions(self) -> dict[int, list[Suggestion]]:
        """Suggested tags by sentence (see :class:`SuggestionController`)."""
        return self.suggested.found

    def on_suggestions_failed(self, message: SuggestionsFailed) -> None:
        self.suggested.failed = message.reason
        self.notify(f"No suggestions: {message.reason}", severity="warning", timeout=8)

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        if self.suggested.take(message, self.article):
            self.suggestion_keys.show()

    def action_accept_suggestions(self) -> None:
        """Tag the sentence (or range) with its suggested tags, as one undoable change."""
        self.suggestion_keys.accept(self.targets())

    def action_accept_section_suggestions(self) -> None:
        """Accept every suggestion left in the section on screen."""
        self.suggestion_keys.accept(self.suggestion_keys.section_sentences())

    def action_reject_suggestions(self) -> None:
        """Reject the sentence's (or range's) suggestions: never proposed there again."""
        self.suggestion_keys.reject(self.targets())

    def action_reject_section_suggestions(self) -> None:
        """Reject every suggestion left in the section on screen."""
        self.suggestion_keys.reject(self.suggestion_keys.section_sentences())

    def action_toggle_suggestions(self) -> None:
        """Hide or show the suggested tags."""
        self.suggestion_keys.toggle()

    # -- header and status ---------------------------------------------------

    def _update_header(self) -> None:
        section = self.view.section
        header = Text(f"{section.number}/{self.article.section_count} · ", style="bold")
        header.append(inert(section.label), style="bold")
        for subtitle in section.subtitles:
            header.append(" — ")
            header.append(inert(subtitle), style="italic")
        self.query_one("#section-header", Static).update(header, layout=False)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    def _show_cursor(self, cursor: int) -> None:
        """The status line and the note line follow the cursor."""
        self.status.cursor = cursor
        self.query_one(NoteLine).cursor = cursor

    def _show_records(self) -> None:
        """The status line and the note line show the records as they are now."""
        self.status.annotations = self.annotations
        self.query_one(NoteLine).annotations = self.annotations

    def on_resize(self, event: Resize) -> None:
        self.status.narrow = event.size.width < NARROW_BELOW  # compact on a narrow terminal

    def on_article_view_section_changed(self, event: ArticleView.SectionChanged) -> None:
        self._update_header()
        self.save_position()
        self.suggested.request_soon()

    # -- moving --------------------------------------------------------------

    def move_to(self, sentence: int) -> None:
        """Put the cursor on ``sentence`` (clamped), extending a range if one is open."""
        sentence = max(1, min(len(self.article.sentences), sentence))
        self.view.cursor = sentence
        if self.range_anchor is not None:
            self.view.selection = tuple(sorted((self.range_anchor, sentence)))  # type: ignore[assignment]
        self._show_cursor(sentence)

    def action_next_sentence(self) -> None:
        """Next sentence, on into the next section."""
        self.move_to(self.view.cursor + 1)

    def action_previous_sentence(self) -> None:
        """Previous sentence, back into the previous section."""
        self.move_to(self.view.cursor - 1)

    def action_next_section(self) -> None:
        """First sentence of the next section."""
        number = self.view.section.number
        if number < len(self.article.sections):
            self.move_to(self.article.sections[number].first_sentence)

    def action_previous_section(self) -> None:
        """First sentence of this section, or of the previous one if already there."""
        section = self.view.section
        if self.view.cursor != section.first_sentence or section.number == 1:
            self.move_to(section.first_sentence)
        else:
            self.move_to(self.article.sections[section.number - 2].first_sentence)

    def action_first_sentence(self) -> None:
        """The article's first sentence."""
        self.move_to(1)

    def action_last_sentence(self) -> None:
        """The article's last sentence."""
        self.move_to(len(self.article.sentences))

    def action_page_down(self) -> None:
        """A screenful of lines down (on into the next section at its end)."""
        self._move_lines(self._page_lines())

    def action_page_up(self) -> None:
        """A screenful of lines up (back into the previous section at its start)."""
        self._move_lines(-self._page_lines())

    def action_half_page_down(self) -> None:
        """Half a screenful down."""
        self._move_lines(max(1, self._page_lines() // 2))

    def action_half_page_up(self) -> None:
        """Half a screenful up."""
        self._move_lines(-max(1, self._page_lines() // 2))

    def _page_lines(self) -> int:
        return max(1, self.view.scrollable_content_region.height - 2)

    def _move_lines(self, lines: int) -> None:
        """Move the cursor to the first sentence starting ``lines`` screen lines away; past
        the section's end (or start) to its last (first) sentence, and from there on."""
        view, section = self.view, self.view.section
        here = view.line_of(view.cursor)
        if here is None:
            return
        if lines > 0:
            target = view.sentence_at_line(here + lines)
            if target is None or target <= view.cursor:
                target = section.last_sentence if view.cursor != section.last_sentence else view.cursor + 1
        else:
            target = view.sentence_at_line(here + lines) if here + lines > 0 else None
            if target is None or target >= view.cursor:
                target = section.first_sentence if view.cursor != section.first_sentence else view.cursor - 1
        self.move_to(target)

    def action_go_to(self) -> None:
        """Ask for a sentence number and go there."""
        bar = self._bar(GoToBar)
        if bar is None:
            bar = GoToBar(len(self.article.sentences))
            self.mount(bar, before="#note-line")
        bar.open()

    def go_to_sentence(self, number: int) -> None:
        """Go to sentence ``number``, or say which numbers there are."""
        total = len(self.article.sentences)
        if not 1 <= number <= total:
            self.notify(f"No sentence {number}: this article has sentences 1-{total}.", severity="warning")
            return
        self.move_to(number)
        self.view.focus()

    def jump_to_section(self, number: int) -> None:
        """Go to a section's first sentence."""
        self.move_to(self.article.sections[number - 1].first_sentence)
        self.view.focus()

    def on_article_view_sentence_clicked(self, event: ArticleView.SentenceClicked) -> None:
        self.move_to(event.sentence)

    def on_contents_panel_section_chosen(self, event: ContentsPanel.SectionChosen) -> None:
        self.jump_to_section(event.section)

    def on_annotations_panel_sentence_chosen(self, event: AnnotationsPanel.SentenceChosen) -> None:
        self.move_to(event.sentence)
        self.view.focus()

    # -- tagging ---------------------------------------------------------------

    def targets(self) -> list[int]:
        """The cursor sentence, or every sentence of the range."""
        if self.range_anchor is None:
            return [self.view.cursor]
        first, last = sorted((self.range_anchor, self.view.cursor))
        return list(range(first, last + 1))

    def writable(self) -> bool:
        """Whether changes can be saved; if not, say why."""
        if self.annotations.read_only:
            self.notify(f"Read-only, nothing saved: {self.annotations.read_only_reason}.", severity="warning")
            return False
        return True

    def _try(self, call: Callable[[], T], *, failure: str = "Not saved") -> T | None:
        """Run a call that writes to the store: ``None`` (and a notification saying why)
        if the store is read-only or the call fails, else its result."""
        if not self.writable():
            return None
        try:
            return call()
        except NewsmarkError as error:
            self.notify(f"{failure}: {error}", severity="error", timeout=8)
            return None

    def apply(self, change_call: Callable[[], Change]) -> bool:
        """Run a store call; show its result only once the store has saved it. Whether it was saved."""
        change = self._try(change_call)
        if change is None:
            return False
        self.end_range()
        self.show_change(change)
        return True

    def show_change(self, change: Change) -> None:
        """Show a saved change: the sentences, the panels, the counts."""
        self.view.refresh_records(change.sentences)
        self.panels.refresh()
        self._show_records()

    def action_toggle_tag(self, name: str) -> None:
        """Toggle a tag on the sentence (or on every sentence of the range)."""
        targets = self.targets()
        self.apply(lambda: self.annotations.toggle(targets, name))

    def action_clear_tags(self) -> None:
        """Remove every tag from the sentence (or the range)."""
        targets = self.targets()
        self.apply(lambda: self.annotations.clear(targets))

    def action_undo(self) -> None:
        """Undo your last change to this article."""
        self._history_step(redo=False)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._history_step(redo=True)

    def _history_step(self, redo: bool) -> None:
        change = self._try(self.annotations.redo if redo else self.annotations.undo)
        if change is None:
            return
        if not change:
            self.notify("Nothing to redo." if redo else "Nothing to undo.")
            return
        self.show_change(change)
        if change.sentences and self.view.cursor not in change.sentences:
            self.move_to(change.sentences[0])
        self.notify(change.label[:1].upper() + change.label[1:], timeout=3)

    def action_edit_note(self) -> None:
        """Write or change the note on the sentence (or the range)."""
        from ..note import NoteDialog  # TextArea is heavy: load it when a note is written

        if not self.writable():
            return
        targets = self.targets()
        title = f"Note on sentence {targets[0]}" if len(targets) == 1 else f"Note on sentences {targets[0]}-{targets[-1]}"
        notes = {n: note for n in targets if (note := self.annotations.note(n))}
        shared = set(notes.values()) if len(notes) == len(targets) else set(notes.values()) | {""}
        # One note everywhere (or none anywhere) is edited as it is; otherwise the notes
        # already there are listed and replacing them is the user's explicit choice.
        note, existing = (shared.pop(), []) if len(shared) == 1 else ("", sorted(notes.items()))

        def save(text: str, replace: bool) -> bool:
            where = targets if replace or not existing else [n for n in targets if n not in notes]
            if not where:
                self.notify("Every sentence of the range has a note: tick Replace (ctrl+r) to replace them.", severity="warning")
                return False
            return self.apply(lambda: self.annotations.set_note(where, text))

        quote = " ".join(self.article.sentence(n).text for n in targets[:5]) + (" …" if len(targets) > 5 else "")
        line = self.view.line_of(targets[0])
        if line is not None:  # the sentence at the top, above the dialog
            self.view.scroll_to(y=line, animate=False, immediate=True)
        self.app.push_screen(NoteDialog(title, note, save, quote=quote, existing=existing))

    # -- ranges, search ---------------------------------------------------------

    def action_toggle_range(self) -> None:
        """Start a range at the cursor (move to extend it), or drop it."""
        if self.range_anchor is None:
            self.range_anchor = self.view.cursor
            self.view.selection = (self.view.cursor, self.view.cursor)
        else:
            self.end_range()
        self.status.range_anchor = self.range_anchor

    def end_range(self) -> None:
        """Drop the range."""
        self.range_anchor = self.status.range_anchor = None
        self.view.selection = None

    def action_cancel(self) -> None:
        """Close the search bar (back to where it started) or a panel, drop the range or the highlight."""
        search = self._bar(SearchBar)
        if search is not None and search.display:
            self._close_search(keep=False)
            return
        goto = self._bar(GoToBar)
        if goto is not None and goto.display:
            goto.display = False
            self.view.focus()
            return
        if self.panels.hide():
            return
        if self.range_anchor is not None:
            self.end_range()
        elif self.search.term:
            self.search.set_term("")

    def action_search(self) -> None:
        """Open the search bar; matches are found as you type."""
        search = self._bar(SearchBar)
        if search is None:
            search = SearchBar()
            self.mount(search, before="#note-line")
        self.search.start()
        search.open()

    def _bar(self, kind: type[BarT]) -> BarT | None:
        """The bar of this kind, once mounted."""
        found = self.query(kind)
        return found.first() if found else None

    def on_search_changed(self, event: SearchChanged) -> None:
        self.search.changed(event.term)

    def on_search_submitted(self, event: SearchSubmitted) -> None:
        self._close_search(keep=True)

    def on_go_to_requested(self, event: GoToRequested) -> None:
        self.view.focus()
        if event.number is not None:
            self.go_to_sentence(event.number)

    def _close_search(self, keep: bool) -> None:
        search = self._bar(SearchBar)
        if search is not None:
            search.display = False
        self.search.close(keep=keep)
        self.view.focus()

    def action_next_match(self) -> None:
        """The next sentence matching the search."""
        self.search.step(forward=True)

    def action_previous_match(self) -> None:
        """The previous sentence matching the search."""
        self.search.step(forward=False)

    # -- panels ----------------------------------------------------------------

    def action_toggle_contents(self) -> None:
        """Show or hide the table of contents."""
        from ...widgets.panels import ContentsPanel

        self.panels.toggle(ContentsPanel)

    def action_toggle_annotations(self) -> None:
        """Show or hide the list of this article's annotations."""
        from ...widgets.panels import AnnotationsPanel

        self.panels.toggle(AnnotationsPanel)

    def action_toggle_sentence_lines(self) -> None:
        """Switch between paragraphs and one numbered sentence per line (remembered)."""
        self.view.sentence_lines = not self.view.sentence_lines
        self.options.preferences.set("sentence_lines", self.view.sentence_lines)

    def action_toggle_info(self) -> None:
        """Show or hide the article's metadata."""
        from ...widgets.panels import InfoPanel

        self.panels.toggle(InfoPanel)

    # -- export, help, leaving ---------------------------------------------------

    def action_export(self) -> None:
        """Export this article's annotations to YAML beside it (never over another file)."""
        self.tasks.export()

    def action_brief(self) -> None:
        """Preview this article's brief; from there, write it beside the article."""
        self.tasks.brief()

    def action_review(self) -> None:
        """Open the triage view of orphaned and fuzzily re-anchored annotations."""
        self.tasks.review()

    def action_toggle_who(self) -> None:
        """Markers show who tagged what (and whether the annotators agree), or only the tags again."""
        self.view.show_who(not self.view.who_tagged)
        self.status.who = self.view.who_tagged

    def action_adjudicate(self) -> None:
        """Open the adjudication view of this article's disagreements."""
        self.tasks.adjudicate()

    def reload_store(self) -> bool:
        """Show the article's records as the store holds them now (another writer or the
        final layer changed them); False (and a notification) if it cannot be read."""
        try:
            self.annotations = self.annotations.reopened(self.article)
        except NewsmarkError as error:
            self.notify(f"Could not read the store again: {error}", severity="error", timeout=8)
            return False
        self.panels.remove()  # rebuilt from the store as it is now when next opened
        self.view.replace_article(self.article, self.annotations)
        self._show_records()
        return True

    def action_help(self) -> None:
        """Show every key of the reader."""
        from ..help import HelpScreen

        self.set_focus(self.view)  # the reader's own keys, not those of a focused panel
        self.app.push_screen(HelpScreen(f"newsmark · {self.article.title}", self.active_bindings))

    def _tick(self) -> None:
        """Every few seconds: take the store once another writer has let go, save the position."""
        self.tasks.take_store_when_free()
        self.save_position()

    def save_position(self) -> None:
        """Save where the cursor is, if it moved since the last save (never in a read-only store)."""
        cursor = self.view.cursor
        if self.annotations.read_only or cursor == self._saved_position:
            return
        try:
            self.annotations.save_position(cursor)
            self._saved_position = cursor
        except NewsmarkError as error:
            self.notify(f"Reading position not saved: {error}", severity="warning")

    def action_back(self) -> None:
        """Back to the library, or quit."""
        self.save_position()
        if self.has_library:
            self.dismiss(None)
        else:
            self.app.exit()


@lru_cache(maxsize=8)
def _reader_class(schema: TagSchema) -> type[ReaderScreen]:
    tag_keys = tag_bindings(schema)
    # Tag keys first, so the footer shows them before everything else.
    return types.new_class(
        "ReaderScreen",
        (ReaderScreen,),
        {"inherit_bindings": False},
        lambda namespace: namespace.update(BINDINGS=[*tag_keys, *ReaderScreen.BINDINGS]),
    )
