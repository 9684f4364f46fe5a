"""The annotations overview says when a typed status or grade is unknown (as the command
line does), rather than silently keeping nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui.screens.annotations import AnnotationsScreen

from .conftest import wait_until
from .test_overview_verdicts import checked_store
from .test_reader import make_app


async def test_an_unknown_status_or_grade_is_named_in_the_status_line(store_root: Path, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    checked_store(store_root, article)
    app = make_app(store_root, [article, samples / "grid-outage.txt"])
    async with app.run_test(size=(200, 30)) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)

        def status() -> str:
            return str(overview.query_one("#status-line").render())

        await pilot.press("slash", *"status", "colon", *"bogus", "enter")
        await wait_until(pilot, lambda: "unknown status 'bogus' (known: unverified," in status(), f"the reason in {status()!r}")
        await pilot.press("escape", "slash", *"grade", "colon", "Z", "9", "enter")
        await wait_until(pilot, lambda: "'Z9' is not a grade" in status(), f"the reason in {status()!r}")
        assert "unknown status" not in status()
        await pilot.press("escape", "slash", *"grade", "colon", "E", "comma", "B", "2", "enter")
        await wait_until(pilot, lambda: "graded B2 or E" in status(), "known grades")
        assert "not a grade" not in status()
