"""The dashboard screen, opened from the library with its key (the real app via Pilot)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual_plotext import PlotextPlot

from annotations.formats.loader import load_article
from annotations.library.listing import Library
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.dashboard import FIGURES, DashboardScreen
from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_dashboard import tag_corpus, write_corpus
from .test_reader import make_app

SIZE = (120, 40)


def shown(screen: DashboardScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}").render())


async def test_the_dashboard_opens_from_the_library_and_shows_each_figure(store_root: Path, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news")
    tag_corpus(store_root, paths)
    app = make_app(store_root, paths)  # annotator ana
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert palette["Dashboard"] == (  # the palette offers it, as the help screen says it
            "A picture of the library: tags by publication date, claims by status, sources, each annotator's progress · Key: d"
        )
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await wait_until(pilot, lambda: screen.dashboard is not None, "the figures")
        await pilot.pause()
        assert "3 articles pictured" in shown(screen, "dashboard-status")
        for figure_id, title in FIGURES:
            assert screen.query_one(f"#{figure_id}", PlotextPlot).display
            assert title in shown(screen, figure_id), title
        assert "2026-11-03: 1 art., 3 tags (3/article)" in shown(screen, "dashboard-dates-numbers")
        assert "without a date (apart): 1 art., 2 tags" in shown(screen, "dashboard-dates-numbers")
        assert (
            shown(screen, "dashboard-claims-numbers") == "unverified 3 · checking 0 · verified 0 · false 0 · misleading 0 · unverifiable 0"
        )  # the configured scale, in order
        assert "unverified (3)" in shown(screen, "dashboard-claims")  # the bar's label
        assert "Reuters (2)" in shown(screen, "dashboard-sources")
        assert shown(screen, "dashboard-progress-numbers") == "ana: 2 opened, 5 read, 4 tagged · bo: — opened, — read, 3 tagged"
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back in the library")


async def test_a_library_with_nothing_tagged_says_there_is_nothing_to_picture(store_root: Path, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news")
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.dashboard is not None, "the figures")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.pause()
        assert "Nothing to picture yet" in shown(screen, "dashboard-status")
        assert not any(screen.query_one(f"#{figure_id}", PlotextPlot).display for figure_id, _ in FIGURES)


async def test_the_dashboard_opened_while_the_library_reads_waits_for_it(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """d before the library has read the store: the figures wait for it, never "nothing to picture"."""
    paths = write_corpus(tmp_path / "news")
    tag_corpus(store_root, paths)
    go_on = threading.Event()
    refresh_store = Library.refresh_store

    def held(self: Library, *args: object, **kwargs: object) -> object:
        go_on.wait(60)  # the library's worker reads the store only once the dashboard is open
        return refresh_store(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "refresh_store", held)
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        library = app.screen
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "still reading" in shown(screen, "dashboard-status")
        go_on.set()
        await wait_until(pilot, lambda: not library.working, "the library read")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: screen.dashboard is not None, "the figures")
        await pilot.pause()
        assert "3 articles pictured" in shown(screen, "dashboard-status")


def test_the_library_does_not_import_plotting_until_the_dashboard_opens(store_root: Path, tmp_path: Path) -> None:
    """The library's start path never imports plotext or the dashboard (a fresh process)."""
    paths = write_corpus(tmp_path / "news")
    code = f"""
import asyncio, sys
from pathlib import Path
from annotations.config import Settings
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.library import LibraryScreen

LATER = ("plotext", "textual_plotext", "tui.screens.dashboard", "annotations.library.dashboard")

async def main():
    settings = Settings(store_path=Path({str(store_root)!r}), annotator="ana", schema=TagSchema(), suggestions=False)
    store = Store(settings.store_path, mode=LockMode.AUTO)
    app = NewsmarkApp(settings, store, paths=[Path(p) for p in {[str(p) for p in paths]!r}])
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, LibraryScreen):
            await pilot.pause()
        await pilot.pause()
        print("library:", *[name for name in LATER if name in sys.modules])
        await pilot.press("d")
        while app.screen.__class__.__name__ != "DashboardScreen":
            await pilot.pause()
        print("dashboard:", *[name for name in LATER if name in sys.modules])

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "library:\n" in result.stdout, result.stdout
    assert "dashboard: plotext textual_plotext tui.screens.dashboard annotations.library.dashboard" in result.stdout


def test_the_library_read_before_the_dashboard_is_mounted_leaves_the_figures_to_its_mounting() -> None:
    """The library may finish between d pushing the dashboard and the dashboard's mounting."""
    screen = DashboardScreen([], "ana", complete=False)
    screen.library_read([])  # raised NoMatches: it had nothing to show the counting in yet
    assert screen.complete and screen.dashboard is None


def bar_bottoms(figure: str) -> list[str]:
    """What the plot shows just above its x axis at each tick (one per bar): a blank for no bar."""
    lines = figure.splitlines()
    axis = next(number for number, line in enumerate(lines) if "└" in line)
    return [lines[axis - 1][column] for column, char in enumerate(lines[axis]) if char == "┬"]


async def test_a_day_of_many_articles_and_few_tags_shows_its_rate_and_a_bar(store_root: Path, tmp_path: Path) -> None:
    """A day holding 501 articles and 18 tags showed ``0/article`` and no bar."""
    folder = tmp_path / "news"
    folder.mkdir()
    paths = []
    for number in range(30):
        path = folder / f"busy-{number:02d}.txt"
        path.write_text(f"---\ndate: 2026-10-14\n---\nThe port reopened on day {number}. Ships queued.\n", encoding="utf-8")
        paths.append(path)
    full = folder / "full.txt"
    full.write_text("---\ndate: 2026-10-15\n---\nPrices rose. Wages fell. Rents rose. Fares rose.\n", encoding="utf-8")
    paths.append(full)
    with Store(store_root, mode=LockMode.WRITE) as store:
        open_article(store, load_article(paths[0]), annotator="ana", schema=TagSchema()).add_tags([1], ["claim"])
        read = open_article(store, load_article(full), annotator="ana", schema=TagSchema())
        read.add_tags([1, 2, 3, 4], ["claim"])
        read.save_position(2)  # what the reader does when it is left: busy-00 was only tagged, never opened
    app = make_app(store_root, paths)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.dashboard is not None, "the figures")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.pause()
        assert " " not in bar_bottoms(shown(screen, "dashboard-dates")), shown(screen, "dashboard-dates")
        numbers = shown(screen, "dashboard-dates-numbers")
        assert numbers == "2026-10-14: 30 art., 1 tags (0.033/article) · 2026-10-15: 1 art., 4 tags (4/article)"
        assert shown(screen, "dashboard-progress-numbers") == "ana: 1 opened, 2 read, 5 tagged"  # it said 2 opened


async def test_the_most_cited_sources_name_people_once_and_pronouns_apart(store_root: Path, tmp_path: Path) -> None:
    """Sources written "Mr. Jonas Berg" and "Jonas Berg" were two, "He" a third; "According to the
    state environmental agency" and "said board member Ana Ruiz" named nobody."""
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "strike.txt"
    article.write_text(
        "Mr. Jonas Berg, the association's chief negotiator, said talks could resume. "
        "\u201cWe are ready,\u201d said Jonas Berg. He added that the offer stands. "
        "According to the state environmental agency, the level is 15. "
        "\u201cWe asked for the money,\u201d said board member Ana Ruiz.\n",
        encoding="utf-8",
    )
    other = folder / "quiet.txt"  # a library is two articles or more (one opens the reader)
    other.write_text("Nothing happened.\n", encoding="utf-8")
    with Store(store_root, mode=LockMode.WRITE) as store:
        open_article(store, load_article(article), annotator="ana", schema=TagSchema()).add_tags([1, 2, 3, 4, 5], ["source"])
    app = make_app(store_root, [article, other])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.dashboard is not None, "the figures")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.pause()
        assert shown(screen, "dashboard-sources-numbers") == (
            "Jonas Berg 2 · (unnamed: pronoun) 1 · Ana Ruiz 1 · The state environmental agency 1"
        )
        assert "Jonas Berg (2)" in shown(screen, "dashboard-sources")


async def test_the_dashboard_title_counts_an_unreadable_file_apart(store_root: Path, tmp_path: Path) -> None:
    """As the library's title does (tryout 7: "Dashboard · 3 articles" beside a binary file)."""
    paths = write_corpus(tmp_path / "news")
    tag_corpus(store_root, paths)
    binary = tmp_path / "news" / "scan.txt"
    binary.write_bytes(b"\x00\x01binary\x00" * 50)
    app = make_app(store_root, [*paths, binary])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and not app.screen.working, "the library read")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        title = shown(screen, "section-header")
        assert title == f"Dashboard · {len(paths)} articles · 1 unreadable", title
