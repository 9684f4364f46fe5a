"""The reader remembers the theme, one sentence per line and the library's sort between
runs, in a small preferences file that is never a reason to fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.model import Article, Section
from annotations.preferences import Preferences
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.section_layout import SectionLayout

from .conftest import wait_until


def app_with(store_root: Path, paths: list[Path], remembered: Path) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), preferences=Preferences(remembered))
    article = load_article(paths[0]) if len(paths) == 1 else None
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=article, paths=paths)


def test_values_round_trip_and_a_damaged_or_hand_edited_file_means_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "state" / "preferences.json"
    Preferences(path).set("theme", "textual-light")
    Preferences(path).set("sentence_lines", True)
    again = Preferences(path)
    assert (again.get("theme", ""), again.get("sentence_lines", False)) == ("textual-light", True)
    assert again.get("library_reverse", False) is False  # never set
    path.write_text('{"sentence_lines": "yes", "theme": 3}', encoding="utf-8")  # edited by hand
    edited = Preferences(path)
    assert (edited.get("theme", "dark"), edited.get("sentence_lines", False)) == ("dark", False)
    path.write_bytes(b"\x00{not json")
    assert Preferences(path).get("theme", "dark") == "dark"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    Preferences(blocked / "preferences.json").set("theme", "x")  # cannot be written: not remembered, no error
    assert not (blocked / "preferences.json").exists()


async def test_the_library_sort_is_remembered(store_root: Path, samples: Path, tmp_path: Path) -> None:
    remembered = tmp_path / "preferences.json"
    paths = sorted(samples.iterdir())
    app = app_with(store_root, paths, remembered)
    async with app.run_test(size=(120, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("s", "s", "r")  # by size (largest first), reversed: smallest first
        await pilot.press("q")
    app = app_with(store_root, paths, remembered)
    async with app.run_test(size=(120, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        sizes = [library.library.items[number].entry.stamp.size for number in library.order]  # type: ignore[union-attr]
        assert sizes == sorted(sizes) and sizes != sorted(sizes, reverse=True)
        assert "by size (reversed)" in str(library.query_one("#status-line").render())


async def test_sentence_lines_and_the_theme_are_remembered(store_root: Path, article_copy: Path, tmp_path: Path) -> None:
    remembered = tmp_path / "preferences.json"
    app = app_with(store_root, [article_copy], remembered)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and not reader.view.sentence_lines
        await pilot.press("number_sign")
        assert reader.view.sentence_lines
        app.theme = "textual-light"
        await pilot.press("q")
    app = app_with(store_root, [article_copy], remembered)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.view.sentence_lines
        assert app.theme == "textual-light"
        await pilot.press("number_sign")  # and back: remembered too
    assert Preferences(remembered).get("sentence_lines", True) is False


def test_two_running_readers_keep_each_others_choices(tmp_path: Path) -> None:
    """Each wrote its whole view back: the last one lost the other's choice (found in a review)."""
    path = tmp_path / "preferences.json"
    first, second = Preferences(path), Preferences(path)
    assert first.get("theme", "") == second.get("theme", "") == ""  # both loaded
    first.set("theme", "textual-light")
    second.set("sentence_lines", True)
    again = Preferences(path)
    assert (again.get("theme", ""), again.get("sentence_lines", False)) == ("textual-light", True)


async def test_remembered_sentence_lines_are_laid_out_once_at_start(
    store_root: Path, article_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One numbered sentence a line, remembered: the reader starts with them, its section
    laid out once (at its real width), not first at no width and again."""
    remembered = tmp_path / "preferences.json"
    Preferences(remembered).set("sentence_lines", True)
    widths: list[tuple[int, bool]] = []
    lay_out = SectionLayout.lay_out

    def counted(self: SectionLayout, article: Article, section: Section, width: int, *, one_per_line: bool) -> None:
        widths.append((width, one_per_line))
        lay_out(self, article, section, width, one_per_line=one_per_line)

    monkeypatch.setattr(SectionLayout, "lay_out", counted)
    app = app_with(store_root, [article_copy], remembered)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.view.render_line(0).text.strip(), "the first line")
        await pilot.pause()
        assert reader.view.sentence_lines
        assert len(widths) == 1 and widths[0][1], widths


async def test_the_remembered_theme_is_set_before_the_reader_is_made(
    store_root: Path, article_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader is made, and styled, in the remembered theme: set once it was made (the
    reader is the app's first screen), the theme restyled all of it before the first frame."""
    remembered = tmp_path / "preferences.json"
    Preferences(remembered).set("theme", "textual-light")
    app = app_with(store_root, [article_copy], remembered)
    themes: list[str] = []
    make = ReaderScreen.__init__

    def made(self: ReaderScreen, *args: Any, **kwargs: Any) -> None:
        themes.append(app.theme)
        make(self, *args, **kwargs)

    monkeypatch.setattr(ReaderScreen, "__init__", made)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, ReaderScreen)
        assert themes == ["textual-light"], themes
