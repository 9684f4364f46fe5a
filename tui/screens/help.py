"""The help screen: the keys of the screen it was opened from, by group, generated from
the bindings in force (newsmark's own: Textual's focus and copy keys are left out), and
for the reader a legend of the markers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from annotations.schema import TagSchema

from ..key_groups import GENERAL, MOVING, grouped
from ..widgets.key_bar import KeyBar
from .help_legend import marker_legend

#: What the help's footnote says of the keys every screen has.
EVERYWHERE = "ctrl+p opens the command palette: every action, sections and articles; ctrl+q quits."


#: A mode's keys listed in the help under its own heading: ``(heading, note, bindings)``.
Mode = tuple[str, str, list[Binding]]


def bindings_table(bindings: dict[str, ActiveBinding], key_display: Callable[[Binding], str], modes: Sequence[Mode] = ()) -> Table:
    """A table of key → description for every described binding of newsmark's groups,
    group by group (each under its name), in binding order within a group; then each of
    ``modes`` under its heading, its keys by group as well."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    add_groups(table, [active.binding for active in bindings.values()], key_display)
    for heading, note, members in modes:
        table.add_row("", "")
        table.add_row(Text(heading, style="bold reverse"), Text(note, style="italic"))
        add_groups(table, members, key_display)
    return table


def add_groups(table: Table, bindings: list[Binding], key_display: Callable[[Binding], str]) -> None:
    """The rows of ``bindings``, group by group."""
    for number, (group, members) in enumerate(grouped(bindings)):
        rows: dict[str, list[str]] = {}
        for binding in members:
            keys = rows.setdefault(binding.tooltip or binding.description, [])
            display = key_display(binding)
            if display not in keys:
                keys.append(display)
        if number:
            table.add_row("", "")
        table.add_row(Text(group.description, style="bold underline"), "")
        for description, keys in rows.items():
            table.add_row(Text(" / ".join(keys)), Text(description))


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from (and, given one, a legend)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", priority=True, group=GENERAL),
        Binding("j,down", "scroll_by(1)", "Scroll down", show=False, group=MOVING),
        Binding("k,up", "scroll_by(-1)", "Scroll up", show=False, group=MOVING),
        Binding("pagedown,space", "scroll_page(1)", "Page down", show=False, group=MOVING),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False, group=MOVING),
        Binding("g,home", "scroll_home", "Top", show=False, group=MOVING),
        Binding("G,end", "scroll_end", "Bottom", show=False, group=MOVING),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 95%; height: 90%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    """

    def __init__(
        self, title: str, bindings: dict[str, ActiveBinding], *, markers: TagSchema | None = None, modes: Sequence[Mode] = ()
    ) -> None:
        """``markers``: the tags of the reader whose markers the legend explains (None: no
        legend); ``modes``: a mode's keys, each listed under its heading after the others."""
        super().__init__()
        self._title = title
        self._listed_bindings = bindings
        self._modes = modes
        self.legend: RenderableType | None = marker_legend(markers) if markers is not None else None
        """The legend shown after the keys (the reader's markers), if any."""
        self.table: Table | None = None

    def compose(self) -> ComposeResult:
        self.table = bindings_table(self._listed_bindings, self.app.get_key_display, self._modes)
        with VerticalScroll(id="help-scroll"):
            yield Static(Text(self._title, style="bold"))
            yield Static(self.table, id="help-keys")
            if self.legend is not None:
                yield Static(Text("\nMarkers before a sentence", style="bold"))
                yield Static(self.legend, id="help-legend")
            yield Static(Text(f"\n{EVERYWHERE}", style="dim"))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    @property
    def scroller(self) -> VerticalScroll:
        """What the scroll keys move."""
        return self.query_one("#help-scroll", VerticalScroll)

    def action_scroll_by(self, lines: int) -> None:
        """Scroll by ``lines`` (j/k and the arrows, as in the reader)."""
        self.scroller.scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll by a screenful."""
        scroll = self.scroller
        scroll.scroll_relative(y=pages * max(1, scroll.scrollable_content_region.height - 1), animate=False)

    def action_scroll_home(self) -> None:
        """To the start (``g``)."""
        self.scroller.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """To the end (``G``)."""
        self.scroller.scroll_end(animate=False)

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss(None)
