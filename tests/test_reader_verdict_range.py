"""The checking keys work on one record: with a range of sentences selected, ``V`` sets
the cursor sentence's status, drops the range and says so."""

from __future__ import annotations

from pathlib import Path

from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog

from .conftest import Notice, wait_until
from .test_reader import make_app, reader
from .test_reader_verdicts import CLAIM, stored, type_line


async def test_v_on_a_range_sets_the_cursor_sentence_and_says_the_range_was_dropped(
    store_root: Path, article_copy: Path, notices: list[Notice]
) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM - 1)
        await pilot.press("v", "j", "c")  # a range of two sentences, both tagged claim
        await wait_until(pilot, lambda: stored(store_root, article_copy).own_tags(CLAIM - 1) == ["claim"], "both tagged")
        await pilot.press("V")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        assert screen.range_anchor is None, "the range is dropped"
        assert any("range was dropped, sentence 8 kept" in n.message for n in notices), notices
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the rationale prompt")
        await type_line(pilot, app, "Checked.")
        await wait_until(pilot, lambda: stored(store_root, article_copy).assessment(CLAIM).status == "verified", "verified saved")
        assert stored(store_root, article_copy).assessment(CLAIM - 1).status == "unverified"
        assert "range" not in str(screen.status.render())
