"""Signals in a real terminal: SIGTERM, SIGHUP or SIGINT leave the reader as ``q`` does.

The reader runs under a pseudo-terminal of our own, so every byte it writes is seen:
after the signal it must have left the alternate screen, turned mouse reporting off and
shown the cursor again, and saved the reading position.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .conftest import WAIT_LIMIT

REPO = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 100, 30
MOUSE_MODES = ("1000", "1003", "1006", "1015")

# The real command line, with the reader's periodic position save (every 2 s) put out
# of the way: only leaving the reader can save the position the test checks.
LAUNCH = (
    "import sys\n"
    "import tui.screens.reader.screen as reader\n"
    "reader.POSITION_SAVE_DELAY = 3600.0\n"
    "from tui.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


class Reader:
    """newsmark's reader on a pseudo-terminal; ``output`` holds every byte it wrote."""

    def __init__(self, article: Path, store_root: Path) -> None:
        env = {
            **os.environ,
            "NEWSMARK_DB": str(store_root),
            "NEWSMARK_ANNOTATOR": "signal-tester",
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(ROWS),
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the reader
            os.chdir(REPO)
            os.execve(sys.executable, [sys.executable, "-c", LAUNCH, str(article)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.output = b""
        self.status: int | None = None

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout`` s; False once the terminal is closed."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: every process holding the terminal has ended
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: bytes) -> None:
        """Read until ``text`` has been written (since the last wait)."""
        seen_from = len(self.output)
        deadline = time.monotonic() + WAIT_LIMIT
        while text not in self.output[max(0, seen_from - len(text)) :]:
            if time.monotonic() > deadline or not self._read(0.1):
                raise AssertionError(f"gave up waiting for {text!r}; last output: {self.output[-300:]!r}")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait_for_exit(self) -> int:
        """Read until the reader has ended and closed the terminal; its wait status."""
        deadline = time.monotonic() + WAIT_LIMIT
        while self._read(0.1):
            if time.monotonic() > deadline:
                raise AssertionError(f"the reader did not end; last output: {self.output[-300:]!r}")
        _, self.status = os.waitpid(self.pid, 0)
        return self.status

    def hang_up(self) -> int:
        """Close the terminal, as when its window or connection goes; the wait status."""
        os.close(self.fd)
        self.fd = -1
        deadline = time.monotonic() + WAIT_LIMIT
        while not (ended := os.waitpid(self.pid, os.WNOHANG))[0]:
            if time.monotonic() > deadline:
                raise AssertionError("the reader did not end after its terminal closed")
            time.sleep(0.05)
        self.status = ended[1]
        return self.status

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)


@pytest.fixture
def reader(article_copy: Path, store_root: Path) -> Iterator[Reader]:
    running = Reader(article_copy, store_root)
    yield running
    running.close()


def move_to_sentence_5(reader: Reader) -> None:
    """Sentence 3 opens section 2 (a section change saves); 5 is saved only by leaving."""
    reader.wait_for(b"sentence 1/21")
    for number in range(2, 6):
        reader.send(b"j")
        reader.wait_for(f"sentence {number}/21".encode())


def saved_position(article: Path, store_root: Path) -> int:
    with Store(store_root, mode=LockMode.READ) as store:
        return open_article(store, load_article(article), annotator="signal-tester", schema=TagSchema()).position


def assert_ended_by(status: int, signum: int) -> None:
    """The reader exited by itself, with the shell's usual status for "ended by signum"."""
    assert os.WIFEXITED(status), f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else status
    assert os.WEXITSTATUS(status) == 128 + signum


def final_modes(output: bytes) -> dict[str, str]:
    """Each private terminal mode the output set or reset, as it was last left ('h' or 'l')."""
    modes: dict[str, str] = {}
    for match in re.finditer(rb"\x1b\[\?([\d;]+)([hl])", output):
        for mode in match.group(1).split(b";"):
            modes[mode.decode()] = match.group(2).decode()
    return modes


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_restores_the_terminal_and_saves_the_position(
    reader: Reader, signum: signal.Signals, article_copy: Path, store_root: Path
) -> None:
    move_to_sentence_5(reader)
    assert final_modes(reader.output)["1049"] == "h"  # the reader is on the alternate screen

    os.kill(reader.pid, signum)

    assert_ended_by(reader.wait_for_exit(), signum)
    modes = final_modes(reader.output)
    assert modes["1049"] == "l", "still in the alternate screen"
    assert modes["25"] == "h", "cursor still hidden"
    assert {mode: modes.get(mode) for mode in MOUSE_MODES} == dict.fromkeys(MOUSE_MODES, "l"), "mouse reporting still on"
    assert saved_position(article_copy, store_root) == 5


def test_a_closed_terminal_ends_the_reader_with_its_position_saved(reader: Reader, article_copy: Path, store_root: Path) -> None:
    move_to_sentence_5(reader)
    assert_ended_by(reader.hang_up(), signal.SIGHUP)  # nothing left to restore, and no hang on writing to it
    assert saved_position(article_copy, store_root) == 5
