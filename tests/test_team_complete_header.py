"""The header by which a split file says it is complete: written and read back exactly,
and refused in one line when it is malformed or holds someone else's record (issue 29, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from annotations.exchange.yaml_layout import dump, load
from tui.cli import main


@pytest.fixture
def split_file(tmp_path: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's split file of the article, after tagging 2 and 4."""
    monkeypatch.setenv("NEWSMARK_DB", str(tmp_path / "ana-store"))
    monkeypatch.setenv("NEWSMARK_ANNOTATOR", "ana")
    assert main(["tag", str(article_copy), "2,4", "claim"]) == 0
    assert main(["export", "--split", str(tmp_path / "team")]) == 0
    [path] = (tmp_path / "team").glob("*/ana.yaml")
    return path


def test_the_fast_layout_writes_and_reads_the_marker_exactly(split_file: Path) -> None:
    text = split_file.read_text(encoding="utf-8")
    assert "\nannotator: ana\ncomplete: true\ntags:\n" in text
    document = load(text)  # the fast reader takes it (NotCanonical would fall back to PyYAML)
    assert document == yaml.safe_load(text) and dump(document) == text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("complete: true\n", "complete: false\n"), "header field 'complete' must be true"),
        (("annotator: ana\n", ""), "header field 'annotator' must be non-empty text"),
        (("complete: true\n", ""), "header field 'complete' must be true"),
        (("annotator: ana\n", 'annotator: ""\n'), "header field 'annotator' must be non-empty text"),
        (("    annotator: ana\n", "    annotator: bo\n"), "holds a record by 'bo'"),
    ],
)
def test_a_malformed_marker_is_refused_in_one_line_and_nothing_changes(
    tmp_path: Path,
    split_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    reason: str,
) -> None:
    forged = tmp_path / "forged.yaml"
    text = split_file.read_text(encoding="utf-8")
    assert change[0] in text
    forged.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    monkeypatch.setenv("NEWSMARK_DB", str(tmp_path / "bo-store"))
    capsys.readouterr()
    assert main(["import", str(forged)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsmark: {forged}: ") and reason in err and err.count("\n") == 1, err
    assert not (tmp_path / "bo-store").exists()
