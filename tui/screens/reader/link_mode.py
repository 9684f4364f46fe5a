"""Link mode: link the claim (or source, or words) under the cursor to another record.

The link key opens the link bar under the text, with the focus: the record the cursor
was on is the link's start; the reader's moving keys choose the other end in this
article, Enter picks the kind of link (``attributed-to``, ``corroborates``,
``contradicts``) and links, ``o`` (or the palette) names a sentence of another article
(``PATH#N``), Esc leaves. A link is stored once and shown from both ends.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Blur
from textual.widget import Widget

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.store.links import StoredRecords, end_of
from annotations.store.records import LinkEnd
from annotations.store.verdicts import SOURCE_TAG

from ...key_groups import CHECKING, GENERAL
from ..choice_picker import Choice, ChoicePicker
from ..prompt_dialog import PromptDialog
from .editing import Edits
from .host import ReaderHost
from .verdict_keys import Target, VerdictKeys

#: The kinds of link, each with its key in the picker.
LINK_CHOICES = (
    Choice("a", "attributed-to", "attributed to: the source this claim comes from"),
    Choice("c", "corroborates", "corroborates: a claim that bears it out"),
    Choice("x", "contradicts", "contradicts: a claim that says otherwise"),
)

LINK_BINDINGS: list[BindingType] = [
    Binding("enter", "link_here", "Link to the cursor", tooltip="Link to the sentence under the cursor (then the kind)", group=CHECKING),
    Binding("o", "link_elsewhere", "Another article", tooltip="Link to a sentence of another article in the store: PATH#N", group=CHECKING),
    Binding("escape", "leave", "Leave link mode", group=GENERAL),
]


def make_link(
    host: ReaderHost, keys: VerdictKeys, start: Target, other: LinkEnd, kind: str, named: str, *, stored: StoredRecords | None = None
) -> bool:
    """Link the claim on ``start`` to ``other`` (``named`` so in the notice) as ``kind``:
    an undoable change, shown; or one notice saying why not. Whether it linked."""
    try:
        change = host.annotations.link(start.on, other, kind, stored=stored)
    except NewsmarkError as error:
        host.notify(f"Not linked: {error}", severity="error", timeout=8, markup=False)
        return False
    host.show_change(change)
    host.notify(f"Linked {keys.describe(start)}: {kind} {named}.", timeout=4, markup=False)
    return True


class LinkBar(Widget, can_focus=True):
    """The link bar: where the link starts, and link mode's keys; the focus while linking."""

    BINDINGS: ClassVar[list[BindingType]] = LINK_BINDINGS

    DEFAULT_CSS = """
    LinkBar { height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, host: ReaderHost, edits: Edits, keys: VerdictKeys) -> None:
        super().__init__(id="link-bar")
        self._host = host
        self._edits = edits
        self._keys = keys
        self.start: Target | None = None
        """Where the link starts (None: not linking)."""

    def render(self) -> Text:
        """``link from sentence 8 → move, Enter links · o another article · Esc``."""
        text = Text("link ", style="bold")
        if self.start is not None:
            text.append(f"from {self._keys.describe(self.start)} to sentence {self._host.view.cursor}", style="bold")
        text.append("  j/k move · Enter links · o another article · Esc", style="dim")
        return text

    def open(self, start: Target) -> None:
        """Link mode from ``start``."""
        self.start = start
        self.display = True
        self.focus()  # after word mode's own leaving, which gives the text the focus
        self.refresh()

    def leave(self) -> None:
        """Leave link mode (the text gets the focus)."""
        if self.start is None:
            return
        self.start = None
        self.display = False
        self._host.view.focus()

    def on_blur(self, event: Blur) -> None:
        if self.screen.is_current:  # another bar or panel took the keys (a dialog over the reader does not)
            self.leave()

    def action_leave(self) -> None:
        """Leave link mode without a link."""
        self.leave()

    def action_link_here(self) -> None:
        """Link to the cursor sentence (the kind is asked)."""
        start, cursor = self.start, self._host.view.cursor
        if start is None:
            return
        if cursor == start.sentence and start.words is None:
            self._host.notify("Move to the other end first: a sentence cannot be linked to itself.", severity="warning")
            return
        source = SOURCE_TAG in self._host.annotations.tags(cursor)
        self.link(start, self._host.annotations.link_end(cursor), f"sentence {cursor}", source=source)

    def action_link_elsewhere(self, path: str = "") -> None:
        """Name a sentence of another article in the store (``PATH#N``; ``path``: its article, then only N is asked)."""
        start = self.start
        if start is None:
            return

        def check(value: str) -> str | None:
            where, _, number = (f"{path}#{value}" if path else value).rpartition("#")
            if not where or not number.isdigit() or int(number) < 1:
                return "type the sentence's number" if path else "type the article's path, # and the sentence's number: PATH#N"
            return None

        def chosen(value: str | None) -> None:
            if value:
                where, _, number = (f"{path}#{value}" if path else value).rpartition("#")
                self.run_worker(partial(self._end_elsewhere, start, where, int(number)), thread=True, group="link-end")

        title = f"Link {self._keys.describe(start)} to " + (
            f"a sentence of {path}: its number" if path else "a sentence of another article"
        )
        self._host.app.push_screen(PromptDialog(title, "N" if path else "PATH#N", check), chosen)

    def link_to(self, path: str, number: int | None) -> None:
        """Link to sentence ``number`` of the article at ``path`` (None: its number is asked first)."""
        if self.start is None:
            return
        if number is None:
            self.action_link_elsewhere(path)
        else:
            self.run_worker(partial(self._end_elsewhere, self.start, path, number), thread=True, group="link-end")

    def _end_elsewhere(self, start: Target, path: str, number: int) -> None:
        """Read the other article (off the UI thread: it may be big), then ask the link's kind."""
        app = self._host.app
        try:
            article = load_article(path, cache=self._host.options.cache)
        except NewsmarkError as error:
            app.call_from_thread(self._host.notify, f"Not linked: {error}", severity="error", timeout=8, markup=False)
            return
        if number > len(article.sentences):
            reason = f"Not linked: {path} has sentences 1-{len(article.sentences)}, not {number}."
            app.call_from_thread(self._host.notify, reason, severity="error", timeout=8, markup=False)
            return
        app.call_from_thread(self.link, start, end_of(article, number), f"{path}#{number}", source=False)

    def link(self, start: Target, other: LinkEnd, named: str, *, source: bool) -> None:
        """Ask the link's kind (``attributed-to`` marked when the other end is a source) and link."""

        def chosen(kind: str | None) -> None:
            if kind and make_link(self._host, self._keys, start, other, kind, named):
                self.leave()

        current = "attributed-to" if source else ""
        picker = ChoicePicker(f"Link {self._keys.describe(start)} to {named} as", LINK_CHOICES, current=current)
        self._host.app.push_screen(picker, chosen)


class LinkMode:
    """Link mode's bar: mounted (under the text) when first wanted."""

    def __init__(self, host: ReaderHost, edits: Edits, keys: VerdictKeys) -> None:
        self._host = host
        self._edits = edits
        self._keys = keys
        self.bar: LinkBar | None = None
        """The link bar, once made."""

    @property
    def active(self) -> bool:
        """Whether the reader is choosing a link's other end."""
        return self.bar is not None and self.bar.start is not None

    def open(self) -> None:
        """Link mode from the cursor sentence (or word mode's words)."""
        if not self._edits.writable():
            return
        start = self._keys.target()
        self._keys.leave_words()  # the words stay the link's start; its focus would end link mode
        if self.bar is None:
            self.bar = LinkBar(self._host, self._edits, self._keys)
            self._host.view.screen.mount(self.bar, before="#note-line")
        self.bar.open(start)

    def moved(self) -> None:
        """The cursor moved: the bar names the other end."""
        if self.bar is not None and self.bar.start is not None:
            self.bar.refresh()
