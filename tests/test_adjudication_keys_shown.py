"""The adjudication view's key bar shows only the keys that can do something now:
``1`` takes a reading while a disagreement is shown, ``a`` while agreed readings wait
outside the final layer; pressed anyway, each says why it did nothing (once all were
settled the bar still offered both, and ``1`` did nothing without a word)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Notice, wait_until
from tests.test_adjudication_final_edits import disputes
from tests.test_reader import make_app
from tests.test_team_reader import SIZE, tag_as
from tui.screens.adjudication import AdjudicationScreen
from tui.widgets.key_bar import KeyBar


async def test_keys_that_can_do_nothing_leave_the_key_bar(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    disputes(store_root, article_copy)  # sentence 2 and 5 disputed
    tag_as(store_root, article_copy, "ana", 7, ["claim"])
    tag_as(store_root, article_copy, "bo", 7, ["claim"])  # 7 agreed
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)

        def bar() -> str:
            return screen.query_one(KeyBar).render_line(0).text

        await wait_until(pilot, lambda: "Take reading 1" in bar() and "Take agreed" in bar(), "both keys offered")
        await pilot.press("a")  # sentence 7 taken: nothing agreed waits now
        await wait_until(pilot, lambda: "Take agreed" not in bar(), "a gone from the key bar")
        assert "Take reading 1" in bar()
        await pilot.press("a")
        await wait_until(pilot, lambda: "already" in notices[-1].message, "a saying why it did nothing")
        await pilot.press("1", "1")  # both settled: the view says so
        assert screen.done
        await wait_until(pilot, lambda: "Take reading 1" not in bar(), "1 gone from the key bar")
        assert "Undo" in bar() and "Close" in bar()
        said = len(notices)
        await pilot.press("1")
        await wait_until(pilot, lambda: len(notices) > said, "1 saying why it did nothing")
        assert "settled" in notices[-1].message and "k" in notices[-1].message
        await pilot.press("u")  # a disagreement shown again: 1 is back
        await wait_until(pilot, lambda: "Take reading 1" in bar(), "1 back in the key bar")
