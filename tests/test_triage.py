"""Orphans in the reader (status line, annotations panel) and the triage view, driven
by Pilot key presses and checked against the store on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from tui.screens.reader import ReaderScreen
from tui.screens.triage import TriageScreen

from .conftest import wait_until
from .test_reader import SIZE, make_app, status
from .test_tmux import (
    Terminal,
    start,
    terminal,  # noqa: F401 (the fixture)
)

BODY = (
    "The council met on Monday to discuss the new harbour budget.\n"
    "Officials said the harbour would need 40 million euros over five years. Critics called the figure far too low. "
    "The mayor promised an independent review before the vote.\n"
    "Residents will be able to comment on the plan until the end of March.\n"
)
#: Critics rewritten (its record becomes an orphan), harbour changed with its
#: neighbour (an orphan whose best candidate is what it became), residents shortened
#: (re-anchored fuzzily, to review).
EDITED = (
    BODY.replace("Critics called the figure far too low.", "Fishermen demanded a quay.")
    .replace("40 million", "45 million")
    .replace("until the end of March.", "until March.")
)


def stored(store_root: Path, path: Path) -> ArticleAnnotations:
    """What the store holds now, read by a separate read-only store (closed again)."""
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(path), annotator="ana", schema=TagSchema())


def prepare(store_root: Path, path: Path) -> None:
    path.write_text(BODY, encoding="utf-8")
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        notes.edit([2], add=["figure"])
        notes.edit([3], add=["concern"], note="who are the critics?")
        notes.edit([5], add=["claim"])
    path.write_text(EDITED, encoding="utf-8")


async def test_orphans_are_counted_and_triaged_with_keys(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    app = make_app(store_root, [path])
    async with app.run_test(size=SIZE) as pilot:
        assert "2 orphaned (R)" in status(app)
        await pilot.press("a")
        await wait_until(pilot, lambda: "2 orphaned: R reviews" in str(app.screen.query_one("#annotations-title").render()), "panel")
        await pilot.press("escape", "escape")
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        assert [bool(r["orphan"]) for r in triage.records] == [True, True, False]  # orphans first, then fuzzy
        # the harbour's record: its best candidate is the sentence it became
        while triage.current is not None and "Officials" not in triage.current["text"]:
            await pilot.press("l")
        assert triage.current is not None
        shown = str(triage.query_one("#triage-record").render())
        assert "Officials said the harbour would need 40 million euros over five years." in shown and "figure" in shown
        await pilot.press("1")
        assert stored(store_root, path).tags(2) == ["figure"]
        assert len(triage.records) == 2
        # the critics' record: deleted, then brought back with u
        while triage.current is not None and "Critics" not in triage.current["text"]:
            await pilot.press("l")
        await pilot.press("d")
        assert stored(store_root, path).orphans() == []
        await pilot.press("u")
        assert [r["note"] for r in stored(store_root, path).orphans()] == ["who are the critics?"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
        assert "1 orphaned (R)" in status(app)
        # attach to the sentence under the cursor: sentence 4 (the fishermen's)
        await pilot.press("j", "j", "j", "R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view again")
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        while triage.current is not None and "Critics" not in triage.current["text"]:
            await pilot.press("l")
        await pilot.press("c")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
        assert stored(store_root, path).tags(4) == ["concern"] and stored(store_root, path).note(4) == "who are the critics?"
        assert "orphaned" not in status(app)


async def test_a_fuzzy_anchor_is_reviewed_and_confirmed(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(BODY, encoding="utf-8")
    with Store(store_root) as store:
        open_article(store, load_article(path), annotator="ana", schema=TagSchema()).edit([2], add=["figure"])
    path.write_text(BODY.replace("40 million", "45 million"), encoding="utf-8")
    app = make_app(store_root, [path])
    async with app.run_test(size=SIZE) as pilot:
        assert "orphaned" not in status(app)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
        triage = app.screen
        assert isinstance(triage, TriageScreen) and len(triage.records) == 1
        assert "fuzzy (0.99 alike)" in str(triage.query_one("#triage-title").render())
        await pilot.press("y")
        assert triage.records == []
    (record,) = stored(store_root, path).records()
    assert (record["sentence"], record["anchor"], record["quote"]) == (2, "exact", "")


def cli(store_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_orphans_lists_attaches_and_deletes_headless(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    prepare(store_root, path)
    listed = cli(store_root, "orphans", str(path))
    assert listed.returncode == 0, listed.stderr
    assert "2 orphaned annotation(s)" in listed.stdout
    assert "was: Critics called the figure far too low." in listed.stdout and "note: who are the critics?" in listed.stdout
    assert "candidate 1: sentence 2 (0.9" in listed.stdout  # the harbour's record: what its sentence became
    assert "\\n" not in listed.stdout  # each part on a line of its own, not joined by an escaped line break
    assert any(line.startswith("    was: ") for line in listed.stdout.splitlines())
    ids = {line.split()[0]: line for line in listed.stdout.splitlines() if "  orphan  " in line}
    harbour = next(i for i, line in ids.items() if "[figure]" in line)
    critics = next(i for i, line in ids.items() if "[concern]" in line)
    with_fuzzy = cli(store_root, "orphans", str(path), "--fuzzy")
    assert "3 orphaned or fuzzy annotation(s)" in with_fuzzy.stdout and "fuzzy 0.9" in with_fuzzy.stdout
    attached = cli(store_root, "orphans", str(path), "--attach", harbour[:8], "2")
    assert attached.returncode == 0 and f"attached {harbour} to sentence 2" in attached.stdout, attached.stderr
    assert stored(store_root, path).tags(2) == ["figure"]
    deleted = cli(store_root, "orphans", str(path), "--delete", critics)
    assert deleted.returncode == 0, deleted.stderr
    assert stored(store_root, path).orphans() == []
    assert cli(store_root, "undo", str(path)).returncode == 0
    assert [r["id"] for r in stored(store_root, path).orphans()] == [critics]
    assert cli(store_root, "undo", str(path)).returncode == 0  # then the attach
    assert stored(store_root, path).tags(2) == []
    assert sorted(r["id"] for r in stored(store_root, path).orphans()) == sorted([critics, harbour])
    unknown = cli(store_root, "orphans", str(path), "--delete", "zzzzzz")
    assert unknown.returncode == 2 and len(unknown.stderr.splitlines()) == 1 and str(path) in unknown.stderr
    assert "no orphaned or fuzzy annotation has that id" in unknown.stderr


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_triage_in_a_real_terminal(terminal: Terminal, store_root: Path, tmp_path: Path) -> None:  # noqa: F811 (the fixture)
    path = tmp_path / "harbour.txt"
    path.write_text(BODY, encoding="utf-8")
    with Store(store_root) as store:
        notes = open_article(store, load_article(path), annotator="tmux-tester", schema=TagSchema())
        notes.edit([2], add=["figure"])
        notes.edit([3], add=["concern"], note="who are the critics?")
    path.write_text(EDITED, encoding="utf-8")
    start(terminal, store_root, path)
    terminal.wait_for(lambda s: "2 orphaned (R)" in s, "the orphan count")
    terminal.keys("R")
    screen = terminal.wait_for(lambda s: "1/2 · orphan" in s, "the triage view")
    assert "who are the critics?" in screen or "Officials said the harbour would need 40 million" in screen
    while "Officials said the harbour would need 40 million" not in terminal.screen():
        terminal.keys("l")
        terminal.wait_for(lambda s: "2/2 · orphan" in s or "1/2 · orphan" in s, "the next one")
    terminal.keys("1")
    terminal.wait_for(lambda s: "1/1 · orphan" in s, "one orphan left")
    terminal.keys("Escape")
    # The status line shows under the triage view too: wait for the view to close, or "q"
    # may reach the triage view (or follow Escape closely enough to read as Alt+q).
    terminal.wait_for(lambda s: "1 orphaned (R)" in s and "1 tagged" in s and "orphan(s)," not in s, "the reader with one orphan")
    terminal.keys("q")
    terminal.wait_for(lambda s: "NEWSMARK-EXITED 0" in s, "a clean exit")
    with Store(store_root, mode=LockMode.READ) as store:
        reread = open_article(store, load_article(path), annotator="tmux-tester", schema=TagSchema())
        assert reread.tags(2) == ["figure"] and len(reread.orphans()) == 1
