"""Spans around the reader's text: the status line names the cursor sentence's spans and
fits them by priority, the annotations panel lists them, triage shows a span orphan's
words; all against the real store on disk."""

from __future__ import annotations

import io
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from textual.widgets import OptionList

from annotations.store.spans import find_words
from tui.app import NewsmarkApp
from tui.screens.triage import TriageScreen

from .conftest import wait_until
from .test_cli_daily import newsmark
from .test_reader import make_app, reader, status

SHELLS = "approx. 300,000 shells"


def tag_words(app: NewsmarkApp, sentence: int, words: str, tag: str) -> None:
    screen = reader(app)
    where = find_words(screen.article, sentence, words)
    screen.apply(lambda: screen.annotations.toggle_span(where, tag))


async def test_the_status_line_names_the_spans_and_fits_them_by_priority(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        tag_words(app, 6, SHELLS, "figure")
        tag_words(app, 6, "European partners", "source")
        await pilot.pause()
        line = status(app)
        assert 'figure: "approx. 300,000 shells"; source: "European partners"' in line, line
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        narrow = str(app.screen.query_one("#status-line").render())
        assert cell_len(narrow) <= 60 and ("sentence 6" in narrow or "6/21" in narrow), narrow
        assert "2 spans" in narrow and "…" not in narrow, narrow  # short of room: counted, never cut mid-word


async def test_the_annotations_panel_lists_each_span_with_tag_words_annotator_and_note(store_root: Path, article_copy: Path) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", SHELLS, "--note", "EU figure", store=store_root)
    assert result.returncode == 0, result.stderr
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = reader(app)
        screen.move_to(6)
        await pilot.press("a")
        await wait_until(pilot, lambda: screen.query("#annotations-list"), "the annotations panel")
        listing = screen.query_one("#annotations-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count, "the listed annotations")
        console = Console(width=60, record=True, color_system=None, file=io.StringIO())
        console.print(listing.get_option_at_index(0).prompt)
        shown = console.export_text()
        assert "The Ukrainian army received" in shown
        assert f'⟨f⟩ "{SHELLS}" ana ✎ EU figure' in shown, shown
        await pilot.press("escape", "m", "n", "s")  # a span tagged in the reader joins the list
        await wait_until(pilot, lambda: len(reader(app).annotations.spans(6)) == 2, "the second span")
        console = Console(width=60, record=True, color_system=None, file=io.StringIO())
        console.print(listing.get_option_at_index(0).prompt)
        assert '⟨s⟩ "300,000" ana' in console.export_text()


async def test_triage_shows_a_span_orphans_words(store_root: Path, article_copy: Path) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", SHELLS, store=store_root)
    assert result.returncode == 0, result.stderr
    text = article_copy.read_text(encoding="utf-8")
    article_copy.write_text(text.replace("The Ukrainian army received approx. 300,000 shells", "Kyiv got far fewer"), encoding="utf-8")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "orphaned (R)" in status(app)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        shown = str(app.screen.query_one("#triage-record").render())
        assert f"words: {SHELLS}" in shown and "in: The Ukrainian army received" in shown, shown
