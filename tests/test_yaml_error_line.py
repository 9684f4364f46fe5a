"""A YAML error at the end of a file names the file's last line, not the empty line after
it (tryout 6: a one-line config ``garbage: [`` was "not valid YAML at line 2")."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_cli_daily import newsmark, one_error_line


@pytest.mark.parametrize(("text", "line"), [("garbage: [\n", 1), ("tags: []\n\ngarbage: {\n\n\n", 3), ("a: 1\nb: : c\n", 2)])
def test_the_line_named_is_one_of_the_files(tmp_path: Path, text: str, line: int) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    error = one_error_line(newsmark("--config", str(config), "stats", store=tmp_path / "store"))
    assert f"not valid YAML at line {line}:" in error


def test_an_import_file_cut_short_names_its_last_line(tmp_path: Path) -> None:
    export = tmp_path / "cut.yaml"
    export.write_text("newsmark_export: 1\narticles: [\n", encoding="utf-8")
    error = one_error_line(newsmark("import", str(export), store=tmp_path / "store"))
    assert "not valid YAML at line 2:" in error
