"""The who-tagged-what view with many annotators on a narrow terminal: the marker never
hides the text."""

from __future__ import annotations

from pathlib import Path

from .conftest import wait_until
from .test_reader import make_app, reader, status
from .test_team_reader import tag_as

TAGS = ["claim", "figure", "concern", "source"]


async def test_a_marker_wider_than_the_line_is_shortened_and_the_text_stays_whole(store_root: Path, article_copy: Path) -> None:
    for i in range(12):
        tag_as(store_root, article_copy, f"annotator{i:02d}", 1, TAGS[: 1 + i % 4], note="n")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(30, 20)) as pilot:
        screen = reader(app)
        await pilot.press("w")
        await wait_until(pilot, lambda: screen.view.who_tagged, "who view")
        lines = [screen.view.render_line(n).text.rstrip() for n in range(screen.view.size.height)]
        assert lines[0].startswith("[≠ ") and "…]" in lines[0]
        assert all(len(line) <= screen.view.size.width for line in lines)
        words = " ".join(lines).split()
        assert "Russian" in words and "forces" in words  # the sentence's first words are all drawn
        line = status(app)  # too narrow for the readings: left out whole, never cut
        assert len(line) <= screen.view.size.width and "annotator" not in line, line
        await pilot.resize_terminal(120, 20)  # room for how many readers gave each tag
        await wait_until(pilot, lambda: "[12 readers: claim 12, figure 9, concern 6, source 3]" in status(app), "the readings counted")
