"""``newsmark FILE`` or ``newsmark FOLDER`` without a terminal (standard input or output
not one: a script, a pipe, a tool's shell): one error line and status 2, nothing
written (the app started anyway and spun a core until it was killed). The commands
still run without one; ``newsmark serve`` runs the app under textual-serve's driver
(tests/test_serve.py), and Pilot runs it without the command line."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_cli_daily import one_error_line

SAMPLE = Path(__file__).resolve().parent.parent / "sample_articles" / "artillery-pipeline.txt"
REPO = Path(__file__).resolve().parent.parent


def run(*args: str, store: Path, stdin: int | None = subprocess.DEVNULL, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMARK_DB": str(store), "NEWSMARK_ANNOTATOR": "ana", "PYTHONPATH": str(REPO)}
    env.pop("TEXTUAL_DRIVER", None)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=60
    )


def run_in_terminal(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    """``newsmark ARGS`` with a terminal (a pty) for input and output, and its error
    output captured: for what is said before the app starts."""
    leader, follower = pty.openpty()
    try:
        return run(*args, store=store, stdin=follower, stdout=follower)
    finally:
        os.close(leader)
        os.close(follower)


@pytest.mark.parametrize("folder", [False, True], ids=["reader", "library"])
def test_no_terminal_is_one_line_and_status_2(tmp_path: Path, folder: bool) -> None:
    article = tmp_path / "articles" / SAMPLE.name
    article.parent.mkdir()
    shutil.copyfile(SAMPLE, article)
    store = tmp_path / "store"
    line = one_error_line(run(str(article.parent if folder else article), store=store))
    assert "needs a terminal" in line and "newsmark stats" in line
    assert not store.exists()


def test_output_not_a_terminal_is_refused_too(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        result = run(str(SAMPLE), store=tmp_path / "store", stdin=follower)  # input a terminal, output a pipe
    finally:
        os.close(leader)
        os.close(follower)
    assert "needs a terminal" in one_error_line(result)


def test_commands_run_without_a_terminal(tmp_path: Path) -> None:
    result = run("stats", str(SAMPLE), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
