"""Splitting many paragraphs at once: the same sentences, with pysbd's share on two cores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations.sentences import batch
from annotations.sentences.batch import split_many
from annotations.sentences.splitter import split_sentences

from .conftest import WAIT_LIMIT
from .sentence_cases import GOLDEN_RULE_CASES, NEWS_CASES
from .test_hardening_sentences import NEWS_SENTENCES

REPO = Path(__file__).resolve().parent.parent
PARAGRAPHS = [text for text, _ in GOLDEN_RULE_CASES + NEWS_CASES] + NEWS_SENTENCES + ["", "   ", " ".join(NEWS_SENTENCES)]


@pytest.mark.parametrize("workers", [1, 2])
def test_split_many_gives_what_split_sentences_gives(workers: int) -> None:
    assert split_many(PARAGRAPHS, workers=workers) == [split_sentences(p) for p in PARAGRAPHS]


def record_pid_and_split(paragraphs: list[str]) -> list[list[tuple[int, int]]]:
    """A worker's job that also notes which process ran it (in ``$PIDS_FILE``)."""
    with Path(os.environ["PIDS_FILE"]).open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    return [split_sentences(paragraph) for paragraph in paragraphs]


def test_pysbd_share_is_split_in_a_worker_process_when_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    monkeypatch.setenv("PIDS_FILE", str(pids))
    monkeypatch.setattr(batch, "_split_all", record_pid_and_split)
    monkeypatch.setattr(batch, "PARALLEL_CHARS", 100)
    assert split_many(PARAGRAPHS, workers=2) == [split_sentences(p) for p in PARAGRAPHS]
    (pid,) = {int(line) for line in pids.read_text().split()}
    assert pid != os.getpid()


def test_no_worker_below_the_threshold_or_with_one_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(paragraphs: list[str]) -> list[list[tuple[int, int]]]:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(batch, "_split_all", forbidden)
    split_many(PARAGRAPHS, workers=2)  # the tricky ones hold far fewer than PARALLEL_CHARS
    monkeypatch.setattr(batch, "PARALLEL_CHARS", 100)
    split_many(PARAGRAPHS, workers=1)


WORKER_OUTLIVES = """
import os, sys, time
from annotations.sentences import batch

def slow(paragraphs):
    print(os.getpid(), flush=True)
    time.sleep(600)
    return []

batch._split_all = slow
batch.PARALLEL_CHARS = 10
batch.split_many(["At 5 a.m. Mr. Lee went to the bank. He left at 7 P.M. Mr. Lee went home."] * 4, workers=2)
"""


def test_a_worker_stops_when_the_process_that_started_it_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", WORKER_OUTLIVES], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + WAIT_LIMIT
        while _alive(worker):
            assert time.monotonic() < deadline, "the worker outlived the process that started it"
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait()


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live process (not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


LOAD_AND_LIST_MODULES = """
import sys
from annotations.formats.loader import load_article
from annotations.sentences.cache import SentenceCache
load_article(sys.argv[1], cache=SentenceCache(sys.argv[2]))
print(sorted(n for n in ("pysbd", "multiprocessing", "concurrent.futures", "annotations.sentences.batch", "annotations.sentences.fastpath") if n in sys.modules))
"""


def test_a_cached_article_loads_without_the_splitting_modules(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials said the talks failed. Prices rose 3.5% in March.\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def loaded_modules() -> str:
        run = subprocess.run(
            [sys.executable, "-c", LOAD_AND_LIST_MODULES, str(article), str(cache)], cwd=REPO, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert "annotations.sentences.fastpath" in loaded_modules()  # the first load splits
    assert loaded_modules() == "[]"  # the second reads the cache


def test_cache_sentences_keeps_what_load_article_would_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.formats.loader import cache_sentences, load_article
    from annotations.sentences.cache import SentenceCache

    article = tmp_path / "a.txt"
    article.write_text("\n".join(["Title of the Piece", *PARAGRAPHS[:40], "|", "Second Part", *PARAGRAPHS[40:]]) + "\n", encoding="utf-8")
    cache = SentenceCache(tmp_path / "cache")
    cache_sentences(article, cache, workers=2)
    expected = [tuple(s) for s in load_article(article).sentences]

    def no_splitting(paragraphs: list[str], *, workers: int = 1) -> list[list[tuple[int, int]]]:
        raise AssertionError("split again although cached")

    monkeypatch.setattr(batch, "split_many", no_splitting)
    assert [tuple(s) for s in load_article(article, cache=cache).sentences] == expected
