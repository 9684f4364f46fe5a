"""Annotator file names of a split export on every file system a team may use."""

from __future__ import annotations

import pytest

from annotations.team.split import annotator_file_name

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
