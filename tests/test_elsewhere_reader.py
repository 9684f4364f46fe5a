"""The reader's elsewhere panel, driven by Pilot: the key lists the cursor sentence's claim
in other articles ("searching…" first, the results from a worker), Enter opens the other
article at that sentence, Esc closes the panel."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from annotations.elsewhere.matching import Result
from tui.screens.reader import ReaderScreen
from tui.screens.reader.elsewhere_panel import ElsewherePanel

from .conftest import wait_until
from .test_reader import make_app, reader

DEV = Path(__file__).resolve().parent / "data" / "elsewhere" / "dev"
SIZE = (120, 34)


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(DEV, folder, ignore=shutil.ignore_patterns("*.yaml"))
    return folder


async def test_the_panel_lists_other_articles_and_enter_opens_one_at_its_sentence(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(tmp_path / "store", [folder / "harbour-courier.md"])
    async with app.run_test(size=SIZE) as pilot:
        first = reader(app)
        await pilot.press("j", "j", "equals_sign")  # sentence 3: the cost of the stoppage
        panel = first.query_one(ElsewherePanel)
        assert panel.display and panel.sentence == 3
        await wait_until(pilot, lambda: panel.results, "the elsewhere results")
        listed = [(Path(r.path).name, r.sentence, r.numbers.value) for r in panel.results]
        assert listed[:2] == [("daily-ledger.md", 3, "same"), ("north-wire.md", 2, "differs")]
        assert all(name != "harbour-courier.md" for name, _, _ in listed)
        state = str(panel.query_one("#elsewhere-state").render())
        assert "in other articles" in state
        assert first.elsewhere_selected == panel.results[0]

        await pilot.press("down")
        assert first.elsewhere_selected == panel.results[1]
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is not first and isinstance(app.screen, ReaderScreen), "the other article's reader")
        other = reader(app)
        await wait_until(pilot, lambda: other.view.cursor == 2, "the cursor on the result's sentence")
        assert Path(other.article.path).name == "north-wire.md"

        await pilot.press("q")  # back to the first article, its panel as it was
        await wait_until(pilot, lambda: app.screen is first, "the first reader again")
        await pilot.press("escape")
        assert not panel.display and first.focused is first.view


async def test_the_panel_says_searching_until_the_worker_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotations.elsewhere.matching as matching

    answer = threading.Event()
    real = matching.find_elsewhere

    def held(*args: Any, **kwargs: Any) -> list[Result]:
        answer.wait(timeout=60)
        return real(*args, **kwargs)

    monkeypatch.setattr(matching, "find_elsewhere", held)
    folder = corpus(tmp_path)
    app = make_app(tmp_path / "store", [folder / "market-brief.md"])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("equals_sign")
        panel = screen.query_one(ElsewherePanel)
        await pilot.pause()
        assert str(panel.query_one("#elsewhere-state").render()) == "searching…" and not panel.results
        answer.set()
        await wait_until(pilot, lambda: "other articles" in str(panel.query_one("#elsewhere-state").render()), "the answer")
        assert panel.sentence == 1


async def test_an_article_named_in_bytes_not_utf8_finds_its_claim_elsewhere(tmp_path: Path) -> None:
    """Its own name cannot be in the index, so nothing of it is left out of the results, and
    the reader goes on (it died of the engine's error)."""
    import os

    folder = corpus(tmp_path)
    odd = Path(os.fsdecode(bytes(folder) + b"/harbour-courier-caf\xe9.md"))
    (folder / "harbour-courier.md").rename(odd)
    app = make_app(tmp_path / "store", [odd])
    async with app.run_test(size=SIZE) as pilot:
        first = reader(app)
        await pilot.press("j", "j", "equals_sign")
        panel = first.query_one(ElsewherePanel)
        await wait_until(pilot, lambda: panel.results, "the elsewhere results")
        assert [(Path(r.path).name, r.sentence) for r in panel.results][:2] == [("daily-ledger.md", 3), ("north-wire.md", 2)]


async def test_the_panel_leaves_out_a_copy_of_the_article_the_store_treats_as_it(tmp_path: Path) -> None:
    """A byte-identical copy at another path shares the article's text hash, so its store
    file: it was listed as another article (``0.95 same``) that ``c`` then refused to link."""
    folder = corpus(tmp_path)
    shutil.copyfile(folder / "harbour-courier.md", folder / "harbour-courier-copy.md")
    app = make_app(tmp_path / "store", [folder / "harbour-courier.md"])
    async with app.run_test(size=SIZE) as pilot:
        first = reader(app)
        await pilot.press("j", "j", "equals_sign")
        panel = first.query_one(ElsewherePanel)
        await wait_until(pilot, lambda: panel.results, "the elsewhere results")
        listed = [(Path(r.path).name, r.sentence) for r in panel.results]
        assert listed[:2] == [("daily-ledger.md", 3), ("north-wire.md", 2)], listed
        assert all(not name.startswith("harbour-courier") for name, _ in listed), listed


async def test_with_the_panel_open_the_key_bar_gives_c_and_x_one_meaning(tmp_path: Path) -> None:
    """The panel's c and x link; the tags keep their number keys in the bar, not c as well."""
    from tui.widgets.key_bar import KeyBar

    folder = corpus(tmp_path)
    app = make_app(tmp_path / "store", [folder / "harbour-courier.md"])
    async with app.run_test(size=(160, 34)) as pilot:
        first = reader(app)
        before = first.query_one(KeyBar).render_line(0).text
        assert "1/c claim" in before
        await pilot.press("equals_sign")
        await wait_until(pilot, lambda: first.query_one(ElsewherePanel).results, "the elsewhere results")
        await pilot.pause()
        bar = first.query_one(KeyBar).render_line(0).text
        assert "c Link: corroborates" in bar and "1 claim" in bar
        assert "c claim" not in bar and "1/c claim" not in bar


def test_the_help_names_the_result_list_s_keys() -> None:
    """Enter opens a result and j/k select one: the help's elsewhere section says so."""
    _heading, _about, bindings = ElsewherePanel.help_mode()
    described = {binding.key: binding.description for binding in bindings}
    assert described["enter"] == "Open the result" and described["j"] == "Next result" and described["k"] == "Previous result"
    assert {"c", "x", "escape"} <= set(described)
