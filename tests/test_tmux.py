"""Smoke test in a real terminal: tmux runs newsmark, we type and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import Store
from annotations.store.article_annotations import ArticleAnnotations

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

REPO = Path(__file__).resolve().parent.parent


class Terminal:
    """One tmux server and session of our own, driven by send-keys and capture-pane."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "newsmark")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "newsmark", key)
            time.sleep(0.15)

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.screen()}")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"newsmark-test-{uuid.uuid4().hex[:8]}")
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
            "; echo NEWSMARK-EXITED $?; sleep 30",
        ]
    )
    terminal.tmux("new-session", "-d", "-s", "newsmark", "-x", "100", "-y", "30", "-c", str(REPO), command)


def test_tag_quit_reopen_in_a_real_terminal(terminal: Terminal, store_root: Path, article_copy: Path) -> None:
    start(terminal, store_root, article_copy)
    terminal.wait_for(lambda s: "sentence 1/21" in s, "the reader")
    terminal.keys("j", "1", "j", "s")
    terminal.wait_for(lambda s: "2 tagged" in s, "two tagged sentences")
    terminal.keys("q")
    terminal.wait_for(lambda s: "NEWSMARK-EXITED 0" in s, "a clean exit")
    with Store(store_root, mode="read") as store:
        notes = ArticleAnnotations(store, load_article(article_copy), annotator="tmux-tester", schema=TagSchema())
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
    terminal.keys("j", "q")
    terminal.wait_for(lambda s: "NEWSMARK-EXITED 0" in s, "a clean exit")
