"""Real processes: kill -9 while saving, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .crash_worker import operation

WORKER = Path(__file__).resolve().parent / "crash_worker.py"


def expected_state(count: int, sentences: int) -> set[tuple[int, str]]:
    state: set[tuple[int, str]] = set()
    for index in range(count):
        state ^= {operation(index, sentences)}
    return state


def stored_state(root: Path, article_path: Path) -> set[tuple[int, str]]:
    with Store(root, mode=LockMode.READ) as store:
        notes = open_article(store, load_article(article_path), annotator="crash", schema=TagSchema())
        return {(n, tag) for n in notes.tagged_sentences() for tag in notes.tags(n)}


def test_kill_9_loses_no_acknowledged_save(store_root: Path, article_copy: Path) -> None:
    rng = random.Random(1234)
    sentences = len(load_article(article_copy).sentences)
    done = 0
    kills = 12
    for _ in range(kills):
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), str(store_root), str(article_copy), str(done)], stdout=subprocess.PIPE, text=True
        )
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        first = worker.stdout.readline()  # its first save: every kill lands among saves, however loaded the machine
        time.sleep(rng.uniform(0.02, 0.3))  # the kill instant, at random
        os.kill(worker.pid, signal.SIGKILL)
        acknowledged = [int(line) for line in (first + worker.stdout.read()).split()]
        worker.wait()
        if acknowledged:
            done = acknowledged[-1] + 1
        state = stored_state(store_root, article_copy)  # opens, or the test fails here
        # The step in flight when the kill landed may or may not have reached the disk.
        if state == expected_state(done + 1, sentences):
            done += 1
        assert state == expected_state(done, sentences), f"acknowledged saves lost after {done} steps"
    assert done >= kills  # the workers really saved between kills


def test_second_writer_cli_is_refused_while_reader_cli_works(store_root: Path, article_copy: Path) -> None:
    with Store(store_root) as store:
        notes = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        notes.toggle([2], "claim")
        env = {**os.environ, "NEWSMARK_DB": str(store_root)}
        refused = subprocess.run(
            [sys.executable, "-m", "tui.cli", "tag", str(article_copy), "3", "figure"], capture_output=True, text=True, env=env, timeout=60
        )
        assert refused.returncode == 2
        assert (
            refused.stderr.strip()
            == f"newsmark: {store_root}: in use by process {os.getpid()}; only one newsmark can write to a store at a time"
        )
        exported = subprocess.run([sys.executable, "-m", "tui.cli", "export"], capture_output=True, text=True, env=env, timeout=60)
        assert exported.returncode == 0, exported.stderr
        assert "sentence: 2" in exported.stdout and "sentence: 3" not in exported.stdout
    allowed = subprocess.run(
        [sys.executable, "-m", "tui.cli", "tag", str(article_copy), "3", "figure"], capture_output=True, text=True, env=env, timeout=60
    )
    assert allowed.returncode == 0, allowed.stderr
