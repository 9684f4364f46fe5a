"""The README's key table is generated from the real bindings; it must not drift."""

from __future__ import annotations

import re
from pathlib import Path

from tui.keys import markdown_key_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_key_table_matches_the_bindings() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- keys:start[^>]*-->\n(.*?)\n<!-- keys:end -->", text, re.S)
    assert match, "README lost its generated key table"
    assert match.group(1) == markdown_key_table(), "README keys drifted: run `python -m tui.keys` and paste its output"


def test_readme_quick_start_has_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "newsmark sample_articles/" in commands[0]
    assert "pip install '.[test]'" in commands[1] and "pytest" in commands[1]
    assert Path(README.parent / ".ci" / "run").read_text(encoding="utf-8").count("pip install --quiet '.[test]'") == 1
