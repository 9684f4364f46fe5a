"""Terminal safety: no escape sequence, C1 or bidi control in a file, an import or a typed
value reaches the terminal; hostile front matter (aliases, huge or non-JSON meta) is
refused or made storable; every error is one line whatever a file name holds."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from annotations.errors import ArticleError, NewsmarkError, escape_controls
from annotations.exchange.stats import article_stats
from annotations.formats.frontmatter import MAX_META_BYTES
from annotations.formats.hygiene import clean_field, clean_line
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.cli.entry import run_handler
from tui.cli.outline import render_outline
from tui.cli.stats_table import render_stats

#: A generous bound on one command (the machine is shared): a failure bound, not a timing.
WAIT_LIMIT = 120.0
#: What must never reach a terminal: C0 except tab and newline, DEL, C1, bidi embeddings,
#: overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The same without bidi controls: what article text (and copies of it) never holds.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: A front matter whose fields hold YAML escapes: OSC title, clear screen, 8-bit CSI, bidi.
HOSTILE_FRONT_MATTER = (
    "---\n"
    'title: "Budget \\e]0;pwned\\a vote"\n'
    'author: "Ana \\e[2J Lima \\x9b31m red \\u202eevil\\u202c \\u2067iso\\u2069"\n'
    '"key \\e[1m bold": "value \\x07 bell"\n'
    'tags: ["\\e[5m", plain]\n'
    "---\n"
)
BODY = "Officials met on Monday. The vote was close. Nobody was happy.\n"


def run(*args: str, store: Path, limit_memory: bool = False) -> subprocess.CompletedProcess[bytes]:
    """``python -m tui.cli ARGS`` with its own store; stdout and stderr as bytes."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}

    def cap_memory() -> None:  # an alias bomb must not take the machine down with it
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        env=env,
        timeout=WAIT_LIMIT,
        preexec_fn=cap_memory if limit_memory else None,
    )


def assert_inert(output: bytes) -> None:
    """No unsafe byte or character in ``output`` (UTF-8)."""
    text = output.decode("utf-8")
    found = UNSAFE.findall(text)
    assert not found, f"unsafe characters {found!r} in output:\n{text!r}"


def assert_one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """Exit status 2 and exactly one inert line on stderr; that line."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    line = result.stderr.decode("utf-8")
    assert line.startswith("newsmark: ") and line.endswith("\n") and line.count("\n") == 1, line
    assert_inert(result.stderr)
    return line


def unsafe_values(value: Any, unsafe: re.Pattern[str] = UNSAFE) -> list[str]:
    """Every key or text inside ``value`` that holds an ``unsafe`` character."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in unsafe_values(k, unsafe) + unsafe_values(v, unsafe)]
    if isinstance(value, list):
        return [t for item in value for t in unsafe_values(item, unsafe)]
    return [value] if isinstance(value, str) and unsafe.search(value) else []


# -- cleaning ------------------------------------------------------------------------


@given(st.text())
def test_clean_field_and_line_remove_every_unsafe_character(text: str) -> None:
    field, line = clean_field(text), clean_line(text)
    assert not UNSAFE.search(field) and "\r" not in field
    assert not UNSAFE.search(line) and "\n" not in line and "\r" not in line
    assert clean_field(field) == field and clean_line(line) == line  # clean data passes unchanged


def test_clean_field_keeps_tabs_newlines_and_text() -> None:
    assert clean_field("Ask\tthe desk\r\nabout \x1b]0;x\x07it\u202e.\x9b") == "Ask\tthe desk\nabout ]0;xit."
    assert clean_line("Ana\nLima\x1b[2J") == "Ana Lima[2J"
    assert clean_field("RTL \u200f mark and \u05e9\u05dc\u05d5\u05dd stay") == "RTL \u200f mark and \u05e9\u05dc\u05d5\u05dd stay"


def test_escape_controls_makes_text_one_inert_line() -> None:
    shown = escape_controls("a\nb\x1b[2J\x9b\u202ec\td")
    assert shown == "a\\nb\\x1b[2J\\x9b\\u202ec\\td"
    assert escape_controls(shown) == shown


# -- articles: parse and tag ---------------------------------------------------------


@pytest.mark.parametrize(("name", "body"), [("hostile.md", "# Heading\n\n" + BODY), ("hostile.txt", BODY)], ids=["markdown", "sectioned"])
def test_front_matter_escapes_never_reach_the_terminal(tmp_path: Path, name: str, body: str) -> None:
    article = tmp_path / name
    article.write_text(HOSTILE_FRONT_MATTER + body, encoding="utf-8")
    store = tmp_path / "store"

    outline = run("parse", str(article), store=store)
    assert outline.returncode == 0, outline.stderr
    assert_inert(outline.stdout)
    assert b"Budget ]0;pwned vote" in outline.stdout

    as_json = run("parse", "--json", str(article), store=store)
    assert as_json.returncode == 0, as_json.stderr
    assert_inert(as_json.stdout)
    parsed = json.loads(as_json.stdout)
    assert not unsafe_values(parsed), unsafe_values(parsed)
    assert parsed["title"] == "Budget ]0;pwned vote"
    assert parsed["meta"]["author"] == "Ana [2J Lima 31m red evil iso"

    tagged = run("tag", str(article), "1", "claim", store=store)
    assert tagged.returncode == 0, tagged.stderr
    assert_inert(tagged.stdout)
    assert_inert(run("stats", store=store).stdout)
    exported = run("export", "--format", "json", store=store)
    assert not unsafe_values(json.loads(exported.stdout))


def test_outline_shows_controls_escaped_even_if_they_got_in(tmp_path: Path) -> None:
    """Second line of defence: an article built around the loader still prints inert."""
    path = tmp_path / "plain.txt"
    path.write_text(BODY, encoding="utf-8")
    article = dataclasses.replace(load_article(path), title="T \x1b]0;pwned\x07", meta={"who\x1b[2J": "a\nb \x9b31m \u202eevil", "n": 3})
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=100, highlight=False, markup=False)
    console.print(render_outline(article))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert not UNSAFE.search(shown), shown
    assert "\\x1b]0;pwned\\x07" in shown and "\\u202eevil" in shown


# -- imports -------------------------------------------------------------------------


def hostile_export(article: Path, annotator: str = "ana \\e[2J\\nlima") -> str:
    """An export written by hand whose free text holds escape sequences and bidi controls."""
    text = "Officials met on Monday."
    return f"""newsmark_export: 1
articles:
- title: "Budget \\e]0;pwned\\a vote \\u202eevil"
  path: {json.dumps(str(article))}
  sha256: {hashlib.sha256(article.read_bytes()).hexdigest()}
  meta: {{"key \\e[1m": "value \\x9b31m red", author: "\\e[2J Ana", list: ["\\a", 1]}}
  annotations:
  - sentence: 1
    section: 1
    section_title: "Lede \\e[2J"
    text: "{text}"
    tags: [claim]
    note: "Ask the desk\\n\\tabout \\e]0;pwned\\a this \\x9b31m \\u2066iso"
    annotator: "{annotator}"
    created: "2026-11-25T20:47:53.909483Z"
    updated: "2026-11-25T20:48:10.120044Z"
    id: 7eb666f1-b6a6-42c9-866d-263b13172041
    selector:
      exact: "{text}"
      prefix: ""
      suffix: " The vote was close."
      start: 0
      end: 24
"""


def test_imported_text_is_cleaned_and_round_trips(tmp_path: Path) -> None:
    article = tmp_path / "budget.txt"
    article.write_text(BODY, encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(hostile_export(article), encoding="utf-8")
    store = tmp_path / "store"

    imported = run("import", str(hostile), store=store)
    assert imported.returncode == 0, imported.stderr
    assert_inert(imported.stdout)
    assert_inert(run("stats", store=store).stdout)

    first = run("export", store=store)
    assert first.returncode == 0, first.stderr
    document = yaml.safe_load(first.stdout)
    assert not unsafe_values(document, TERMINAL_CONTROLS), unsafe_values(document, TERMINAL_CONTROLS)
    entry = document["articles"][0]
    record = entry["annotations"][0]
    assert entry["title"] == "Budget ]0;pwned vote \u202eevil"  # article text: its bidi controls are the author's
    assert record["note"] == "Ask the desk\n\tabout ]0;pwned this 31m iso"  # tab and newline kept in a note
    assert record["annotator"] == "ana [2J lima"  # one line
    assert record["section_title"] == "Lede [2J"
    assert entry["meta"] == {"key [1m": "value 31m red", "author": "[2J Ana", "list": ["", 1]}

    # What newsmark wrote comes back byte for byte.
    again = tmp_path / "first.yaml"
    again.write_bytes(first.stdout)
    other = tmp_path / "other"
    assert run("import", str(again), store=other).returncode == 0
    assert run("export", store=other).stdout == first.stdout


def test_stats_shows_controls_escaped_even_if_they_got_in(tmp_path: Path) -> None:
    """Second line of defence: a store written before cleaning existed prints inert."""
    root = tmp_path / "store"
    path = str(tmp_path / "evil\n\x1b]0;pwned\x07.txt")
    with Store(root, mode=LockMode.WRITE) as store:
        store.article_file(path).set_meta(path=path, sha256="ab" * 32, title="T \x1b[2J\x9b31m \u202eevil", meta={}, position=1)
        rows = [article_stats(f.meta["title"], f.meta["path"], f.view()) for f in store.stored_files()]
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=200, highlight=False, markup=False)
    console.print(render_stats(rows, TagSchema()))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert not UNSAFE.search(shown), shown
    assert "\\x1b[2J" in shown and "evil\\n\\x1b]0;pwned\\x07.txt" in shown
    assert_inert(run("stats", store=root).stdout)


# -- hostile front matter ------------------------------------------------------------


def alias_bomb(levels: int) -> str:
    """Front matter of ``levels`` lists, each holding nine aliases of the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n" + BODY


@pytest.mark.parametrize("levels", [9, 6, 2])
def test_front_matter_aliases_are_refused_in_one_line(tmp_path: Path, levels: int) -> None:
    article = tmp_path / "bomb.txt"
    article.write_text(alias_bomb(levels), encoding="utf-8")
    assert len(article.read_bytes()) < 1000
    result = run("parse", str(article), store=tmp_path / "store", limit_memory=True)
    line = assert_one_line_error(result)
    assert str(article) in line and "alias" in line


def test_meta_larger_than_the_cap_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    article.write_text("---\ntitle: Huge\nsummary: " + "x" * MAX_META_BYTES + "\n---\n" + BODY, encoding="utf-8")
    line = assert_one_line_error(run("parse", str(article), store=tmp_path / "store"))
    assert "front matter is too large" in line and "64 KB" in line
    # Binary data grows when decoded: the cap applies to the stored meta too.
    data = "A" * (MAX_META_BYTES * 3 // 4 - 100)
    article.write_text(f"---\ntitle: Huge\nsummary: !!binary {data}\n---\n" + BODY, encoding="utf-8")
    ok = run("parse", "--json", str(article), store=tmp_path / "store")
    assert ok.returncode == 0, ok.stderr  # base64 kept as written: no bigger than the source
    many = "---\ntitle: Many\n" + "".join(f"k{i}: [1, 2, 3, 4, 5, 6, 7, 8]\n" for i in range(3000)) + "---\n" + BODY
    article.write_text(many, encoding="utf-8")
    assert "front matter is too large" in assert_one_line_error(run("parse", str(article), store=tmp_path / "store"))


@pytest.mark.parametrize(
    "field",
    ["x: " + "[" * 300 + "]" * 300, "x: " + "[" * 21 + "]" * 21, "? " + "[" * 900 + "]" * 900 + "\n: v"],
    ids=["300 levels", "21 levels", "a key 900 levels deep"],
)
def test_deeply_nested_front_matter_is_refused(tmp_path: Path, field: str) -> None:
    """Deeper than an import accepts (20 levels), or than a JSON store can write."""
    article = tmp_path / "deep.txt"
    article.write_text("---\ntitle: Deep\n" + field + "\n---\n" + BODY, encoding="utf-8")
    line = assert_one_line_error(run("parse", str(article), store=tmp_path / "store"))
    assert "nested too deeply" in line


def test_imported_meta_larger_than_the_cap_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "budget.txt"
    article.write_text(BODY, encoding="utf-8")
    export = hostile_export(article).replace("  meta: {", f'  meta: {{summary: "{"x" * MAX_META_BYTES}", ')
    big = tmp_path / "big.yaml"
    big.write_text(export, encoding="utf-8")
    store = tmp_path / "store"
    line = assert_one_line_error(run("import", str(big), store=store))
    assert "meta' is too large" in line
    assert not list(store.glob("articles/*.json"))  # nothing imported


ODD_FRONT_MATTER = """---
title: Odd values
tags: !!set {b, a}
blob: !!binary aGVsbG8bWzJK
big: 123456789012345678901234567890
small: -123456789012345678901234567890
nan: .nan
inf: -.inf
ordered: !!omap [{a: 1}, {b: 2}]
pairs: !!pairs [{a: 1}, {a: 2}]
when: 2001-12-14t21:59:43.10-05:00
day: 2002-12-14
2020-01-01: date key
1.5: float key
null: null key
true: bool key
? [x, y]
: list key
? {k: v}
: map key
nested: {inner: !!set {z}}
---
"""


def test_odd_yaml_values_in_front_matter_can_be_tagged_and_exported(tmp_path: Path) -> None:
    article = tmp_path / "odd.txt"
    article.write_text(ODD_FRONT_MATTER + BODY, encoding="utf-8")
    store = tmp_path / "store"
    tagged = run("tag", str(article), "1", "claim", store=store)
    assert tagged.returncode == 0, tagged.stderr
    exported = run("export", store=store)
    assert exported.returncode == 0, exported.stderr
    meta = yaml.safe_load(exported.stdout)["articles"][0]["meta"]
    assert meta["tags"] == ["a", "b"]
    assert meta["blob"] == "aGVsbG8bWzJK"  # binary kept as its base64 text
    assert (meta["big"], meta["small"]) == ("123456789012345678901234567890", "-123456789012345678901234567890")
    assert (meta["nan"], meta["inf"]) == ("nan", "-inf")
    assert meta["ordered"] == [["a", 1], ["b", 2]]
    assert (meta["when"], meta["day"]) == ("2001-12-14T21:59:43.100000-05:00", "2002-12-14")
    assert (meta["2020-01-01"], meta["1.5"], meta["null"], meta["true"]) == ("date key", "float key", "null key", "bool key")
    assert meta['["x", "y"]'] == "list key" and meta['{"k": "v"}'] == "map key"
    assert meta["nested"] == {"inner": ["z"]}
    copy = tmp_path / "export.yaml"
    copy.write_bytes(exported.stdout)
    reimported = run("import", str(copy), store=tmp_path / "other")
    assert reimported.returncode == 0, reimported.stderr
    assert run("export", store=tmp_path / "other").stdout == exported.stdout


# -- one-line errors -----------------------------------------------------------------


def test_error_names_hostile_file_names_on_one_line(tmp_path: Path) -> None:
    name = "bad\nname \x1b]0;pwned\x07 \x9b31m \u202eevil.txt"
    missing = tmp_path / name
    store = tmp_path / "store"
    for args in (("parse", str(missing)), ("tag", str(missing), "1", "claim"), ("import", str(missing))):
        line = assert_one_line_error(run(*args, store=store))
        assert "bad\\nname \\x1b]0;pwned\\x07 \\x9b31m \\u202eevil.txt" in line
    empty = tmp_path / name
    empty.write_bytes(b"")
    line = assert_one_line_error(run("parse", str(empty), store=store))
    assert "empty file" in line


def test_error_reasons_and_internal_errors_are_one_inert_line(capsys: pytest.CaptureFixture[str]) -> None:
    error = ArticleError("/tmp/a\nb\x1b[2J", "front matter: bad \x1b]0;x\x07 value\non two lines")
    assert "\n" not in str(error) and not UNSAFE.search(str(error))
    assert str(error) == "/tmp/a\\nb\\x1b[2J: front matter: bad \\x1b]0;x\\x07 value on two lines"

    def broken(_: object) -> int:
        raise RuntimeError("torn\nline \x1b[2J")

    assert run_handler(broken, None) == 70  # type: ignore[arg-type]
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and not UNSAFE.search(line), line
    assert isinstance(error, NewsmarkError)


# -- the reader in a real terminal ---------------------------------------------------


def pane(socket: str, *args: str) -> str:
    """Run a tmux command on our own server; its output."""
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=WAIT_LIMIT).stdout


def wait_for_screen(socket: str, text: str) -> str:
    """Read the pane until ``text`` is on it (fail after :data:`WAIT_LIMIT` s)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while text not in (screen := pane(socket, "capture-pane", "-p", "-t", "newsmark")):
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {text!r}; screen was:\n{screen}")
        time.sleep(0.05)  # a polling interval, not a wait for anything
    return screen


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_reader_sends_no_escape_sequence_from_front_matter_or_an_imported_note(tmp_path: Path) -> None:
    """Textual draws text as given, ESC included (tried: a title or note holding
    ``\\e]0;...\\a`` set the pane's title): so nothing of the kind may reach it."""
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_FRONT_MATTER + BODY, encoding="utf-8")
    export = tmp_path / "notes.yaml"
    export.write_text(hostile_export(article, annotator="tmux-tester").replace("\\e]0;pwned", "\\e]2;pwned-note"), encoding="utf-8")
    store = tmp_path / "store"
    assert run("import", str(export), store=store).returncode == 0
    socket = f"newsmark-safety-{uuid.uuid4().hex[:8]}"
    env = {"NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "tmux-tester", "NEWSMARK_CONFIG": "", "TERM": "xterm-256color"}
    env.update({name: os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME") if name in os.environ})
    # The pane's size: under pytest-xdist the worker's COLUMNS=80 and LINES=24 reach the
    # pane through the tmux server, and the app would take them over the pane's own size.
    env.update({"COLUMNS": "100", "LINES": "30"})
    command = " ".join(["env", *(shlex.quote(f"{k}={v}") for k, v in env.items()), shlex.quote(sys.executable), "-m", "tui.cli"])
    command += f" {shlex.quote(str(article))}; exec sleep infinity"
    repo = Path(__file__).resolve().parent.parent
    reader: int | None = None
    try:
        pane(socket, "new-session", "-d", "-s", "newsmark", "-x", "100", "-y", "30", "-c", str(repo), command)
        wait_for_screen(socket, "sentence 1/3")
        shell = pane(socket, "display-message", "-p", "-t", "newsmark", "#{pane_pid}").strip()
        reader = int(subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, timeout=WAIT_LIMIT).stdout.split()[0])
        # Shown whole: an escape sequence would have swallowed text (or cleared the screen).
        screen = wait_for_screen(socket, "Budget ]0;pwned vote")
        assert "Officials met on Monday." in screen
        assert "pwned" not in pane(socket, "display-message", "-p", "-t", "newsmark", "#{pane_title}")
        pane(socket, "send-keys", "-t", "newsmark", "e")
        wait_for_screen(socket, "about ]2;pwned-note this 31m iso")
        assert "pwned" not in pane(socket, "display-message", "-p", "-t", "newsmark", "#{pane_title}")
    finally:
        pane(socket, "kill-server")
    # Closing the window over the note dialog hangs the reader up: it must end (it used
    # to wait for ever on Textual's output thread, holding the article's lock).
    assert reader is not None
    deadline = time.monotonic() + WAIT_LIMIT
    while Path(f"/proc/{reader}").exists() and Path(f"/proc/{reader}/stat").read_text().split()[2] != "Z":
        if time.monotonic() > deadline:
            os.kill(reader, signal.SIGKILL)
            raise AssertionError("the reader did not end after its terminal window closed")
        time.sleep(0.05)  # a polling interval, not a wait for anything
