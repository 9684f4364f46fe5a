"""The library's columns stay aligned whatever a file is called: a name that is not UTF-8
is written as ``\\xe9`` (as the title and the command line write it), and a name of wide
characters (CJK, emoji) is cut by the cells it takes, not by its characters (tryout D9)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.screens.library import LibraryScreen
from tui.screens.library_rows import fit_paths
from tui.shown import column

from .conftest import wait_until
from .test_reader import make_app

TEXT = b"Bridge closed\n\nThe old bridge was closed on Monday after inspectors found corroded cables, the city said.\n"
NAMES = [
    b"caf\xe9-bridge.txt",  # Latin-1: not UTF-8
    b"bad\xffname.txt",
    "東京の古い橋が月曜日に閉鎖されたという長い記事の名前.txt".encode(),  # two cells a character
    "🌉 bridge closed 🚧 after inspection 🚧 of the cables.txt".encode(),
    b"plain-bridge.txt",
]


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in NAMES:
        with open(os.fsencode(folder) + b"/" + name, "wb") as file:
            file.write(TEXT)
    return folder


@pytest.mark.parametrize("width", [60, 80, 100, 160])
async def test_every_library_row_keeps_its_columns_whatever_the_name(store_root: Path, odd_folder: Path, width: int) -> None:
    paths = sorted(Path(os.fsdecode(os.fsencode(odd_folder) + b"/" + name)) for name in NAMES)
    app = make_app(store_root, paths)
    async with app.run_test(size=(width, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        room = library.rows.scrollable_content_region.width
        header = str(library.query_one("#library-columns").render()).rstrip()
        rows = [library.render_row(number, room).plain for number in range(len(paths))]
        shown = "\n".join(rows)
        assert "\\xe9-bridge.txt" in shown and "bad\\xffname.txt" in shown, shown  # cut from the left when narrow
        assert "\\udc" not in shown, shown
        last = {"opened": "never", "off": "—"}[header.split()[-1]]  # nothing opened yet
        for row in rows:
            assert cell_len(row) == cell_len(header), f"{row!r} under {header!r}"
            assert row.endswith(f" {last}"), row  # the last column whole, where the header puts it


@pytest.mark.parametrize("width", [8, 12, 17, 30])
def test_paths_are_cut_by_the_cells_they_take(width: int) -> None:
    paths = [
        "東京の古い橋が月曜日に閉鎖されたという長い記事の名前.txt",
        "🌉 bridge closed 🚧 after inspection 🚧.txt",
        "news/東京の古い橋/記事-0001.txt",
        "news/東京の古い橋/記事-0002.txt",
        "caf\\xe9-bridge.txt",
    ]
    for path, shown in zip(paths, fit_paths(paths, width), strict=True):
        assert cell_len(shown) <= width, (path, shown)
        assert shown == path or "…" in shown
    first, second = fit_paths(paths[2:4], width)
    assert first != second  # paths alike are still told apart


@pytest.mark.parametrize("width", [1, 5, 10, 11])
def test_a_column_of_wide_characters_fills_exactly_its_cells(width: int) -> None:
    for text in ("東京の古い橋が閉鎖", "🌉🚧 bridge", "short", "a東"):
        cell = column(text, width)
        assert cell_len(cell) == width, (text, cell)
        assert cell.rstrip() == text or cell.rstrip().endswith("…")
