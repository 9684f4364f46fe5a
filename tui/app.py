"""The newsmark Textual app: a library of articles, or the reader for one."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape as escape_markup
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.scrollbar import ScrollBar

from annotations.config import Settings
from annotations.errors import NewsmarkError
from annotations.model import Article
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

from .messages import AnnotationsSaved, OpenArticle
from .screens.reader import ReaderOptions, ReaderScreen
from .shown import inert, shown_path
from .startup import resume_collection
from .widgets.scroll_bar import StripScrollBarRender

if TYPE_CHECKING:
    from annotations.store.article_annotations import ArticleAnnotations
    from annotations.store.records import LinkEnd

#: Signals that end the reader as ``q`` does: positions saved, terminal restored, and
#: the shell's usual status for "ended by this signal" (128 + its number). SIGINT comes
#: only from ``kill``: in the reader Ctrl+C is a key.
EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))

#: Seconds a signal's orderly exit may take before the process ends without it.
SIGNAL_EXIT_GRACE = 3.0

#: Notifications shown at once: a new one beyond them takes the place of the oldest.
MOST_NOTIFICATIONS = 2


class ShownNotice(NamedTuple):
    """A notification on screen, and the monotonic time it goes."""

    message: str
    title: str
    severity: SeverityLevel
    until: float


SignalHandler = Callable[[int, FrameType | None], object] | int | None


#: Actions every Textual screen binds (focus next/previous, copy): not newsmark's commands.
_TEXTUAL_SCREEN_ACTIONS = frozenset(binding.action for binding in Binding.make_bindings(Screen.BINDINGS))


ScrollBar.renderer = StripScrollBarRender  # every scroll bar drawn straight into strips


class NewsmarkApp(App[None]):
    """Read articles section by section and tag their sentences."""

    CSS_PATH = "newsmark.tcss"
    TITLE = "newsmark"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    NOTIFICATION_TIMEOUT: ClassVar[float] = 3
    """Seconds a notification stays unless it says otherwise (Textual's 5 kept them
    stacking over the text)."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        article: Article | None = None,
        paths: list[Path] | None = None,
        roots: list[Path] | None = None,
        opened: ArticleAnnotations | None = None,
    ) -> None:
        """``paths``: a library's articles; ``roots``: the folders named for it (its paths
        are shown from them); ``opened``: ``article``'s annotations, opened by the caller
        (so that a store file that cannot be read is one error line before the app starts)."""
        super().__init__()
        self._opened = opened
        self.settings = settings
        self.store = store
        self.reader_options = ReaderOptions.from_settings(settings)
        """What every reader is told of the settings (made once)."""
        self._article = article
        self._paths = paths or []
        self._roots = roots or []
        self._annotator_told = False
        self._replaced_handlers: dict[int, SignalHandler] = {}
        self._notices: list[ShownNotice] = []
        """The notifications on screen, oldest first (at most :data:`MOST_NOTIFICATIONS`)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification as plain text, whatever ``markup`` says: newsmark's
        notifications quote search terms, file names and errors, never markup. The text
        is wrapped at whole words to the toast's width, a path on a line of its own (see
        :func:`fit_notice`). At most :data:`MOST_NOTIFICATIONS` are shown: a new one takes
        the place of the oldest (the others are shown again for the time they had left),
        and they are placed clear of the reader's cursor sentence. Call on the app's thread."""
        from .widgets.notification_place import ShownToast, toasts_shown  # with the first notification
        from .widgets.notification_text import fit_notice, toast_text_width

        now = time.monotonic()
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        message = fit_notice(message, toast_text_width(self.size.width))
        notices = [notice for notice in self._notices if notice.until > now]
        if len(notices) >= MOST_NOTIFICATIONS:
            self.call_later(self.clear_notifications)  # in turn with the notifications posted before
            notices = notices[len(notices) - MOST_NOTIFICATIONS + 1 :]
            for notice in notices:
                super().notify(notice.message, title=notice.title, severity=notice.severity, timeout=notice.until - now, markup=False)
        self._notices = [*notices, ShownNotice(message, title, severity, now + timeout)]
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
        toasts_shown(self, [ShownToast(notice.message.count("\n") + 1 + bool(notice.title), notice.until) for notice in self._notices])

    def on_load(self) -> None:
        """Before the terminal is switched to the app: the remembered theme is set (before
        the first screen is styled: set later, it restyled the whole reader), and a signal
        now exits the normal way."""
        theme = self.settings.preferences.get("theme", "")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, lambda changed: self.settings.preferences.set("theme", changed.name))
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            previous = signal.getsignal(signum)
            try:
                loop.add_signal_handler(signum, self.exit_on_signal, signum)
            except (NotImplementedError, RuntimeError):  # no signals here (Windows, or not the main thread)
                return
            self._replaced_handlers[signum] = previous

    def exit_on_signal(self, signum: int) -> None:
        """Leave as ``q`` does: save each reader's position, then exit the app normally
        (Textual then restores the terminal), with status 128 + ``signum``."""
        self.save_positions()
        # After a hang-up Textual's output thread can be stuck on the terminal that went,
        # and the normal exit would then wait for it for ever (holding the article's
        # lock). Every change is on disk already: if the exit has not ended the process
        # in a while, end it here.
        watchdog = threading.Timer(SIGNAL_EXIT_GRACE, os._exit, (128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=128 + signum)

    def save_positions(self) -> None:
        """Save where each open reader is (before leaving by any way but ``q``)."""
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()

    async def action_quit(self) -> None:
        """Quit (ctrl+q, the palette) as ``q`` does: positions saved first."""
        self.save_positions()
        await super().action_quit()

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collection)
        if self._article is None:
            from annotations.library.index import LibraryIndex
            from annotations.library.listing import Library

            from .screens.library import LibraryScreen  # DataTable only for a library

            library = Library(self._paths, self.store.root, LibraryIndex.default(), roots=self._roots)
            self.push_screen(
                LibraryScreen(library, self.store, self.settings.sentence_cache, self.settings.schema, self.settings.annotator)
            )

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: the reader, when the app was given one article (Textual's
        blank screen under it would be composed, styled and left before the first frame);
        otherwise Textual's, under the library."""
        if self._article is None:
            return super().get_default_screen()
        return self._reader(self._article, has_library=False, opened=self._opened)

    def _reader(self, article: Article, *, has_library: bool, opened: ArticleAnnotations | None = None) -> ReaderScreen:
        """A reader of ``article``, its records opened from the store (unless ``opened``)."""
        annotations = opened or open_article(self.store, article, annotator=self.settings.annotator, schema=self.settings.schema)
        return ReaderScreen.for_schema(self.settings.schema)(annotations, self.reader_options, has_library=has_library)

    def open_reader(
        self,
        article: Article,
        on_close: Callable[[None], object] | None = None,
        *,
        record_id: str | None = None,
        sentence: int | None = None,
        end: LinkEnd | None = None,
    ) -> None:
        """Open ``article`` in the reader, on top of the library if there is one; with
        ``record_id``, at the sentence that annotation is on (as anchored now); with ``sentence``, there;
        with a link's ``end``, where it is now (followed through the article's edits)."""

        def closed(result: None) -> None:  # let others write the article once it is closed
            reader.annotations.release()  # the reader's current one: a rebuild may have moved it
            if on_close is not None:
                on_close(result)

        over_reader = isinstance(self.screen, ReaderScreen)  # a link followed: q goes back to the reader below
        reader = self._reader(article, has_library=self._article is None or over_reader)
        annotations = reader.annotations
        self.push_screen(reader, closed)
        at = next((r["sentence"] for r in annotations.view.anchored() if r["id"] == record_id), None) if record_id else sentence
        if end is not None:
            self._go_to_end(reader, end)
            return
        if at is None and record_id and any(r["id"] == record_id for r in annotations.orphans()):
            self.call_after_refresh(reader.action_review)  # an orphan: straight to its triage
        at = sentence if at is None else at
        if at is not None:
            self.call_after_refresh(reader.move_to, at)

    def _go_to_end(self, reader: ReaderScreen, end: LinkEnd) -> None:
        """Move ``reader`` to a link's ``end`` where it is now; where its sentence is gone
        (or where it went is not known), stay at the top and say so."""
        annotations = reader.annotations
        now = annotations.end_now(end)
        if now is not None:
            self.call_after_refresh(reader.move_to, now["sentence"])
            return
        moves = annotations.moves()
        why = "an edit removed it" if isinstance(moves, dict) and end["content"] in moves else "the article changed since the link was made"
        self.notify(
            f"The linked sentence (was {end['sentence']}) is not in this article now: {why}.", severity="warning", timeout=8, markup=False
        )

    def on_annotations_saved(self, _message: AnnotationsSaved) -> None:
        """Say once, at the first change saved under a login name nobody chose, which name
        it was saved as and how to change it (at the start it was gone before anything was
        saved, and never said again)."""
        if self._annotator_told or not self.settings.annotator_defaulted or self.store.read_only:
            return
        self._annotator_told = True
        from annotations.store.annotator_notice import first_notice

        notice = first_notice(self.store.root, self.settings.annotator)
        if notice is not None:
            self.notify(notice[0].upper() + notice[1:], title="Who am I", timeout=10)

    def on_open_article(self, message: OpenArticle) -> None:
        """A screen asks for an article in the reader. Where its store file cannot be read
        (corrupt, in use) the screen stays, told why in one line (nothing is written), and
        its ``on_close`` is called as if the reader had been closed at once."""
        try:
            self.open_reader(message.article, message.on_close, record_id=message.record_id, sentence=message.sentence, end=message.end)
        except NewsmarkError as error:
            self.notify(f"Not opened: {inert(str(error))}", severity="error", timeout=10)
            if message.on_close is not None:
                message.on_close(None)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: newsmark's own commands only (the screen's described keys,
        not a focused widget's), sections and articles, and quit. Typing a number in
        the reader offers "Go to sentence N" (:class:`GoToSentence`)."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or active.node is not screen or binding.action in _TEXTUAL_SCREEN_ACTIONS:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            # what the key does, as the help says it (the palette reads it as markup), then the key
            said = f"{escape_markup(binding.tooltip)} · " if binding.tooltip else ""
            yield SystemCommand(
                binding.description, f"{said}Key: {escape_markup(key)}", partial(self.run_action, binding.action, active.node)
            )
        yield SystemCommand("Change theme", "Light or dark: tag colours adjust to stay readable", self.action_change_theme)
        yield SystemCommand("Quit", "Key: ^q (the position is saved)", self.action_quit)
        if isinstance(screen, ReaderScreen):
            total = len(screen.article.sections)
            for section in screen.article.sections:
                yield SystemCommand(
                    f"Go to section {section.number}/{total}: {escape_markup(inert(section.label))}",
                    "Jump to the section's first sentence",
                    partial(screen.jump_to_section, section.number),
                )
        from .screens.library import LibraryScreen

        library = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        if library is not None:
            for index, item in enumerate(library.library.items):
                if item.readable:
                    # The palette reads titles and help as markup: titles and paths are text.
                    where = escape_markup(shown_path(item.shown_path))
                    title = escape_markup(inert(item.title))
                    yield SystemCommand(f"Open article: {title}", where, partial(library.open_entry, index))

    def on_unmount(self) -> None:
        self.store.close()
        loop = asyncio.get_running_loop()
        for signum, previous in self._replaced_handlers.items():
            loop.remove_signal_handler(signum)
            if previous is not None:
                signal.signal(signum, previous)
        self._replaced_handlers.clear()
