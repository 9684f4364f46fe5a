"""What a search looks at (annotations/library/text_scope.py): the same article files as the
library lists, each with the stamp that tells whether it changed since it was indexed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations.library.folders import library_articles
from annotations.library.text_scope import Scope


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder with articles, files that are none, hidden and generated ones, subfolders, a
    folder named like an article, a link back up the tree and a dangling link."""
    root = tmp_path / "root"
    for name in (
        "a.md",
        "B.TXT",
        "c.page.HTML",
        "notes.pdf",
        "md",
        ".hidden.md",
        "brief.newsmark.brief.html",
        "brief.newsmark-2.brief.html",
        "folder.md/inner.md",
        "sub/c.md",
        "sub/deeper/d.txt",
        "sub/deeper/deepest/e.txt",
        ".git/f.md",
    ):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# T\n\nA sentence.\n", encoding="utf-8")
    (root / "sub" / "up").symlink_to(root)
    (root / "gone.md").symlink_to(root / "missing.md")
    (root / "linked.md").symlink_to(root / "a.md")
    os.mkfifo(root / "pipe.md")
    return root


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_a_scope_lists_the_article_files_the_library_lists(tree: Path, depth: int) -> None:
    listed = {str(path) for path in library_articles(tree, depth).files}
    assert set(Scope.of([tree], depth=depth).stamps()) == listed
    assert str(tree / "a.md") in listed and str(tree / "B.TXT") in listed and str(tree / "linked.md") in listed
    assert (str(tree / "sub" / "c.md") in listed) == (depth >= 1)


def test_a_skipped_folder_is_left_out_as_the_library_leaves_it(tree: Path) -> None:
    listed = {str(path) for path in library_articles(tree, 3, skip=[tree / "sub" / "deeper"]).files}
    assert set(Scope.of([tree], depth=3, skip=[tree / "sub" / "deeper"]).stamps()) == listed
    assert str(tree / "sub" / "c.md") in listed and not any("deeper" in path for path in listed)


def test_a_stamp_is_the_size_and_both_times_of_the_file_a_link_names(tree: Path) -> None:
    stamps = Scope.of([tree]).stamps()
    for name in ("a.md", "linked.md"):
        status = os.stat(tree / name)
        assert stamps[str(tree / name)] == [status.st_size, status.st_mtime_ns, status.st_ctime_ns]


def test_files_named_are_in_the_scope_and_missing_ones_are_not(tree: Path) -> None:
    scope = Scope.of([tree / "sub" / "c.md", tree / "missing.md"])
    assert list(scope.stamps()) == [str(tree / "sub" / "c.md")]
    assert scope.covers(str(tree / "missing.md"))
