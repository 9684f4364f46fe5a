"""Links from the elsewhere panel, driven by Pilot over a real store: ``c`` links the
sentence's claim to the selected result's as ``corroborates``, ``x`` as ``contradicts``
(the hint line suggests the one the numbers call for), through link mode's code path:
stored once, seen from both ends, undone by ``u``, refused in one notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding

import annotations.store.links as store_links
from annotations.store.records import LinkEnd, Record
from tui.app import NewsmarkApp
from tui.screens.reader.elsewhere_panel import ElsewherePanel

from .conftest import Notice, wait_until
from .test_elsewhere_reader import SIZE, corpus
from .test_reader import make_app, reader
from .test_reader_links import tag
from .test_reader_verdicts import stored

#: harbour-courier.md's sentence 3 (the cost of the stoppage) is daily-ledger.md's 3 (numbers
#: the same) and north-wire.md's 2 (numbers differ): see tests/test_elsewhere_reader.py.
HERE, SAME, DIFFERS = 3, 3, 2


def links_of(store_root: Path, path: Path, sentence: int) -> list[tuple[str, bool, str, int]]:
    """The links of ``sentence`` of ``path`` as the store holds them: kind, outgoing, other end."""
    return [
        (link.kind, link.outgoing, Path(link.other["path"]).name, link.other["sentence"])
        for link in stored(store_root, path).links(sentence)
    ]


def hint(panel: ElsewherePanel) -> str:
    return str(panel.query_one("#elsewhere-hint").render())


async def open_panel(pilot: Any, app: NewsmarkApp) -> ElsewherePanel:
    """``=`` on sentence 3, and its results listed."""
    await pilot.press("j", "j", "equals_sign")
    panel = reader(app).query_one(ElsewherePanel)
    await wait_until(pilot, lambda: panel.results, "the elsewhere results")
    assert Path(panel.results[0].path).name == "daily-ledger.md" and panel.results[0].sentence == SAME
    return panel


async def test_c_links_the_pair_as_corroborates_from_both_ends_and_u_undoes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    folder, store_root = corpus(tmp_path), tmp_path / "store"
    here, other = folder / "harbour-courier.md", folder / "daily-ledger.md"
    tag(store_root, here, {HERE: "claim"})
    tag(store_root, other, {SAME: "claim"})
    scans: list[LinkEnd] = []
    real_scan = store_links.records_at_end

    def scan(store: Any, end: LinkEnd) -> list[Record] | None:
        scans.append(end)
        return real_scan(store, end)

    monkeypatch.setattr(store_links, "records_at_end", scan)
    app = make_app(store_root, [here])
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot, app)
        assert hint(panel).startswith("numbers agree: c corroborates · x contradicts")
        await pilot.press("c")
        await wait_until(pilot, lambda: links_of(store_root, here, HERE), "the link saved")
        assert links_of(store_root, here, HERE) == [("corroborates", True, "daily-ledger.md", SAME)]
        assert links_of(store_root, other, SAME) == [("corroborates", False, "harbour-courier.md", HERE)]
        assert any(n.message == f"Linked sentence {HERE}: corroborates daily-ledger.md#{SAME}." for n in notices)
        assert not scans, "the other article's records are read from its own file, not by reading the store"
        assert panel.has_focus_within, "the panel keeps the keys"

        await pilot.press("u")
        await wait_until(pilot, lambda: not links_of(store_root, here, HERE), "the link undone")
        assert links_of(store_root, other, SAME) == []


async def test_the_hint_suggests_contradicts_when_the_numbers_differ_and_a_result_not_tagged_claim_is_refused(
    tmp_path: Path, notices: list[Notice]
) -> None:
    folder, store_root = corpus(tmp_path), tmp_path / "store"
    here = folder / "harbour-courier.md"
    tag(store_root, here, {HERE: "claim"})
    tag(store_root, folder / "north-wire.md", {1: "claim"})  # in the store, but not its sentence 2
    app = make_app(store_root, [here])
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot, app)
        differs = next(i for i, r in enumerate(panel.results) if Path(r.path).name == "north-wire.md" and r.sentence == DIFFERS)
        for _ in range(differs):
            await pilot.press("down")
        assert panel.results[differs].numbers.value == "differs"
        assert hint(panel).startswith("numbers differ: x contradicts · c corroborates")
        await pilot.press("x")
        await wait_until(pilot, lambda: any(n.message.startswith("Not linked") for n in notices), "the refusal")
        await pilot.pause()
        refusals = [n for n in notices if n.message.startswith("Not linked")]
        assert refusals == [
            Notice(f"Not linked: north-wire.md#{DIFFERS} is not tagged claim or figure: a contradicts link leads to a claim", "error")
        ]
        assert links_of(store_root, here, HERE) == []


async def test_a_sentence_not_tagged_claim_is_one_notice_and_stores_nothing(tmp_path: Path, notices: list[Notice]) -> None:
    folder, store_root = corpus(tmp_path), tmp_path / "store"
    here, other = folder / "harbour-courier.md", folder / "daily-ledger.md"
    tag(store_root, here, {1: "claim"})  # not sentence 3
    tag(store_root, other, {SAME: "claim"})
    app = make_app(store_root, [here])
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(pilot, app)
        await pilot.press("c")
        await wait_until(pilot, lambda: any(n.message.startswith("Not linked") for n in notices), "the refusal")
        await pilot.pause()
        refusals = [n for n in notices if n.message.startswith("Not linked")]
        assert len(refusals) == 1 and refusals[0].severity == "error"
        assert "claim" in refusals[0].message
        assert links_of(store_root, here, HERE) == [] and links_of(store_root, other, SAME) == []
        assert stored(store_root, here).tags(HERE) == []


async def test_the_help_lists_the_panel_keys_and_the_palette_links_the_selected_result(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from tui.screens.help import HelpScreen

    from .test_help import help_text
    from .test_reader_daily import palette_text

    folder, store_root = corpus(tmp_path), tmp_path / "store"
    here, other = folder / "harbour-courier.md", folder / "daily-ledger.md"
    tag(store_root, here, {HERE: "claim"})
    tag(store_root, other, {SAME: "claim"})
    app = make_app(store_root, [here])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app.screen)
        assert "Elsewhere panel keys" in text
        for binding in ElsewherePanel.BINDINGS:
            assert isinstance(binding, Binding) and (binding.tooltip or binding.description) in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "the reader again")

        await open_panel(pilot, app)
        await pilot.press("ctrl+p", *"corrob")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(pilot, lambda: f"Link to daily-ledger.md#{SAME}: corroborates" in palette_text(palette), "the link entry")
        await pilot.press("enter")
        await wait_until(pilot, lambda: links_of(store_root, here, HERE), "the link saved")
        assert links_of(store_root, here, HERE) == [("corroborates", True, "daily-ledger.md", SAME)]


def test_the_other_ends_records_are_read_from_the_file_its_aliases_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.formats.loader import load_article
    from annotations.store.folder import LockMode, Store
    from annotations.store.links import end_of, records_by_alias

    folder, store_root = corpus(tmp_path), tmp_path / "store"
    other = folder / "daily-ledger.md"
    tag(store_root, other, {SAME: "claim"})
    moved = other.rename(folder / "ledger-moved.md")  # found by its content, not its path
    scans: list[LinkEnd] = []
    monkeypatch.setattr(store_links, "records_at_end", lambda store, end: scans.append(end))
    with Store(store_root, mode=LockMode.READ) as store:
        records = records_by_alias(store, end_of(load_article(moved), SAME))
        assert records is not None and [(r["sentence"], r["tags"]) for r in records] == [(SAME, ["claim"])]
        assert not scans
        assert records_by_alias(store, end_of(load_article(folder / "north-wire.md"), 1)) is None  # not stored: the scan says so
        assert len(scans) == 1
