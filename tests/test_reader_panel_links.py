"""The verdict panel shows a link from another article (``←``), as ``T`` follows it,
and a source's grade beside the link that leads to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog
from tui.widgets.verdict_panel import VerdictPanel

from .conftest import wait_until
from .test_reader import make_app, reader
from .test_reader_links import tag
from .test_reader_verdicts import CLAIM, SOURCE, stored, type_line


def panel_text(app: NewsmarkApp) -> str:
    panels = [p for p in app.screen.query(VerdictPanel) if p.display]
    return panels[0].shown if panels else ""


async def test_a_link_from_another_article_is_shown_at_its_end(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "water-audit.md"
    other.write_bytes((samples / "water-audit.md").read_bytes())
    tag(store_root, other, {1: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    monkeypatch.chdir(tmp_path)
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(140, 40)) as pilot:  # linked in the reader, the path typed relative
        reader(app).move_to(CLAIM)
        await pilot.press("X", "o")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the PATH#N prompt")
        await type_line(pilot, app, "water-audit.md#1")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("x")
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(CLAIM), "the link saved")
    app = make_app(store_root, [other])
    async with app.run_test(size=(140, 40)) as pilot:
        reader(app).move_to(1)
        await pilot.press("I")
        await wait_until(pilot, lambda: "← contradicts" in panel_text(app), f"the link from the other article in {panel_text(app)!r}")
        assert "Analysts caution" in panel_text(app)


async def test_the_grade_of_a_linked_source_is_shown_beside_it(store_root: Path, article_copy: Path) -> None:
    tag(store_root, article_copy, {CLAIM: "claim", SOURCE: "source"})
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        annotations.set_grade(SOURCE, "B2")
        annotations.link(CLAIM, annotations.link_end(SOURCE), "attributed-to")
        annotations.release()
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(140, 40)) as pilot:
        reader(app).move_to(CLAIM)
        await pilot.press("I")
        await wait_until(pilot, lambda: "→ attributed-to" in panel_text(app), "the panel")
        line = next(x for x in panel_text(app).splitlines() if "→ attributed-to" in x)
        assert "B2" in line, line
