"""Hardening, third round: folders and files as they come — symlinks out of a split
export's folder, FIFOs, symlink loops, file names that are not UTF-8, a full stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
#: Generous: a command that hangs fails its test instead of hanging the suite.
HANG_LIMIT = 60.0


def cli(*args: str, store: Path, cwd: Path = CHECKOUT, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run ``newsmark ARGS`` against ``store`` with a time limit a hang cannot pass."""
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "cli", "NEWSMARK_CONFIG": "", "PYTHONPATH": str(CHECKOUT)}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=HANG_LIMIT, cwd=cwd
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single ``newsmark:`` line a refused command printed (exit 2)."""
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("newsmark: "), result.stderr
    return lines[0]


# --- a full stdout -----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["parse", "ARTICLE"], ["export", "-o", "-"], ["export", "--format", "csv"], ["brief", "ARTICLE"], ["stats"]])
def test_a_full_stdout_is_one_line_and_exit_2(store_root: Path, article_copy: Path, command: list[str]) -> None:
    cli("tag", str(article_copy), "2", "concern", store=store_root)
    with open("/dev/full", "w") as full:
        result = cli(*(str(article_copy) if arg == "ARTICLE" else arg for arg in command), store=store_root, stdout=full.fileno())
    assert "No space left on device" in one_error_line(result)
    assert "standard output" in result.stderr
