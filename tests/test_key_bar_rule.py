"""The key bar never runs its last key into the rule before the palette's key, at any
width where every key still fits (real reader, real key bar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_reader_fit import READER_KEYS, bar_text, make_app


@pytest.mark.parametrize("width", [70, 71, 72, 76, 80])
async def test_a_space_before_the_palette_rule_and_every_key_from_70_columns(store_root: Path, samples: Path, width: int) -> None:
    app = make_app(store_root, samples / "port-strike.txt")
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        bar = bar_text(app)
        assert len(bar) == width and "▏" in bar, bar
        assert bar[bar.index("▏") - 1] == " ", bar
        assert [key for key in READER_KEYS if f" {key}" in bar] == READER_KEYS, bar
