"""Control characters in an article's path never reach a terminal or a written file: an
imported path is cleaned as it enters (as notes, titles and annotators are), and a path
that comes from the file system is shown escaped in briefs and CSV, and written escaped in
YAML and JSON exports (which read back as the same path)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

#: What a terminal acts on rather than shows: C0 but tab and newline, DEL, C1, bidi controls.
UNSAFE_BYTES = (b"\x1b", b"\x07", b"\x9b", "\u202e".encode(), "\u2066".encode())
HOSTILE_PATH = "\x1b]0;PWNED\x07\x1b[2J\u202e"
BODY = "Officials met on Monday. The vote was close.\n"


def cli(*args: str, store: Path) -> subprocess.CompletedProcess[bytes]:
    """``newsmark ARGS`` with its own store; stdout and stderr as bytes."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, env=env, timeout=120)


def assert_no_unsafe_bytes(output: bytes) -> None:
    found = [raw for raw in UNSAFE_BYTES if raw in output]
    assert not found, f"{found!r} in {output!r}"


def hostile_import(tmp_path: Path) -> Path:
    """A store holding one tagged article imported from an export whose path holds an OSC
    title, a clear-screen and a right-to-left override."""
    article = tmp_path / "budget.txt"
    article.write_text(BODY, encoding="utf-8")
    first = tmp_path / "first"
    assert cli("tag", str(article), "1", "claim", store=first).returncode == 0
    exported = cli("export", store=first)
    assert exported.returncode == 0, exported.stderr
    document = yaml.safe_load(exported.stdout)
    document["articles"][0]["path"] = HOSTILE_PATH
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    store = tmp_path / "store"
    imported = cli("import", str(hostile), store=store)
    assert imported.returncode == 0, imported.stderr
    return store


def test_an_imported_path_is_cleaned_for_briefs_and_every_export(tmp_path: Path) -> None:
    store = hostile_import(tmp_path)
    brief = cli("brief", store=store)
    assert brief.returncode == 0, brief.stderr
    assert_no_unsafe_bytes(brief.stdout)
    assert b"File: \\]0;PWNED\\[2J" in brief.stdout  # the text stays, Markdown-escaped
    html = tmp_path / "brief.html"
    assert cli("brief", "--format", "html", "-o", str(html), store=store).returncode == 0
    assert_no_unsafe_bytes(html.read_bytes())
    for fmt in ("csv", "yaml", "json"):
        exported = cli("export", "--format", fmt, store=store)
        assert exported.returncode == 0, exported.stderr
        assert_no_unsafe_bytes(exported.stdout)
    document = yaml.safe_load(cli("export", store=store).stdout)
    assert document["articles"][0]["path"] == "]0;PWNED[2J"  # cleaned as a one-line field


def test_a_path_from_the_file_system_is_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "evil\x1b]0;PWNED\x07\u202etxt.txt"
    article.write_text(BODY, encoding="utf-8")
    store = tmp_path / "store"
    tagged = cli("tag", str(article), "1", "claim", store=store)
    assert tagged.returncode == 0, tagged.stderr
    brief = cli("brief", store=store)
    assert brief.returncode == 0, brief.stderr
    assert_no_unsafe_bytes(brief.stdout)
    assert b"evil\\\\x1b\\]0;PWNED\\\\x07\\\\u202etxt.txt" in brief.stdout  # shown as its escapes
    html = tmp_path / "brief.html"
    assert cli("brief", "--format", "html", "-o", str(html), store=store).returncode == 0
    assert_no_unsafe_bytes(html.read_bytes())
    csv = cli("export", "--format", "csv", store=store)
    assert_no_unsafe_bytes(csv.stdout)
    assert b"evil\\x1b]0;PWNED\\x07\\u202etxt.txt" in csv.stdout
    for fmt in ("yaml", "json"):
        exported = cli("export", "--format", fmt, store=store)
        assert_no_unsafe_bytes(exported.stdout)
        # Written escaped, read back as the very path (the file it names is found again).
        assert yaml.safe_load(exported.stdout)["articles"][0]["path"] == str(article)
