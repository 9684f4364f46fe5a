"""A long search term in the status line: the term is shortened, then left out, before
any other item goes; the match (or no match) stays with the position and the section.
Real keys through Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from .conftest import wait_until
from .test_reader import reader
from .test_reader_fit import make_app

#: Sentence 2 of water-audit.md, found whole.
FOUND = "the city's water department said the affected fountains were shut off"
#: A long term found nowhere (the tryout's: a shell command typed into the search bar).
NOT_FOUND = "tmp/t6/ana; NEWSMARK_DB=/tmp/t6/store-ana newsmark --annotator ana artillery-pipeline.txt"


@pytest.mark.parametrize("width", [100, 80])
@pytest.mark.parametrize(("term", "result"), [(FOUND, "match 1/1"), (NOT_FOUND, "no match")])
async def test_a_long_search_term_is_shortened_and_the_match_stays(
    store_root: Path, samples: Path, width: int, term: str, result: str
) -> None:
    app = make_app(store_root, samples / "water-audit.md", suggestions=False)
    async with app.run_test(size=(width, 30)) as pilot:
        screen = reader(app)
        await pilot.press("j", "slash", *term, "enter")
        await wait_until(pilot, lambda: screen.status.search is not None and screen.status.search.term == term, "the search")
        await wait_until(pilot, lambda: not screen.search.bar_shown, "the search bar closed")
        await pilot.pause()
        line = screen.status.render_line(0).text.strip()
        assert line.endswith(f" · {result}"), line
        assert line.startswith(("sentence 2/11 · ", "2/11 · ")), line
        assert "section 1/3" in line or "§1/3" in line, line
        assert cell_len(line) <= width - 2, line
        if "search: " in line:  # its term shortened at a word, from the end
            shown = line.split("search: ")[1].removesuffix(f" · {result}")
            assert shown == term or (shown.startswith("…") and term.endswith(" " + shown[1:])), line


def test_a_term_s_end_is_cut_at_a_word_or_not_shown() -> None:
    from tui.shown import excerpt_end

    assert excerpt_end("were shut off", 20) == "were shut off"
    assert excerpt_end(FOUND, 20) == "…were shut off"
    assert excerpt_end("a b artillery-pipeline.txt", 20) == ""  # its last word alone is too long
