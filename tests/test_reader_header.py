"""The reader's header on a narrow terminal: a title cut to fit says so with ``…``, cut
after a whole word. Real keys through Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import wait_until
from .test_reader import reader
from .test_reader_fit import make_app

WHOLE = "2/4 · How the Shells Reached the Front — Rail Links and Port Traffic"


@pytest.mark.parametrize("width", [60, 40, 100])
async def test_a_header_cut_to_fit_ends_with_an_ellipsis(store_root: Path, samples: Path, width: int) -> None:
    app = make_app(store_root, samples / "artillery-pipeline.txt", suggestions=False)
    async with app.run_test(size=(width, 20)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: screen.view.section.number == 2, "section 2")
        await pilot.pause()
        header = screen.query_one("#section-header")
        drawn = header.render_line(0).text.strip()
        if len(WHOLE) <= header.content_size.width:
            assert drawn == WHOLE
        else:
            assert drawn.endswith("…") and len(drawn) <= header.content_size.width, drawn
            shown = drawn.removesuffix("…")
            assert WHOLE.startswith(shown) and WHOLE[len(shown)] == " ", drawn  # cut after a whole word
