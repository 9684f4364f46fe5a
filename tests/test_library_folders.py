"""The library on folders: articles in subfolders down to the config's ``library_depth``
(hidden folders, the store's own and loops left out), and paths cut so that two articles
of the same name in different folders still look different at 80 columns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.config import DEFAULT_LIBRARY_DEPTH, resolve_settings
from annotations.errors import ConfigError
from tui.cli.common import named_articles
from tui.screens.library import LibraryScreen
from tui.screens.library_rows import fit_paths

from .conftest import wait_until
from .test_reader import make_app

NEWSMARK = str(Path(sys.executable).with_name("newsmark"))


def copy_sample(samples: Path, folder: Path, name: str = "artillery-pipeline.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    return path


def relative(paths: list[Path], root: Path) -> list[str]:
    return [str(path.relative_to(root)) for path in paths]


async def test_two_articles_of_one_name_keep_apart_at_80_columns(
    store_root: Path, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newsmark sample_articles/ ana/articles/`` showed ``…ry-pipeline.txt`` twice."""
    monkeypatch.chdir(tmp_path)
    copy_sample(samples, tmp_path / "sample_articles")
    copy_sample(samples, tmp_path / "ana" / "articles")
    paths = named_articles(["sample_articles/", "ana/articles/"], keep_unreadable=True, depth=DEFAULT_LIBRARY_DEPTH)
    app = make_app(store_root, paths)
    async with app.run_test(size=(80, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        width = library.rows.scrollable_content_region.width
        rows = [library.render_row(row, width).plain for row in range(2)]
        shown = {_path_cell(row) for row in rows}
        assert len(shown) == 2, rows
        assert any(cell.startswith("ana/") for cell in shown) and any(cell.startswith("sample") for cell in shown), shown


def _path_cell(row: str) -> str:
    """The path column of a library line (the cell holding the file's extension)."""
    return next(cell for cell in row.split() if ".txt" in cell)


def test_paths_are_cut_from_the_left_unless_that_makes_two_alike() -> None:
    paths = [
        "sample_articles/artillery-pipeline.txt",
        "ana/articles/artillery-pipeline.txt",
        "sample_articles/other-story.txt",
        "short.txt",
    ]
    shown = fit_paths(paths, 16)
    assert shown[2:] == ["…other-story.txt", "short.txt"]  # alone of its kind: cut from the left
    assert len(set(shown)) == 4 and all(len(cell) <= 16 for cell in shown), shown
    assert shown[0].startswith("sample") and shown[1].startswith("ana/") and shown[0].endswith(".txt"), shown
    deep = fit_paths(["a/b/c/x/long-name-here.txt", "a/b/c/y/long-name-here.txt"], 16)
    assert deep == ["a/b/c/x/…ere.txt", "a/b/c/y/…ere.txt"]
    numbered = [f"folder-{n % 7}/sub/article-{n:05d}-long-name.txt" for n in range(2_000)]
    shown = fit_paths(numbered, 16)  # they differ too far in for a start and an end: the stretch up to the difference
    assert shown[17] == "…/article-00017…" and len(set(shown)) == len(numbered)
    assert (
        fit_paths(["same/long-name-there.txt", "same/long-name-there.txt"], 16) == ["…-name-there.txt"] * 2
    )  # one file named twice: nothing to tell apart


def test_a_library_lists_subfolders_to_the_configured_depth(tmp_path: Path, samples: Path) -> None:
    root = tmp_path / "library"
    copy_sample(samples, root, "top.txt")
    copy_sample(samples, root / "b-sub", "one.txt")
    copy_sample(samples, root / "b-sub" / "deeper", "two.txt")
    copy_sample(samples, root / "a-sub" / "l2" / "l3" / "l4", "too-deep.txt")
    copy_sample(samples, root / "a-sub" / "l2" / "l3", "three.txt")
    copy_sample(samples, root / ".hidden", "secret.txt")
    copy_sample(samples, root / "store" / "articles", "kept-out.txt")  # the store's own folder
    (root / "b-sub" / "deeper" / "loop").symlink_to(root, target_is_directory=True)
    listed = named_articles([str(root)], keep_unreadable=True, depth=3, skip=[root / "store"])
    assert relative(listed, root) == [
        "top.txt",
        "a-sub/l2/l3/three.txt",
        "b-sub/one.txt",
        "b-sub/deeper/two.txt",
    ]
    assert relative(named_articles([str(root)], depth=0), root) == ["top.txt"]
    assert relative(named_articles([str(root)], depth=1, skip=[root / "store"]), root) == ["top.txt", "b-sub/one.txt"]


def test_library_depth_is_read_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    assert resolve_settings(db=str(tmp_path / "store"), config=str(config) if config.exists() else None, environ={}).library_depth == 3
    config.write_text("library_depth: 1\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).library_depth == 1
    for bad in ("-1", "true", "deep", "99"):
        config.write_text(f"library_depth: {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="library_depth: must be a number of folder levels from 0 to"):
            resolve_settings(config=str(config), environ={})


def test_a_bad_library_depth_is_one_line_and_exit_2(tmp_path: Path, samples: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("library_depth: lots\n", encoding="utf-8")
    env = {**os.environ, "NEWSMARK_DB": str(tmp_path / "store"), "NEWSMARK_ANNOTATOR": "ana"}
    done = subprocess.run(
        [NEWSMARK, "--config", str(config), "stats", str(samples)], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"newsmark: {config}: library_depth: must be a number of folder levels from 0 to 32",
    ]


def test_an_only_article_in_a_subfolder_is_shown_with_its_subfolder(tmp_path: Path, samples: Path) -> None:
    """``newsmark lib/`` with lib/a/grid.txt alone showed ``grid.txt``, and ``a/grid.txt``
    once another article sat in lib/: the path is relative to the folder named."""
    from annotations.library.index import LibraryIndex
    from annotations.library.listing import Library
    from tui.cli.commands.opening import library_roots

    root = tmp_path / "lib"
    copy_sample(samples, root / "a")
    roots = library_roots([str(root), str(tmp_path / "not-a-folder.txt")])
    assert roots == [root]
    paths = named_articles([str(root)], keep_unreadable=True, depth=DEFAULT_LIBRARY_DEPTH)
    alone = Library(paths, tmp_path / "store", LibraryIndex(tmp_path / "index"), roots=roots)
    assert [item.shown_path for item in alone.items] == ["a/artillery-pipeline.txt"]
    copy_sample(samples, root, "port.txt")
    paths = named_articles([str(root)], keep_unreadable=True, depth=DEFAULT_LIBRARY_DEPTH)
    both = Library(paths, tmp_path / "store", LibraryIndex(tmp_path / "index"), roots=roots)
    assert sorted(item.shown_path for item in both.items) == ["a/artillery-pipeline.txt", "port.txt"]
