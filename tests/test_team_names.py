"""Annotator file names of a split export on every file system a team may use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from annotations.team.split import annotator_file_name
from tests.test_team_split import newsmark

#: Names a team may give: clashing only by case, hidden, reserved on Windows, long, not ASCII.
NAMES = ["ana", "Ana", "ANA", "..", ".git", "CON", "con", "nul.x", "Lpt1", "", "x" * 300, "zoë", "Zoë", "zoe\u0308", "ana/..", "ana\\b"]


def test_file_names_never_clash_on_a_case_insensitive_file_system() -> None:
    files = [annotator_file_name(name) for name in NAMES]
    assert len({f.lower() for f in files}) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_name_is_portable(name: str) -> None:
    file = annotator_file_name(name)
    stem = file.removesuffix(".yaml")
    assert file.endswith(".yaml") and file.isascii() and len(file) <= 80
    assert not stem.startswith(".") and "/" not in file and "\\" not in file
    assert stem.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "lpt1", "com1"}


def test_a_plain_lowercase_name_is_kept_as_it_is() -> None:
    assert annotator_file_name("ana") == "ana.yaml"
    assert annotator_file_name("bo-2.x_y") == "bo-2.x_y.yaml"


def test_one_text_in_two_folders_after_a_merge_leaves_an_annotator_one_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path
) -> None:
    """Two analysts exported the same text (named differently, so titled differently) on
    their branches: after the merge it has two folders. A later export writes one of them
    and removes the analyst's file from the other, or their deleted tags come back on import."""
    out, branch = tmp_path / "team", tmp_path / "bo-branch"
    elsewhere = tmp_path / "bo-home" / "zz-other-name.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(article_copy.read_bytes())
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(elsewhere), "3", "figure") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(elsewhere), "4", "figure") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(out)) == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "export", "--split", str(branch)) == 0
    (bo_folder,) = branch.iterdir()
    shutil.copytree(bo_folder, out / bo_folder.name)  # the merge
    assert len(list(out.iterdir())) == 2
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(elsewhere), "4", "figure", "--remove") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "export", "--split", str(out)) == 0
    bo_files = sorted(out.glob("*/bo.yaml"))
    assert len(bo_files) == 1
    assert [r["sentence"] for r in yaml.safe_load(bo_files[0].read_text(encoding="utf-8"))["articles"][0]["annotations"]] == [3]


def test_a_stale_file_holding_a_colleagues_records_is_never_removed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path
) -> None:
    """bo copied his export over ana's file by hand: ana's export, with no record of hers
    on the article, leaves it (and a file with merge-conflict markers) alone."""
    out = tmp_path / "team"
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "tag", str(article_copy), "5", "figure") == 0
    assert newsmark(monkeypatch, tmp_path / "bo", "bo", "export", "--split", str(out)) == 0
    (bo_file,) = out.glob("*/bo.yaml")
    shutil.copy(bo_file, bo_file.with_name("ana.yaml"))
    conflicted = bo_file.parent.parent / "other-0123456789ab" / "ana.yaml"
    conflicted.parent.mkdir()
    conflicted.write_text("newsmark_export:\n<<<<<<< HEAD\n  version: 1\n=======\n  version: 2\n>>>>>>> bo\n", encoding="utf-8")
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "2", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "2", "claim", "--remove") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(out)) == 0
    assert bo_file.with_name("ana.yaml").read_bytes() == bo_file.read_bytes()
    assert conflicted.exists()


def test_an_edited_copy_of_an_article_is_pointed_out_when_it_gets_a_folder_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cy's copy differs by a word: another hash, another folder, and agreement would never
    compare cy with ana. The export says so instead of keeping quiet."""
    out = tmp_path / "team"
    edited = tmp_path / "cy-home" / article_copy.name
    edited.parent.mkdir()
    edited.write_text(article_copy.read_text(encoding="utf-8").replace("the ", "teh ", 1), encoding="utf-8")
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "tag", str(article_copy), "3", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "tag", str(edited), "3", "claim") == 0
    assert newsmark(monkeypatch, tmp_path / "ana", "ana", "export", "--split", str(out)) == 0
    (ana_folder,) = out.iterdir()
    capsys.readouterr()
    assert newsmark(monkeypatch, tmp_path / "cy", "cy", "export", "--split", str(out)) == 0
    (cy_folder,) = [p for p in out.iterdir() if p != ana_folder]
    warning = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warning) == 1 and cy_folder.name in warning[0] and ana_folder.name in warning[0] and "another text" in warning[0]
