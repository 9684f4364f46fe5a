"""The help screen: scrolled by the reader's keys, the keys in the README's groups (both
made from the bindings' groups), a legend of every marker, and newsmark's keys only."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console
from textual.binding import Binding, BindingType

from annotations.schema import TagSchema
from tui.key_groups import GROUPS
from tui.screens.annotations import AnnotationsScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets import markers

from .conftest import wait_until
from .test_reader import make_app

README = Path(__file__).resolve().parent.parent / "README.md"


def rendered(renderable: object) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def help_text(screen: HelpScreen) -> str:
    return rendered(screen.table)


def readme_groups(title: str) -> list[str]:
    """The group names of one screen's table in the README's Keys section, in order."""
    keys = README.read_text(encoding="utf-8").split("<!-- keys:start", 1)[1].split("<!-- keys:end -->", 1)[0]
    table = keys.split(f"**{title}**\n", 1)[1].split("\n\n**", 1)[0]
    return re.findall(r"^\| \*\*(.+?)\*\* \| \|$", table, re.M)


def described(bindings: list[BindingType]) -> list[str]:
    return [b.tooltip or b.description for b in Binding.make_bindings(bindings) if b.description]


def in_order(text: str, names: list[str]) -> bool:
    places = [text.find(name) for name in names]
    return -1 not in places and places == sorted(places)


async def test_j_k_and_g_scroll_the_help_and_esc_q_question_mark_close_it(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        for close in ("escape", "q", "question_mark"):
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
            scroll = app.screen.query_one("#help-scroll")
            assert scroll.max_scroll_y > 5  # the help is longer than the screen
            await pilot.press("j", "j")
            await wait_until(pilot, lambda: scroll.scroll_y == 2, "j scrolls down")  # noqa: B023
            await pilot.press("k")
            await wait_until(pilot, lambda: scroll.scroll_y == 1, "k scrolls up")  # noqa: B023
            await pilot.press("G")
            await wait_until(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y, "G goes to the end")  # noqa: B023
            await pilot.press("g")
            await wait_until(pilot, lambda: scroll.scroll_y == 0, "g goes to the start")  # noqa: B023
            await pilot.press("down")
            await wait_until(pilot, lambda: scroll.scroll_y == 1, "the down arrow scrolls")  # noqa: B023
            await pilot.press("up")
            await wait_until(pilot, lambda: scroll.scroll_y == 0, "the up arrow scrolls back")  # noqa: B023
            await pilot.press("pagedown")
            await wait_until(pilot, lambda: scroll.scroll_y > 2, "PgDn scrolls a page")  # noqa: B023
            await pilot.press(close)
            await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), f"{close} closes the help")


async def test_the_reader_help_lists_every_key_in_the_readme_groups_and_a_legend_of_every_marker(
    store_root: Path, article_copy: Path
) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app.screen)
        groups = readme_groups("Reader")
        assert len(groups) >= 6 and in_order(text, groups)
        for description in described(ReaderScreen.for_schema(TagSchema()).BINDINGS):
            assert description in text
        legend = rendered(app.screen.legend)
        marks = {name: value for name, value in vars(markers).items() if name.isupper() and isinstance(value, str)}
        assert set(marks) >= {"NOTE_MARK", "OTHERS_MARK", "AGREE_GLYPH", "DISAGREE_GLYPH", "SUGGESTION_OPEN", "SUGGESTION_CLOSE"}
        for name, mark in marks.items():
            assert mark in legend, name
        assert "[cf]" in legend and "‹cf›" in legend and "[c✎]" in legend and "[c+]" in legend and "…]" in legend


async def test_the_library_and_overview_help_list_newsmark_keys_only(store_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_text("A first sentence. A second one.\n", encoding="utf-8")
    app = make_app(store_root, sorted(folder.iterdir()))
    async with app.run_test(size=(100, 30)) as pilot:
        for screen_class, title, opener in ((LibraryScreen, "Library", None), (AnnotationsScreen, "Annotations (`a` in the library)", "a")):
            if opener:
                await pilot.press(opener)
            await wait_until(pilot, lambda: isinstance(app.screen, screen_class), title)  # noqa: B023
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
            assert isinstance(app.screen, HelpScreen)
            text = help_text(app.screen)
            for description in described(screen_class.BINDINGS):
                assert description in text
            assert in_order(text, readme_groups(title))
            assert "Focus Next" not in text and "Copy selected text" not in text and "Focus Previous" not in text
            assert not app.screen.query("#help-legend")  # markers are the reader's
            await pilot.press("escape")


def test_every_described_key_belongs_to_a_group() -> None:
    """A key without a group would be left out of the help and the README."""
    from tui.screens.adjudication import AdjudicationScreen
    from tui.screens.brief import BriefScreen
    from tui.screens.note import DiscardNote, NoteDialog
    from tui.screens.triage import TriageScreen

    screens = (ReaderScreen.for_schema(TagSchema()), LibraryScreen, AnnotationsScreen, HelpScreen, AdjudicationScreen, BriefScreen)
    for owner in (*screens, NoteDialog, DiscardNote, TriageScreen):
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert not binding.description or binding.group in GROUPS, (owner.__name__, binding.key)
