"""The checking keys work on one record: with a range of sentences selected, ``V`` sets
the cursor sentence's status, drops the range and says so; a source takes a grade (which
an empty grade removes), not a status or evidence."""

from __future__ import annotations

from pathlib import Path

from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog

from .conftest import Notice, wait_until
from .test_reader import make_app, reader
from .test_reader_panel_links import panel_text
from .test_reader_verdicts import CLAIM, SOURCE, prompt_error, stored, type_line


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


async def test_a_source_panel_shows_no_status_and_an_empty_grade_removes_it(
    store_root: Path, article_copy: Path, notices: list[Notice]
) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(140, 40)) as pilot:
        reader(app).move_to(SOURCE)
        await pilot.press("s", "r")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the grade prompt")
        await type_line(pilot, app, "")
        assert "type a grade" in prompt_error(app), "no grade to remove"
        await type_line(pilot, app, "B2")
        await wait_until(pilot, lambda: stored(store_root, article_copy).grade(SOURCE) == "B2", "the grade saved")
        await pilot.press("I")
        await wait_until(pilot, lambda: "Grade: B2" in panel_text(app), "the panel")
        assert "Status" not in panel_text(app) and "Evidence" not in panel_text(app), panel_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert any("claim or figure first" in n.message for n in notices), notices
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the grade prompt")
        await type_line(pilot, app, "")  # the grade removed
        await wait_until(pilot, lambda: stored(store_root, article_copy).grade(SOURCE) is None, "the grade removed")
        await pilot.press("u")
        await wait_until(pilot, lambda: stored(store_root, article_copy).grade(SOURCE) == "B2", "the removal undone")
