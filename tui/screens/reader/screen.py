"""The reader screen: composes the reader's parts, binds its keys, moves the cursor; its
helpers (search, suggestions, edits, side panels, whole-article tasks) do the rest."""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from annotations.errors import NewsmarkError
from annotations.formats.progressive import RestOfArticle
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, Change

from ...widgets.article_view import ArticleView
from ...widgets.fitted_line import FittedLine
from ...widgets.key_bar import KeyBar
from .actions import ReaderActions
from .bindings import READER_BINDINGS, tag_bindings
from .checking import Checking
from .completion import ArticleCompleted, complete_article
from .editing import Edits
from .options import ReaderOptions
from .palette import elsewhere_link_provider, go_to_sentence_provider, link_to_article_provider
from .search import Search
from .side_panels import SidePanels
from .status import NoteLine, StatusLine, section_header
from .suggestion_keys import SuggestionKeys
from .suggestions import SuggestionController
from .tasks import ArticleTasks
from .word_mode import WordMode

if TYPE_CHECKING:
    # The side panels and the help screen load when first opened (the suggestions, in their worker).
    from ...widgets.panels import AnnotationsPanel, ContentsPanel

#: Terminals narrower than this get compact status and full-width panels.
NARROW_BELOW = 70
#: How often the reading position is saved while it changes (and always on leaving).
POSITION_SAVE_DELAY = 2.0


class ReaderScreen(ReaderActions, Screen[None]):
    """Read and tag one article. Use :meth:`for_schema` to get the class with tag keys."""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS
    COMMANDS = {go_to_sentence_provider, link_to_article_provider, elsewhere_link_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-normal")]
    """Below :data:`NARROW_BELOW` columns a side panel takes the whole width while open."""
    KEY_BAR_KEEP: ClassVar[frozenset[str]] = frozenset({"help", "back"})
    """Actions the key bar shows however narrow the terminal."""

    @classmethod
    def for_schema(cls, schema: TagSchema) -> type[ReaderScreen]:
        """The reader with a number key and a letter key for each tag of ``schema``."""
        return _reader_class(schema)

    def __init__(self, annotations: ArticleAnnotations, options: ReaderOptions, *, has_library: bool = False) -> None:
        super().__init__()
        # The width class Textual gives the screen on its first resize, given now: that
        # resize then restyles nothing (every widget of the screen, before the first frame).
        self.add_class(*width_classes(self.HORIZONTAL_BREAKPOINTS, self.app.size.width), update=False)
        self.options = options
        """The settings the reader reads (made once by the app)."""
        self.annotations = annotations
        self.article = annotations.article
        self.schema = annotations.schema
        self.has_library = has_library
        self.range_anchor: int | None = None
        self.range_changed = False  # a change was made on the open range: the next move drops it
        self._opened_at = annotations.position
        """Where the cursor started; a big article opened in parts goes on to the saved
        position once it is whole, unless the reader moved meanwhile."""
        self._rest: RestOfArticle | None = None
        """The rest of a big article opened in parts, while it is being completed."""
        self.search = Search(self, lambda bar: self.mount(bar, before="#note-line"))
        """The search and go-to bars (under the text), the search term and its matches."""
        self.edits = Edits(self)
        """Tags, notes, undo and redo."""
        self.tasks = ArticleTasks(self)
        """Export, brief, triage, adjudication, taking the store."""
        self.words = WordMode(self, self.edits)  # tagging and noting words inside the cursor sentence
        self.checking = Checking(self, self.edits, self.words)  # statuses, evidence, grades, links
        self.suggested = SuggestionController(self, annotations, options, lambda: (self.article, self.view.section))
        """The suggestion worker and what it found."""
        self.suggestion_keys = SuggestionKeys(self, self.suggested)
        """What the suggestion keys do."""

    def compose(self) -> ComposeResult:
        yield Static(id="section-header")
        # Panels and the search bar are mounted when first wanted: fewer widgets, faster start.
        with Horizontal(id="reader-body") as body:
            self.panels = SidePanels(self, body)
            """The side panels beside the text."""
            position, width = self.annotations.position, self.options.reading_width
            view = ArticleView(self.article, self.annotations, self.schema, cursor=position, reading_width=width, id="article-view")
            view.final_annotator = self.options.final_annotator
            # Remembered before the first layout (set once mounted, it laid out twice).
            view.set_reactive(ArticleView.sentence_lines, self.options.preferences.get("sentence_lines", False))
            yield view
        yield NoteLine(id="note-line")
        status = StatusLine(id="status-line")
        status.final = self.options.final_annotator
        yield status
        yield KeyBar()

    @property
    def sentence_count(self) -> int:
        """How many sentences the article has (so far, while a big one is completed)."""
        return len(self.article.sentences)

    @property
    def view(self) -> ArticleView:
        """The article text widget."""
        return self.query_one(ArticleView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.set_focus(self.focused if isinstance(self.focused, Input) else self.view)  # a bar opened by typing ahead keeps it
        if not self.article.complete:
            self._rest = RestOfArticle(self.article, self.options.cache)
            work = partial(complete_article, self._rest, self)  # described: its repr would be the rest of the article
            self.run_worker(work, thread=True, exclusive=True, group="complete-article", description="complete the article")
            self.status.rest_cached = self._rest.cached
        # One timer for the whole visit (not one per key): save the position if it moved.
        self.set_interval(POSITION_SAVE_DELAY, self._tick)
        self.suggested.request_soon()  # once the first frame is out: its thread would hold up the paint
        self._update_header()
        self.status.narrow = self.size.width < NARROW_BELOW
        self._show_cursor(self.view.cursor)
        self._show_records()
        if self.annotations.read_only:
            self.notify(f"Read-only: {self.annotations.read_only_reason}.", severity="warning", timeout=6)

    def on_article_completed(self, message: ArticleCompleted) -> None:
        self.annotations = self.annotations.reopened(message.article)
        self.article = message.article
        self.panels.remove()  # rebuilt for the whole article when next opened
        self.view.replace_article(self.article, self.annotations)
        self.suggested.restart()
        if self.view.cursor == self._opened_at and self.annotations.position != self._opened_at:
            self.move_to(self.annotations.position)
            self.edits.position_saved(self.annotations.position)
        self.set_focus(self.focused if isinstance(self.focused, Input) else self.view)
        self._update_header()
        self._show_records()
        rest, self._rest = self._rest, None
        if rest is not None and not rest.cached:  # a wait worth announcing, not a blink
            sections, sentences = len(self.article.sections), len(self.article.sentences)
            self.notify(f"The whole article is ready: {sections} sections, {sentences:,} sentences.", timeout=4)

    def on_unmount(self) -> None:
        if self._rest is not None:
            self._rest.cancel()

    # -- what is shown -------------------------------------------------------

    def _update_header(self) -> None:
        header = FittedLine(section_header(self.article, self.view.section))
        self.query_one("#section-header", Static).update(header, layout=False)

    def _show_cursor(self, cursor: int) -> None:
        """The status line and the note line follow the cursor."""
        self.status.cursor = cursor
        self.query_one(NoteLine).cursor = cursor
        self.checking.moved()

    def _show_records(self) -> None:
        """The status line and the note line show the records as they are now."""
        self.status.annotations = self.annotations
        self.query_one(NoteLine).annotations = self.annotations
        self.checking.records_changed()

    def show_change(self, change: Change) -> None:
        """Show a saved change: the sentences, the panels, the counts."""
        self.view.refresh_records(change.sentences)
        self.panels.refresh()
        self._show_records()

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

    def on_resize(self, event: Resize) -> None:
        self.status.narrow = event.size.width < NARROW_BELOW  # compact on a narrow terminal

    def on_article_view_section_changed(self, event: ArticleView.SectionChanged) -> None:
        self._update_header()
        self.edits.save_position(self.view.cursor)
        self.suggested.request_soon()

    # -- moving --------------------------------------------------------------

    def move_to(self, sentence: int | None) -> None:
        """Put the cursor on ``sentence`` (clamped), extending a range if one is open, or
        dropping it once a change was made on it (None: stay)."""
        if sentence is None:
            return
        if self.range_changed:
            self.end_range()
        sentence = max(1, min(len(self.article.sentences), sentence))
        self.view.cursor = sentence
        if self.range_anchor is not None:
            self.view.selection = tuple(sorted((self.range_anchor, sentence)))  # type: ignore[assignment]
        self._show_cursor(sentence)

    def go_to_sentence(self, number: int) -> None:
        """Go to sentence ``number``, or say which numbers there are."""
        total = len(self.article.sentences)
        if not 1 <= number <= total:
            self.notify(f"No sentence {number}: this article has sentences 1-{total}.", severity="warning")
            return
        self.move_to(number)
        self.set_focus(self.view)  # at once: a bar opened by keys typed next keeps the focus

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

    # -- bars, cancelling -------------------------------------------------------

    def action_cancel(self) -> None:
        """Close the search bar (back to where it started) or a panel, drop the range or the highlight."""
        if self.search.bar_shown:
            self.search.close(keep=False)
        elif self.search.close_go_to() or self.panels.hide():
            pass  # the go-to bar or a panel closed: the range and the search stay
        elif self.range_anchor is not None:
            self.end_range()
        elif self.search.term:
            self.search.set_term("")

    # -- tagging, ranges ---------------------------------------------------------

    def targets(self) -> list[int]:
        """The cursor sentence, or every sentence of the range."""
        if self.range_anchor is None:
            return [self.view.cursor]
        first, last = sorted((self.range_anchor, self.view.cursor))
        return list(range(first, last + 1))

    def writable(self) -> bool:
        """Whether changes can be saved; if not, say why."""
        return self.edits.writable()

    def apply(self, change_call: Callable[[], Change]) -> bool:
        """Run a store call; show its result only once the store has saved it. Whether it was saved."""
        return self.edits.apply(change_call)

    def action_toggle_tag(self, name: str) -> None:
        """Toggle a tag on the sentence (or range); on a sentence where it is suggested, accept it (or answer y or d)."""
        if not self.suggestion_keys.tag_key(name):
            self.edits.toggle_tag(name)

    def action_clear_tags(self) -> None:
        """Remove every tag from the sentence (or the range)."""
        self.suggestion_keys.clear()

    def action_undo(self) -> None:
        """Undo your last change to this article."""
        self.edits.history_step(redo=False)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self.edits.history_step(redo=True)

    def action_edit_note(self) -> None:
        """Write or change the note on the sentence (or the range)."""
        self.edits.edit_note()

    def action_toggle_range(self) -> None:
        """Start a range at the cursor (move to extend it; kept after a change until Esc or a move), or drop it."""
        if self.range_anchor is None:
            self.range_anchor = self.view.cursor
            self.view.selection = (self.view.cursor, self.view.cursor)
        else:
            self.end_range()
        self.status.range_anchor = self.range_anchor

    def keep_range(self) -> None:
        """A change was made: the range (if any) stays selected until Esc or a move."""
        self.range_changed = self.range_anchor is not None

    def end_range(self) -> None:
        """Drop the range."""
        self.range_anchor = self.status.range_anchor = None
        self.range_changed = False
        self.view.selection = None

    # -- views, panels, tasks, leaving -------------------------------------------

    def action_toggle_sentence_lines(self) -> None:
        """Switch between paragraphs and one numbered sentence per line (remembered)."""
        self.view.sentence_lines = not self.view.sentence_lines
        self.options.preferences.set("sentence_lines", self.view.sentence_lines)

    def action_toggle_who(self) -> None:
        """Markers show who tagged what (and whether the annotators agree), or only the tags again."""
        self.view.show_who(not self.view.who_tagged)
        self.status.who = self.view.who_tagged

    def action_help(self) -> None:
        """Show every key of the reader, then word mode's (in word mode, which stays) and the elsewhere panel's."""
        from ..help import HelpScreen

        if not self.words.active:
            self.set_focus(self.view)  # the reader's own keys, not those of a focused panel
        bindings = {key: active for key, active in self.active_bindings.items() if active.node is not self.words.bar}
        modes = [self.words.help_mode(), self.elsewhere_help_mode()]
        self.app.push_screen(HelpScreen(f"newsmark · {self.article.title}", bindings, markers=self.schema, modes=modes))

    def _tick(self) -> None:
        """Every few seconds: take the store once another writer has let go, save the position."""
        self.tasks.take_store_when_free()
        self.edits.save_position(self.view.cursor)

    def save_position(self) -> None:
        """Save where the cursor is on leaving (``q``, quitting, a signal): the visit is saved even without a move."""
        self.edits.save_position(self.view.cursor, leaving=True)

    @property
    def key_bar_labels(self) -> dict[str, str]:
        """``q`` says Back where it goes back to the library (its binding says Quit)."""
        return {"back": "Back"} if self.has_library else {}

    def action_back(self) -> None:
        """Back to the library, or quit."""
        self.save_position()
        if self.has_library:
            self.dismiss(None)
        else:
            self.app.exit()


def width_classes(breakpoints: list[tuple[int, str]], width: int) -> list[str]:
    """The class of the widest of ``breakpoints`` (``(least width, class)``) that ``width``
    reaches, as Textual chooses it on a resize (none if it reaches none)."""
    reached = [name for least, name in sorted(breakpoints) if width >= least]
    return reached[-1:]


@lru_cache(maxsize=8)
def _reader_class(schema: TagSchema) -> type[ReaderScreen]:
    tag_keys = tag_bindings(schema)  # first, so the key bar shows them before everything else
    return types.new_class(
        "ReaderScreen", (ReaderScreen,), {"inherit_bindings": False}, lambda ns: ns.update(BINDINGS=[*tag_keys, *ReaderScreen.BINDINGS])
    )
