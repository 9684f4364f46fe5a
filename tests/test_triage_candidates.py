"""Triage as a new user meets it (tryout item F): the three best candidate sentences
with their scores, however weak; the reader's orphan count follows each decision made
in the triage view; the triage key bar keeps its leaving keys and help at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from tui.app import NewsmarkApp
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.triage import TriageScreen
from tui.widgets.key_bar import KeyBar

from .conftest import wait_until
from .test_reader import make_app
from .test_triage import cli, prepare

#: Sentence 2 of the sample article, rewritten: its claim becomes an orphan.
REWRITTEN = "The officials said the shipments arrived by rail through the Far East and were distributed to units within days, a pace that surprised Western analysts."


def orphaned_sample(store_root: Path, article_copy: Path) -> None:
    """Ana tagged 1-3 claim; sentence 2 was then rewritten (as in the tryout)."""
    with Store(store_root) as store:
        open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema()).edit([1, 2, 3], add=["claim"])
    text = article_copy.read_text(encoding="utf-8")
    article_copy.write_text(text.replace(REWRITTEN, "Trains carried everything east to west."), encoding="utf-8")


def test_orphans_lists_the_three_best_candidates_with_their_scores_however_weak(store_root: Path, article_copy: Path) -> None:
    orphaned_sample(store_root, article_copy)
    listed = cli(store_root, "orphans", str(article_copy))
    assert listed.returncode == 0, listed.stderr
    shown = re.findall(r"candidate (\d): sentence (\d+) \((\d\.\d\d)\)", listed.stdout)
    assert [number for number, _, _ in shown] == ["1", "2", "3"], listed.stdout
    scores = [float(score) for _, _, score in shown]
    assert scores == sorted(scores, reverse=True) and scores[-1] < 0.5  # weak ones too, with their scores
    assert "2" in [sentence for _, sentence, _ in shown]  # the sentence now at its old place


def reader_status(app: NewsmarkApp) -> str:
    """The reader's status line as drawn (not computed afresh), under whatever screen is on top of it."""
    [screen] = [s for s in app.screen_stack if isinstance(s, ReaderScreen)]
    return screen.query_one("#status-line").render_line(0).text


async def test_the_readers_orphan_count_follows_each_decision_in_the_triage_view(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    app = make_app(store_root, [path])
    async with app.run_test(size=(100, 30)) as pilot:
        assert "2 orphaned (R)" in reader_status(app)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        triage = app.screen
        assert isinstance(triage, TriageScreen) and triage.group is not None and triage.group.orphan
        assert triage.query_one(OptionList).option_count == 3
        await pilot.press("d")
        await wait_until(pilot, lambda: "1 orphaned (R)" in reader_status(app), "the count after a delete, the view still open")
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("u")
        await wait_until(pilot, lambda: "2 orphaned (R)" in reader_status(app), "the count after an undo")


async def test_the_triage_key_bar_keeps_leave_close_and_help_at_80_columns(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    app = make_app(store_root, [path])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render_line(0).text
        for key in (" 1 ", " c ", " y ", " d ", " u ", " l ", " esc ", " ? "):
            assert key in bar, bar
        assert "Help" in bar and "Close" in bar, bar
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the triage view's help")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "back in the triage view")
