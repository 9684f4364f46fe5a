"""Link mode's palette offers the store's articles when the reader was opened on a single
file (no library): the other end of a link only has to be in the store."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from annotations.formats.loader import load_article
from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog

from .conftest import wait_until
from .test_reader import make_app, reader
from .test_reader_daily import palette_text
from .test_reader_links import tag
from .test_reader_verdicts import CLAIM, stored, type_line


async def test_the_palette_lists_the_store_articles_with_no_library(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path
) -> None:
    other = tmp_path / "grid-outage.txt"
    other.write_bytes((samples / "grid-outage.txt").read_bytes())
    title = load_article(other).title
    tag(store_root, other, {2: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    app = make_app(store_root, [article_copy])  # one file: no library
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("X", "ctrl+p", *title.split()[0])
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(pilot, lambda: f"Link to a sentence of: {title}" in palette_text(palette), "the store's article")
        assert "Artillery" not in palette_text(palette).split("Link to a sentence of:", 1)[1], "not this article"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the sentence number asked")
        await type_line(pilot, app, "2")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("c")
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(CLAIM), "the link saved")
