"""The brief preview (``b`` in the reader): the current article's brief, rendered, and
written beside the article on request (never over another file)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from annotations.errors import NewsmarkError

from ..key_groups import FILES, GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar


class BuildBrief(Protocol):
    """Builds the brief's Markdown (called in a thread: it reads the store, never the screen)."""

    def __call__(self, *, suggested: bool, everyone: bool) -> str:
        """The brief; ``suggested``: with what is only suggested; ``everyone``: everyone's
        tags rather than the final reading (where the article has a final layer)."""
        ...


class BriefScreen(ModalScreen[None]):
    """Shows an article's brief; ``s`` writes it as ``<article>.newsmark.brief.md`` in
    ``folder`` (or the next free name), ``z`` adds or leaves out what is only suggested,
    ``f`` switches between the final reading and everyone's tags, Esc closes."""

    BINDINGS = [
        Binding(
            "s,ctrl+s",
            "save",
            "Save brief",
            tooltip="Write the brief beside the article as Markdown (never over another file)",
            group=FILES,
        ),
        Binding(
            "z",
            "toggle_suggested",
            "Suggested",
            tooltip="Add or leave out, at the end, the tags only suggested (nobody gave them)",
            group=FILES,
        ),
        Binding(
            "f", "toggle_reading", "Reading", tooltip="Switch between the final reading (once adjudicated) and everyone's tags", group=FILES
        ),
        Binding("escape,q,b", "close", "Close", tooltip="Close the brief", priority=True, group=GENERAL),
        Binding("j,down", "scroll_by(1)", "Scroll down", show=False, tooltip="Scroll down a line", group=MOVING),
        Binding("k,up", "scroll_by(-1)", "Scroll up", show=False, tooltip="Scroll up a line", group=MOVING),
        Binding("space,pagedown", "scroll_page(1)", "Page down", show=False, tooltip="Scroll down a page", group=MOVING),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False, tooltip="Scroll up a page", group=MOVING),
        Binding("g,home", "scroll_home", "Top", show=False, tooltip="The start of the brief", group=MOVING),
        Binding("G,end", "scroll_end", "Bottom", show=False, tooltip="The end of the brief", group=MOVING),
    ]

    DEFAULT_CSS = """
    BriefScreen { align: center middle; }
    BriefScreen > Vertical {
        width: 96; max-width: 100%; height: 90%;
        border: thick $accent; background: $panel;
    }
    BriefScreen #brief-title { width: 100%; padding: 0 1; color: $text-muted; }
    BriefScreen VerticalScroll { height: 1fr; }
    """

    def __init__(self, title: str, build: BuildBrief, article_path: str, folder: Path) -> None:
        super().__init__()
        self._title = title
        self._build = build
        self._article_path = article_path
        self._folder = folder
        self.markdown: str | None = None
        """The brief's Markdown, once built."""
        self.suggested = False
        """Whether the brief ends with the tags only suggested (``z``)."""
        self.everyone = False
        """Whether the brief shows everyone's tags rather than the final reading (``f``)."""

    def compose(self) -> ComposeResult:
        from annotations.exchange.brief_html import markdown_renderer

        with Vertical():
            yield Label(self._heading(), id="brief-title", markup=False)
            with VerticalScroll(id="brief-scroll"):
                yield Markdown("Building the brief…", parser_factory=markdown_renderer, open_links=False, id="brief")
        yield KeyBar()

    def _heading(self) -> str:
        """``Brief · TITLE · final reading where settled · no suggestions``: what is shown."""
        reading = "everyone's tags" if self.everyone else "final reading where adjudicated"
        suggested = "with suggestions" if self.suggested else "no suggestions"
        return inert(f"Brief · {self._title} · {reading} (f) · {suggested} (z)")

    def action_toggle_suggested(self) -> None:
        """Add or leave out the tags only suggested, and build the brief again."""
        self.suggested = not self.suggested
        self._rebuild()

    def action_toggle_reading(self) -> None:
        """Switch between the final reading and everyone's tags, and build the brief again."""
        self.everyone = not self.everyone
        self._rebuild()

    def _rebuild(self) -> None:
        self.markdown = None
        self.query_one("#brief-title", Label).update(self._heading())
        self._build_brief(self.suggested, self.everyone)

    def action_scroll_by(self, lines: int) -> None:
        """Scroll the brief by ``lines`` (j/k, as in the reader)."""
        self.query_one("#brief-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll the brief by a screenful."""
        scroll = self.query_one("#brief-scroll", VerticalScroll)
        scroll.scroll_relative(y=pages * max(1, scroll.scrollable_content_region.height - 1), animate=False)

    def action_scroll_home(self) -> None:
        """Go to the start of the brief (``g``)."""
        self.query_one("#brief-scroll", VerticalScroll).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """Go to the end of the brief (``G``)."""
        self.query_one("#brief-scroll", VerticalScroll).scroll_end(animate=False)

    def on_mount(self) -> None:
        self.query_one("#brief-scroll").focus()
        self._build_brief(self.suggested, self.everyone)

    @work(thread=True, exclusive=True, group="brief")
    def _build_brief(self, suggested: bool, everyone: bool) -> None:
        """Build the brief off the event loop, then show it."""
        try:
            markdown = self._build(suggested=suggested, everyone=everyone)
        except (OSError, NewsmarkError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, markdown, (suggested, everyone))

    def _show(self, markdown: str, made: tuple[bool, bool]) -> AwaitComplete | None:
        """Show the brief, if it is still the one asked for (the worker's thread waits until it is shown)."""
        if made != (self.suggested, self.everyone):
            return None
        self.markdown = markdown
        return self.query_one("#brief", Markdown).update(markdown)

    def _failed(self, reason: str) -> None:
        self.notify(f"Brief failed: {reason}", severity="error", timeout=8)
        self.dismiss(None)

    def action_save(self) -> None:
        """Write the brief beside the article (or into the configured folder), never over another file."""
        from annotations.exchange.brief import default_brief_path
        from annotations.exchange.export_target import write_new_file

        if self.markdown is None:
            self.notify("The brief is still being built", timeout=4)
            return
        try:
            written = write_new_file(self.markdown.encode("utf-8"), default_brief_path(self._article_path, self._folder))
        except OSError as error:
            where = f"{error.filename}: {error.strerror}" if error.filename else str(error)
            self.notify(f"Brief not written: {where} (export_dir: in the config chooses the folder)", severity="error", timeout=8)
            return
        self.notify(written.outcome("Brief", "Brief written"), timeout=6)

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
