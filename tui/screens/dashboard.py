"""The dashboard: a picture of the library's articles (``d`` in the library).

Four figures drawn with textual-plotext (plotext's canvas in a Textual widget; checked
with Textual 8.2: its widget uses only Textual's public API), each with its exact
numbers on a line under it: tags per article over publication date, claims by status,
the most-cited sources, each annotator's progress. The figures are computed by
:mod:`annotations.library.dashboard` in a thread worker, which posts
:class:`DashboardScreen.FiguresReady` (it never touches the screen), so the library
stays responsive. This module (and plotext) is imported only when the dashboard opens.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from annotations.library.dashboard import (
    EMPTY,
    TITLES,
    UNVERIFIED,
    Dashboard,
    build_dashboard,
    captions,
    progress_series,
    visible_bars,
)
from annotations.library.dashboard_facts import library_facts
from annotations.library.listing import LibraryItem
from annotations.metadata import counted

from ..key_groups import GENERAL, MOVING
from ..shown import inert
from ..widgets.key_bar import KeyBar
from .library_rows import scan_counts

#: The rows a figure's bars have at most (its 16 lines less title, frame, axis, labels and axis name).
BAR_CELLS = 11
#: The figures, in the order shown: widget id and title.
FIGURES = tuple(zip(("dashboard-dates", "dashboard-claims", "dashboard-sources", "dashboard-progress"), TITLES, strict=True))


class DashboardScreen(Screen[None]):
    """The library's figures; ``q`` goes back."""

    BINDINGS = [
        Binding("j,down", "scroll_by(1)", "Scroll down", show=False, group=MOVING),
        Binding("k,up", "scroll_by(-1)", "Scroll up", show=False, group=MOVING),
        Binding("space,pagedown", "scroll_page(1)", "Page down", show=False, group=MOVING),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False, group=MOVING),
        Binding("q,escape", "back", "Back", tooltip="Back to the library", group=GENERAL),
    ]

    DEFAULT_CSS = """
    DashboardScreen #dashboard-figures { height: 1fr; }
    DashboardScreen PlotextPlot { height: 16; }
    DashboardScreen .dashboard-caption { margin: 0 1 1 1; color: $text-muted; }
    """

    class FiguresReady(Message):
        """The worker has computed the figures."""

        def __init__(self, dashboard: Dashboard) -> None:
            self.dashboard = dashboard
            super().__init__()

    def __init__(self, items: Sequence[LibraryItem], annotator: str, scale: Sequence[str] | None = None, *, complete: bool = True) -> None:
        super().__init__()
        self.items = list(items)
        self.complete = complete
        """Whether the library has read what the store holds for every item (else the
        figures wait for :meth:`library_read`: counted early, they would picture nothing)."""
        self.annotator = annotator
        self.scale = tuple(scale) if scale else None
        self.dashboard: Dashboard | None = None
        """The figures shown (None until the worker has computed them)."""

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="section-header")
        with VerticalScroll(id="dashboard-figures"):
            yield Static("Counting…", id="dashboard-status")
            for figure_id, _title in FIGURES:
                yield PlotextPlot(id=figure_id)
                yield Static(id=f"{figure_id}-numbers", classes="dashboard-caption")
        yield KeyBar()

    def _title(self) -> Text:
        """``Dashboard · 2 articles`` (``· 1 unreadable``: a file found unreadable is no article)."""
        unreadable = scan_counts(self.items).unreadable
        apart = f" · {unreadable:,} unreadable" if unreadable else ""
        return Text(f"Dashboard · {counted(len(self.items) - unreadable, 'article')}{apart}", style="bold")

    def on_mount(self) -> None:
        for figure_id, _title in FIGURES:
            self.query_one(f"#{figure_id}", PlotextPlot).display = False
        if self.complete:
            self.compute()
        else:
            self.query_one("#dashboard-status", Static).update("The library is still reading its articles: the figures follow when it has.")

    def library_read(self, items: Sequence[LibraryItem]) -> None:
        """The library has read every item (``items``, as it has them now): compute the
        figures if they were waiting for it."""
        if not self.complete:
            self.items, self.complete = list(items), True
            if self.is_mounted:  # else its mounting computes them
                self.query_one("#section-header", Static).update(self._title())
                self.query_one("#dashboard-status", Static).update("Counting…")
                self.compute()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "dashboard")

    @work(thread=True, exclusive=True, group="dashboard")
    def compute(self) -> None:
        """Read the store files and the articles' dates, compute the figures, post them."""
        worker = get_current_worker()
        facts = list(library_facts(self.items, lambda: worker.is_cancelled))
        if worker.is_cancelled:
            return
        self.post_message(self.FiguresReady(build_dashboard(facts, reader=self.annotator, scale=self.scale or (UNVERIFIED,))))

    def on_dashboard_screen_figures_ready(self, message: FiguresReady) -> None:
        self.dashboard = dashboard = message.dashboard
        status = self.query_one("#dashboard-status", Static)
        if dashboard.empty:
            status.update(EMPTY)
            return
        status.update(f"{counted(dashboard.articles, 'article')} pictured")
        texts = captions(dashboard)
        for (figure_id, title), caption in zip(FIGURES, texts, strict=True):
            plot = self.query_one(f"#{figure_id}", PlotextPlot)
            plot.display = True
            self._draw(figure_id, title, plot, dashboard)
            self.query_one(f"#{figure_id}-numbers", Static).update(Text(inert(caption)))

    def _draw(self, figure_id: str, title: str, plot: PlotextPlot, dashboard: Dashboard) -> None:
        """Draw one figure on ``plot``'s plotext canvas."""
        plt = plot.plt
        plt.clear_data()
        plt.title(title)
        if figure_id == "dashboard-dates":
            groups = dashboard.date_groups()
            # a rate far under the highest still shows one cell (its caption says it exactly)
            plt.bar([g.period for g in groups], visible_bars([g.per_article for g in groups], BAR_CELLS))
            plt.ylabel("tags per article")
        elif figure_id == "dashboard-claims":
            _bars(plt, dashboard.claims)
        elif figure_id == "dashboard-sources":
            _bars(plt, dashboard.sources)
        else:
            names, series, labels = progress_series(dashboard)
            # plotext's keyword is ``labels``; textual-plotext's stub says ``label``
            plt.multiple_bar(names, series, labels=labels, orientation="horizontal")  # type: ignore[call-arg]
        plot.refresh()

    def action_scroll_by(self, lines: int) -> None:
        """Scroll the figures by ``lines``."""
        self.query_one("#dashboard-figures", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll the figures by ``pages`` screens."""
        figures = self.query_one("#dashboard-figures", VerticalScroll)
        figures.scroll_relative(y=pages * max(1, figures.size.height - 1), animate=False)

    def action_back(self) -> None:
        """Back to the library."""
        self.dismiss(None)


def _bars(plt: Plot, pairs: Sequence[tuple[str, int]]) -> None:
    """Horizontal bars, each labelled with its name and count."""
    labels = [f"{name} ({count})" for name, count in pairs]
    plt.bar(labels or [""], [count for _, count in pairs] or [0], orientation="horizontal")
