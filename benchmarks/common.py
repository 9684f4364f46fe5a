"""Helpers for the benchmarks: generated inputs, a pseudo-terminal runner, statistics."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 120, 40


def run_from_bytecode(cache: Path) -> None:
    """Make every process started from here on run from compiled bytecode, as installed.

    ``pip install`` compiles every module it installs, so a user's newsmark starts from
    bytecode. A checkout run with PYTHONDONTWRITEBYTECODE set (as on the machines these
    figures come from) compiles newsmark's modules from source on every start instead,
    ~35 ms that no user pays. The bytecode goes to ``cache``, not into the checkout.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)


def generate_article(path: Path, target_bytes: int, seed: int = 0) -> int:
    """Write a sectioned article of about ``target_bytes``; return its paragraph count."""
    paragraphs = _paragraphs(target_bytes, seed)
    lines: list[str] = [LEDE]
    for number, paragraph in enumerate(paragraphs):
        if number % 40 == 0:
            section = number // 40 + 1
            lines += ["|", f"Section {section} of the Report", f"Subtitle {section}"]
        lines.append(paragraph)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(paragraphs)


def generate_one_paragraph_article(path: Path, target_bytes: int) -> None:
    """Write the text :func:`generate_article` writes, all in one paragraph (as scraped
    text often is)."""
    paragraph = " ".join(_paragraphs(target_bytes, 0))
    path.write_text("\n".join([LEDE, "|", "The Report", "Scraped in one paragraph", paragraph]) + "\n", encoding="utf-8")


LEDE = "Lede paragraph one says the report covers supply lines. It is long."
SENTENCES = [
    "Officials said the shipments arrived by rail on the {n}th of the month.",
    "U.S. analysts counted approx. {n},000 shells at the depot near the port.",
    'The minister called the figures "misleading" and promised a review.',
    "Dr. Kim said the pattern matched earlier transfers seen in Jan. {n}.",
    "Prices rose {n}.5% in the quarter, the central bank reported.",
]


def _paragraphs(target_bytes: int, seed: int) -> list[str]:
    """Paragraphs of four news sentences, about ``target_bytes`` in all."""
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        number = len(paragraphs)
        picked = [SENTENCES[(number + i + seed) % len(SENTENCES)].format(n=(number * 7 + i) % 97 + 3) for i in range(4)]
        paragraphs.append(" ".join(picked))
        size += len(paragraphs[-1]) + 1
    return paragraphs


def median_ms(samples: Sequence[float]) -> float:
    """Median of samples in seconds, as milliseconds."""
    return statistics.median(samples) * 1000


def p90_ms(samples: Sequence[float]) -> float:
    """90th percentile of samples in seconds, as milliseconds."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))] * 1000


class PtyProcess:
    """A process on a pseudo-terminal of COLUMNS x ROWS; its output is searched as text."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path = REPO) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.chdir(cwd)
            full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS), **(env or {})}
            os.execvpe(argv[0], list(argv), full_env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.output = b""

    def wait_for(self, needle: bytes, timeout: float = 120.0) -> float:
        """Seconds from now until ``needle`` appears in new output."""
        start = time.perf_counter()
        seen_from = len(self.output)
        while True:
            if needle in self.output[max(0, seen_from - len(needle)) :]:
                return time.perf_counter() - start
            remaining = timeout - (time.perf_counter() - start)
            if remaining <= 0:
                raise TimeoutError(f"{needle!r} did not appear; last output: {self.output[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 1.0))
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    raise TimeoutError(f"process ended before {needle!r} appeared") from None
                self.output += chunk

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def peak_rss_mb(self) -> float:
        """Peak resident memory (VmHWM) of the process so far."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def time_to_text(argv: Sequence[str], needle: bytes, env: dict[str, str] | None = None, timeout: float = 180.0) -> float:
    """Seconds from spawn until ``needle`` is painted."""
    process = PtyProcess(argv, env)
    try:
        process.wait_for(needle, timeout)
        return time.perf_counter() - process.started
    finally:
        process.close()


def repeat(times: int, measure: Callable[[], float]) -> list[float]:
    """Run a measurement several times (after one warm-up run that fills OS caches)."""
    measure()
    return [measure() for _ in range(times)]


def newsmark_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", *args]


def run_command(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of a whole command; raises if it fails."""
    started = time.perf_counter()
    subprocess.run(argv, check=True, env={**os.environ, **(env or {})}, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started
