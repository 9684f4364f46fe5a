"""The status line of a big article opened in parts says how the rest comes, in words,
and stays readable (never covered by a spinner) before and after the rest is in."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

from .conftest import wait_until
from .test_reader import SIZE, GatedRest, big_article, reader, status


async def test_the_rest_read_from_the_cache_leaves_the_status_line_readable(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.reader.screen as reader_module

    cache = SentenceCache(tmp_path / "cache")
    path = big_article(tmp_path / "big.txt")
    load_article(path, cache=cache)  # every sentence cached: the rest is read, not split
    monkeypatch.setattr(reader_module, "RestOfArticle", GatedRest)
    GatedRest.gate.clear()
    first = load_article(path, cache=cache, first_part_only=True)
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), sentence_cache=cache)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=first, paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.pause()
        try:
            assert "loading the rest" in status(app)
            assert_status_line_shown(app)
        finally:
            GatedRest.gate.set()
        await wait_until(pilot, lambda: screen.article.complete, "the whole article")
        await pilot.pause()
        assert "sentence 1/6000" in status(app)
        assert_status_line_shown(app)


def assert_status_line_shown(app: NewsmarkApp) -> None:
    """What is drawn where the status line is: the status line itself, not a spinner over it."""
    line = app.screen.query_one("#status-line")
    shown, _ = app.screen.get_widget_at(line.region.x + 2, line.region.y)
    assert shown is line, f"{type(shown).__name__} covers the status line"
