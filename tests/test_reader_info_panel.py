"""The article info panel beside the text: the text wraps in the room the panel leaves
(no word cut at its edge), and the file's path breaks at a separator. Real keys through Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import wait_until
from .test_reader import reader
from .test_reader_fit import make_app


def on_screen(app: object) -> list[str]:
    """The screen's rows as the terminal shows them."""
    return [strip.text for strip in app.screen._compositor.render_strips()]  # type: ignore[attr-defined]


async def test_the_text_beside_the_info_panel_never_ends_a_line_in_a_cut_word(store_root: Path, samples: Path) -> None:
    """The tryout's steps at 80x24: ``:10``, then ``i``."""
    app = make_app(store_root, samples / "artillery-pipeline.txt", suggestions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await pilot.press("colon", "1", "0", "enter", "i")
        await wait_until(
            pilot, lambda: bool(screen.query("InfoPanel")) and screen.query_one("InfoPanel").region.width > 0, "the info panel"
        )
        await pilot.pause()
        view = screen.view
        section = view.section
        expected = [word for p in section.paragraphs for s in p.sentences for word in s.text.split()]
        content = view.scrollable_content_region
        rows = on_screen(app)[content.y : content.bottom]
        lines, _ = view.laid_out()
        top = view.scroll_offset.y
        texts = [
            row[content.x : content.right] for index, row in enumerate(rows, top) if index < len(lines) and lines[index].kind == "text"
        ]
        shown = [word for text in texts for word in text.split()]
        assert len(shown) > 20, rows
        start = expected.index(shown[0])
        assert shown == expected[start : start + len(shown)], "\n".join(rows)
        assert not any("▏" in row[: view.region.right - 1] for row in rows), "\n".join(rows)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_info_panel_breaks_the_file_s_path_at_a_separator(
    store_root: Path, tmp_path: Path, samples: Path, size: tuple[int, int]
) -> None:
    folder = tmp_path / "sample_articles"
    folder.mkdir()
    path = folder / "artillery-pipeline.txt"
    path.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    app = make_app(store_root, path, suggestions=False)
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await pilot.press("i")
        await wait_until(
            pilot, lambda: bool(screen.query("#info-text")) and screen.query_one("#info-text").region.width > 0, "the info panel"
        )
        await pilot.pause()
        info = screen.query_one("#info-text").region
        rows = [row[info.x : info.right].rstrip() for row in on_screen(app)[info.y : info.bottom]]
        first = next(index for index, row in enumerate(rows) if row.startswith("File "))
        value = len("Format ")
        parts = [rows[first][value:]]
        for row in rows[first + 1 :]:
            if not row or row[:value].strip():  # the next label, or the end
                break
            parts.append(row[value:])
        assert "".join(parts) == str(path), rows
        assert len(parts) > 1 and all(part[-1] in "/-_." for part in parts[:-1]), rows
