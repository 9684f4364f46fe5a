"""The tryout's span defects in the reader: the status line and the word bar fit by
priority, the help in word mode, the panels count spans, a span's note, ``x`` on no span."""

from __future__ import annotations

import io
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Label, OptionList

from tui.screens.help import HelpScreen
from tui.screens.reader.status import Rank, StatusItem, fit_items
from tui.screens.reader.word_bar import WordBar

from .conftest import Notice, wait_until
from .test_cli_daily import newsmark
from .test_reader import make_app, reader, status
from .test_reader_spans import SHELLS, tag_words
from .test_reader_words import shells_lines


async def test_the_status_line_counts_the_spans_before_dropping_the_rest(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        tag_words(app, 6, SHELLS, "figure")
        tag_words(app, 6, "European partners", "source")
        tag_words(app, 6, "The Ukrainian army", "claim")
        await pilot.pause()
        line = status(app)
        assert cell_len(line) <= 100, line
        assert "3 spans" in line and "2/4" in line and "tagged" in line and "ana" in line, line


def test_a_dropped_item_leaves_one_separator() -> None:
    items = [
        StatusItem(Rank.POSITION, "sentence 6/21", "6/21"),
        StatusItem(Rank.ANNOTATOR, "ana" * 20),
        StatusItem(Rank.SUGGESTED, "‹claim · y/d›", lead="  "),
    ]
    assert fit_items(items, 30, short=True) == "6/21 · ‹claim · y/d›"


async def test_the_word_bar_drops_whole_hints_and_keeps_esc(store_root: Path, article_copy: Path) -> None:
    for width, height in ((80, 24), (60, 20)):
        app = make_app(store_root, [article_copy])
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            reader(app).move_to(6)
            await pilot.press("m")
            bar = app.screen.query_one(WordBar)
            await wait_until(pilot, lambda: bar.cursor is not None, "word mode")  # noqa: B023 (awaited in the loop)
            shown = bar.render().plain
            assert shown.rstrip().endswith("Esc") and cell_len(shown) <= bar.content_size.width, (width, shown)
            assert not shown.rstrip().endswith("·"), shown


async def test_help_in_word_mode_lists_word_modes_keys_and_word_mode_stays(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        await pilot.press("m")
        bar = app.screen.query_one(WordBar)
        await wait_until(pilot, lambda: bar.cursor is not None, "word mode")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, color_system=None, file=io.StringIO())
        console.print(app.screen.table)
        shown = console.export_text()
        word_part = shown[shown.index("Word mode keys") :]
        for key_and_action in (
            "Next word",
            "Extend the selection by the next word",
            "Clear your tags on the selected words",
            "Leave word mode",
        ):
            assert key_and_action in word_part, shown
        reader_part = shown[: shown.index("Word mode keys")]
        assert "Next word" not in reader_part and "Next section" in reader_part, reader_part  # ] still, l is word mode's
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "the help to close")
        assert bar.cursor is not None and app.focused is bar, "word mode stays"


def panel_text(renderable: object) -> str:
    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_the_panels_count_span_tags_as_stats_does(store_root: Path, article_copy: Path) -> None:
    for args in (
        ["6", "figure", "--span", SHELLS, "--note", "EU figure"],
        ["6", "concern", "--span", "European partners"],
        ["6", "concern"],
    ):
        result = newsmark("tag", str(article_copy), *args, store=store_root)
        assert result.returncode == 0, result.stderr
    stats = newsmark("stats", str(article_copy), "--json", store=store_root)
    assert stats.returncode == 0, stats.stderr
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = reader(app)
        screen.move_to(6)
        await pilot.press("a")
        await wait_until(pilot, lambda: screen.query("#annotations-title"), "the annotations panel")
        title = str(screen.query_one("#annotations-title", Label).render())
        assert "1 sentence: 1 tagged, 1 noted" in title, title
        await pilot.press("escape", "t")
        await wait_until(pilot, lambda: screen.query("#contents-list"), "the contents panel")
        contents = screen.query_one("#contents-list", OptionList)
        await wait_until(pilot, lambda: contents.option_count, "the sections")
        section = screen.article.section_of(6).number
        row = panel_text(contents.get_option_at_index(section - 1).prompt)
        assert "f1" in row and "o1" in row and "o2" not in row, (row, stats.stdout)


async def test_a_spans_note_shows_under_the_text_with_its_words(store_root: Path, article_copy: Path) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", SHELLS, "--note", "EU figure", store=store_root)
    assert result.returncode == 0, result.stderr
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        note_line = app.screen.query_one("#note-line")
        await wait_until(pilot, lambda: note_line.display, "the note line")
        assert f'"{SHELLS}": EU figure' in str(note_line.render()), str(note_line.render())


async def test_x_on_words_that_are_not_a_span_of_yours_says_so(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", SHELLS, store=store_root)
    assert result.returncode == 0, result.stderr
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        await pilot.press("m", "n", "greater_than_sign", "greater_than_sign", "x")  # "300,000 shells from"
        await wait_until(pilot, lambda: notices, "a notice")
        assert "300,000 shells from" in notices[-1].message and notices[-1].severity == "warning", notices
        assert len(reader(app).annotations.spans(6)) == 1  # the span on other words is left alone


async def test_another_annotators_span_is_marked_as_others_tags(store_root: Path, article_copy: Path) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", SHELLS, "--note", "EU figure", store=store_root)
    assert result.returncode == 0, result.stderr
    app = make_app(store_root, [article_copy], annotator="bo")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        await pilot.pause()
        assert f"⟨+⟩{SHELLS}⟨/+⟩" in shells_lines(app), shells_lines(app)
        tag_words(app, 6, SHELLS, "figure")  # bo's own figure too: ana's note is still others'
        await pilot.pause()
        assert f"⟨f+⟩{SHELLS}⟨/f+⟩" in shells_lines(app), shells_lines(app)
