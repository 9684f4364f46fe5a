"""The library's text search (the real app via Pilot): ctrl+t switches the filter bar to
the text of every article, the index is built in the background, Enter lands in the
reader on the sentence found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

from .conftest import wait_until, workers_started
from .test_reader import make_app

SIZE = (120, 30)


def write_library(folder: Path) -> list[Path]:
    """Three short articles; only the second says "central bank", in its fourth sentence."""
    folder.mkdir(parents=True)
    texts = {
        "alpha.md": "# Alpha\n\nThe port reopened. Ships queued.\n",
        "beta.md": "# Beta Report\n\nRates held. Markets rose.\n\n## Money\n\nTraders waited. The central bank surprised analysts.\n",
        "gamma.md": "# Gamma\n\nThe bank's central office moved. Nobody noticed.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def status(screen: LibraryScreen) -> str:
    """The library's status line as shown."""
    return str(screen.query_one("#status-line").render())


async def test_a_phrase_typed_in_text_mode_lands_in_the_reader_on_its_sentence(store_root: Path, tmp_path: Path) -> None:
    app = make_app(store_root, write_library(tmp_path / "news"))
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("slash", "ctrl+t")
        bar = library.query_one("#filter-input")
        assert "article text" in str(bar.border_title)
        await pilot.press(*'"central bank"')
        await wait_until(pilot, lambda: len(library.text.hits) == 1 and library.rows.count == 1, "one sentence found")
        row = library.render_row(0, 100).plain
        assert row.startswith("The central bank surprised analysts.") and "Beta Report › Money · 4" in row
        assert "text '\"central bank\"': 1 sentence" in status(library)
        await pilot.press("enter", "enter")  # the bar keeps the query, then the sentence opens
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article.title == "Beta Report"
        await wait_until(pilot, lambda: reader.view.cursor == 4, "the cursor on sentence 4")


async def test_ctrl_t_switches_back_to_titles_keeping_what_is_typed(store_root: Path, tmp_path: Path) -> None:
    app = make_app(store_root, write_library(tmp_path / "news"))
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("slash", "ctrl+t", *"bank")
        await wait_until(pilot, lambda: library.text.progress is None and len(library.text.hits) == 2, "two sentences found")
        await pilot.press("enter", "s", "r")  # sorting the articles leaves the sentences listed
        assert library.rows.count == 2 and "bank" in library.render_row(1, 100).plain.lower()
        await pilot.press("slash", "ctrl+t")
        assert not library.text.active and library.filter_text == "bank"
        assert "titles and paths" in str(library.query_one("#filter-input").border_title)
        assert library.rows.count == 0  # no title holds "bank"
        await pilot.press("escape")
        assert library.rows.count == 3


def test_the_reader_s_start_imports_no_search_engine() -> None:
    import subprocess
    import sys

    code = "import sys, tui.app, tui.screens.library, tui.cli.parser; tui.cli.parser.build_parser(); print(sorted(m for m in sys.modules if 'tantivy' in m or 'sqlite' in m))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


LONG = (
    "Satellite images reviewed by independent researchers show container traffic at the port of Rajin rising sharply "
    "through the spring while officials kept quiet about the cargo."
)


def write_long_library(folder: Path) -> list[Path]:
    """One article whose matching sentence and title are far wider than the screen."""
    folder.mkdir(parents=True)
    title = "Artillery pipeline to the front runs through a northern port, records and images suggest"
    (folder / "long.md").write_text(f"# {title}\n\n## How the shells travel by sea and rail\n\nA first line. {LONG}\n", encoding="utf-8")
    (folder / "other.md").write_text("# Other\n\nNothing here.\n", encoding="utf-8")
    return sorted(folder.iterdir())


async def test_a_long_hit_keeps_where_it_is_and_its_match_in_view(store_root: Path, tmp_path: Path) -> None:
    app = make_app(store_root, write_long_library(tmp_path / "news"))
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("slash", "ctrl+t", *"cargo")
        await wait_until(pilot, lambda: len(library.text.hits) == 1 and library.rows.count == 1, "one sentence found")
        row = library.render_row(0, 96).plain
        assert len(row) <= 96
        assert row.endswith(" · 2") and "— Artillery pipeline" in row  # the place, with the sentence's number
        assert "cargo" in row  # the match, though it is at the sentence's end


async def test_in_text_mode_the_title_and_header_speak_of_sentences_found(store_root: Path, tmp_path: Path) -> None:
    app = make_app(store_root, write_library(tmp_path / "news"))
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")

        def title() -> str:
            return str(library.query_one("#section-header").render())

        def header() -> str:
            return str(library.query_one("#library-columns").render())

        assert (title(), header().split()[:2]) == ("Library · 3 articles", ["title", "path"])
        await pilot.press("slash", "ctrl+t", *"bank")
        await wait_until(pilot, lambda: library.text.progress is None and len(library.text.hits) == 2, "two sentences found")
        await wait_until(
            pilot, lambda: title() == "Library · 2 sentences found in 2 articles", "the title counting sentences"
        )  # of 3 listed
        assert header().split() == ["sentence", "where:", "title", "›", "section", "·", "number"]
        await pilot.press("ctrl+t")  # back to titles: no title holds "bank"
        await wait_until(pilot, lambda: title() == "Library · 0 of 3 articles", "the title counting articles")
        assert header().split()[:2] == ["title", "path"]
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: title().startswith("Library · 2 sentences"), "the sentences found again")
        await pilot.press("escape")  # the query dropped: the articles listed again
        await wait_until(pilot, lambda: title() == "Library · 3 articles", "the title counting articles")
        assert header().split()[:2] == ["title", "path"]


async def test_the_library_s_text_workers_are_described_in_a_few_words(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual describes a worker by the repr of its callable unless told otherwise: for the
    text index and the text search, every path of the library, made on the UI thread."""
    started = workers_started(monkeypatch, LibraryScreen)
    app = make_app(store_root, write_library(tmp_path / "news"))
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        await pilot.press("slash", "ctrl+t", *"bank")
        await wait_until(pilot, lambda: {"text-index", "text-search"} <= {w.group for w in started}, "both workers started")
    assert all(len(w.description) < 100 for w in started), [w.description[:80] for w in started]
