"""The tryout's span defects in the reader: the status line and the word bar fit by
priority, the help in word mode, the panels count spans, a span's note, ``x`` on no span."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from tui.screens.reader.status import Rank, StatusItem, fit_items

from .test_reader import make_app, reader, status
from .test_reader_spans import SHELLS, tag_words


async def test_the_status_line_counts_the_spans_before_dropping_the_rest(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader(app).move_to(6)
        tag_words(app, 6, SHELLS, "figure")
        tag_words(app, 6, "European partners", "source")
        tag_words(app, 6, "The Ukrainian army", "claim")
        await pilot.pause()
        line = status(app)
        assert cell_len(line) <= 100, line
        assert "3 spans" in line and "2/4" in line and "tagged" in line and "ana" in line, line


def test_a_dropped_item_leaves_one_separator() -> None:
    items = [
        StatusItem(Rank.POSITION, "sentence 6/21", "6/21"),
        StatusItem(Rank.ANNOTATOR, "ana" * 20),
        StatusItem(Rank.SUGGESTED, "‹claim · y/d›", lead="  "),
    ]
    assert fit_items(items, 30, short=True) == "6/21 · ‹claim · y/d›"
