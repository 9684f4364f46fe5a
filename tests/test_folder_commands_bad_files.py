"""A folder named to ``stats``, ``export``, ``brief`` or ``agree`` stands for its readable
articles: an empty or binary file in it is left out, named in one line on stderr, and
the command goes on (exit 0); a bad file named on the command line stays one error, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Generous: a command that hangs fails its test instead of hanging the suite.
HANG_LIMIT = 60.0
NEWSMARK = str(Path(sys.executable).with_name("newsmark"))
BINARY = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
LEFT_OUT = {
    "binary.txt": "binary file, not text (contains NUL bytes)",
    "empty.txt": "empty file",
}
#: Each command with what shows it worked on the readable article (grid-outage.txt).
COMMANDS = {
    "stats": (["stats", "--json"], lambda out: [Path(a["path"]).name for a in json.loads(out)["articles"]] == ["grid-outage.txt"]),
    "export": (["export", "--format", "json", "-o", "-"], lambda out: "grid-outage.txt" in out and "water-audit" not in out),
    "brief": (["brief", "-o", "-"], lambda out: "Grid outage" in out and "Audit Finds" not in out),
    "agree": (["agree", "--json"], lambda out: [Path(a["path"]).name for a in json.loads(out)["articles"]] == ["grid-outage.txt"]),
}


def newsmark(*args: str, store: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newsmark ARGS`` against ``store``."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([NEWSMARK, *args], capture_output=True, text=True, env=env, timeout=HANG_LIMIT, cwd=cwd)


@pytest.fixture
def odd_folder(tmp_path: Path, samples: Path, store_root: Path) -> Path:
    """A folder with one tagged article, an empty file and a binary one; another article
    (water-audit) is tagged in the store but not in the folder."""
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "grid-outage.txt").write_bytes((samples / "grid-outage.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(BINARY)
    for article in (folder / "grid-outage.txt", samples / "water-audit.md"):
        tagged = newsmark("tag", str(article), "2", "claim", store=store_root, cwd=tmp_path)
        assert tagged.returncode == 0, tagged.stderr
    return folder


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_folder_command_works_on_the_readable_articles_and_names_the_rest(odd_folder: Path, store_root: Path, name: str) -> None:
    args, worked = COMMANDS[name]
    result = newsmark(*args, str(odd_folder), store=store_root, cwd=odd_folder.parent)
    assert result.returncode == 0, result.stderr
    assert worked(result.stdout), result.stdout
    expected = [f"newsmark: {odd_folder / file}: left out: {reason}" for file, reason in sorted(LEFT_OUT.items())]
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_current_folder_names_the_files_left_out_by_their_names(odd_folder: Path, store_root: Path, name: str) -> None:
    args, worked = COMMANDS[name]
    result = newsmark(*args, ".", store=store_root, cwd=odd_folder)
    assert result.returncode == 0, result.stderr
    assert worked(result.stdout), result.stdout
    assert result.stderr.splitlines() == [f"newsmark: {file}: left out: {reason}" for file, reason in sorted(LEFT_OUT.items())]


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("bad", sorted(LEFT_OUT))
def test_a_bad_file_named_on_the_command_line_is_one_error(odd_folder: Path, store_root: Path, name: str, bad: str) -> None:
    args, _ = COMMANDS[name]
    result = newsmark(*args, str(odd_folder / "grid-outage.txt"), str(odd_folder / bad), store=store_root, cwd=odd_folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"newsmark: {odd_folder / bad}: {LEFT_OUT[bad]}"]
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_folder_with_no_readable_article_is_an_error_not_the_whole_store(odd_folder: Path, store_root: Path, name: str) -> None:
    (odd_folder / "grid-outage.txt").unlink()
    args, _ = COMMANDS[name]
    result = newsmark(*args, str(odd_folder), store=store_root, cwd=odd_folder.parent)
    assert result.returncode == 2
    assert result.stdout == ""  # never every stored article instead
    lines = result.stderr.splitlines()
    assert lines[:-1] == [f"newsmark: {odd_folder / file}: left out: {reason}" for file, reason in sorted(LEFT_OUT.items())]
    assert lines[-1] == f"newsmark: {odd_folder}: no readable article here (each is left out, as said above)"
