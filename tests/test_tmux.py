"""Smoke test in a real terminal: tmux runs newsmark, we type and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .conftest import WAIT_LIMIT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

REPO = Path(__file__).resolve().parent.parent
#: How often a wait reads the pane again (a polling interval, not a wait for anything).
POLL_SECONDS = 0.05


class Terminal:
    """One tmux server and session of our own, driven by send-keys and capture-pane."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server (no user config); its output."""
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", "/dev/null", *args], capture_output=True, text=True, timeout=WAIT_LIMIT
        ).stdout

    def screen(self) -> str:
        """The pane's text as shown now."""
        return self.tmux("capture-pane", "-p", "-t", "newsmark")

    def keys(self, *keys: str) -> None:
        """Type ``keys`` (the app reads them in order, however fast they come)."""
        self.tmux("send-keys", "-t", "newsmark", *keys)

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = WAIT_LIMIT) -> str:
        """Read the pane until ``predicate`` holds for it; fail naming ``what`` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not predicate(screen := self.screen()):
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}; screen was:\n{screen}")
            time.sleep(POLL_SECONDS)
        return screen

    def wait_for_text(self, text: str) -> str:
        """Read the pane until ``text`` is on it."""
        return self.wait_for(lambda screen: text in screen, repr(text))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A tmux server of the test's own (its socket in ``tmp_path``), killed afterwards."""
    term = Terminal(tmp_path / "tmux.socket")
    # The server stays up between sessions: a session started just after the last one was
    # killed could otherwise reach a server still on its way out, and not start.
    term.tmux("start-server", ";", "set-option", "-s", "exit-empty", "off")
    yield term
    term.tmux("kill-server")


def start(terminal: Terminal, store_root: Path, article: Path) -> None:
    command = " ".join(
        [
            "env",
            f"NEWSMARK_DB={store_root}",
            "NEWSMARK_ANNOTATOR=tmux-tester",
            *(f"{name}={os.environ[name]}" for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME") if name in os.environ),
            "TERM=xterm-256color",
            sys.executable,
            "-m",
            "tui.cli",
            str(article),
            # The shell stays until the session is killed: tmux drops what a pane printed
            # just before its process ended, so the exit line would not always be read.
            "; echo NEWSMARK-EXITED $?; exec sleep infinity",
        ]
    )
    terminal.tmux("new-session", "-d", "-s", "newsmark", "-x", "100", "-y", "30", "-c", str(REPO), command)


def test_tag_quit_reopen_in_a_real_terminal(terminal: Terminal, store_root: Path, article_copy: Path) -> None:
    start(terminal, store_root, article_copy)
    terminal.wait_for(lambda s: "sentence 1/21" in s, "the reader")
    for key, shown in (("j", "sentence 2/21"), ("1", "1 tagged"), ("j", "sentence 3/21"), ("s", "2 tagged")):
        terminal.keys(key)
        terminal.wait_for_text(shown)
    terminal.keys("q")
    terminal.wait_for(lambda s: "NEWSMARK-EXITED 0" in s, "a clean exit")
    with Store(store_root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(article_copy), annotator="tmux-tester", schema=TagSchema())
        assert (notes.tags(2), notes.tags(3), notes.position) == (["claim"], ["source"], 3)

    terminal.tmux("kill-session", "-t", "newsmark")
    start(terminal, store_root, article_copy)
    screen = terminal.wait_for(lambda s: "sentence 3/21" in s, "the reader back at sentence 3")
    assert "2 tagged" in screen and "tmux-tester" in screen


def test_hostile_text_stays_literal_in_a_real_terminal(terminal: Terminal, store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    hostile = write_article(
        "Officials said [bold]no[/] deal.\x1b]0;PWNED-TITLE\x07 The vote\x1b[2J was [link=https://evil.example]here[/link] and\x9b31m red.\n",
        "hostile.txt",
    )
    start(terminal, store_root, hostile)
    screen = terminal.wait_for(lambda s: "sentence 1/" in s, "the reader")
    assert "[bold]no[/] deal." in screen
    assert "[link=https://evil.example]here[/link]" in screen
    assert "PWNED-TITLE" not in terminal.tmux("display-message", "-p", "-t", "newsmark", "#{pane_title}")
    terminal.keys("j")
    terminal.wait_for(lambda s: "sentence 2/" in s, "the second sentence")
    terminal.keys("q")
    terminal.wait_for(lambda s: "NEWSMARK-EXITED 0" in s, "a clean exit")


def test_the_annotations_overview_draws_in_a_real_terminal(terminal: Terminal, store_root: Path, tmp_path: Path, samples: Path) -> None:
    """It stayed blank behind a loading indicator for ever in a real terminal (the store
    was read before the indicator had even been mounted)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("artillery-pipeline.txt", "grid-outage.txt"):
        shutil.copy(samples / name, folder / name)
    start(terminal, store_root, folder)
    terminal.wait_for(lambda s: "2 readable" in s, "the library")
    terminal.keys("a")
    # The title shows at once, with "reading the store…" under it until the store is read:
    # wait for the read to finish (the bug was that it never did).
    screen = terminal.wait_for(lambda s: "Annotations · every article" in s and "0 of 0 annotations" in s, "the annotations overview, read")
    assert "reading the store" not in screen, screen
