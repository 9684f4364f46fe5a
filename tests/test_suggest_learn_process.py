"""The learned suggester runs in a process of its own for the reader (issue 28): the reader
never imports scikit-learn, the process ends with the reader, a process that dies or
cannot start leaves the patterns suggesting (one notice), and a store without enough
examples starts no process at all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.store.folder import Store
from annotations.store.holding import LockMode
from annotations.suggest.example_count import enough_to_learn, store_tagged_counts
from annotations.suggest.learn_service import LearnService, config_line
from tui.app import NewsmarkApp
from tui.screens.reader import learn_process

from .conftest import Notice, wait_until, workers_started
from .test_reader import SIZE, reader
from .test_suggest_learn import SCHEMA, tag_in_store, vote_article

REPO = Path(__file__).resolve().parent.parent
#: A sentence the learned model gives ``vote``, one no pattern or model proposes anything for, one with a figure.
ARTICLE = "The referendum in the north drew long queues.\nThe museum in the south reopened.\nPrices rose 40 percent.\n"
OFF = "Learned suggestions are off"


def fill(store_root: Path, tmp_path: Path, articles: int = 6) -> None:
    """A store where ``vote`` is tagged often enough for its model to be used."""
    for seed in range(articles):
        tag_in_store(store_root, *vote_article(tmp_path / f"a{seed}.txt", seed))


def make_app(store_root: Path, path: Path) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=SCHEMA, suggestions=True)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path), paths=[path])


def suggested(app: NewsmarkApp, number: int) -> set[str]:
    return {s.tag for s in reader(app).suggestions.get(number, ())}


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_count_needs_enough_tagged_sentences_of_one_tag(store_root: Path, tmp_path: Path) -> None:
    tag_in_store(store_root, *vote_article(tmp_path / "a.txt", 0))  # 6 sentences with vote, 6 with claim
    counts = store_tagged_counts(store_root, ("ana",), SCHEMA.names)
    assert counts == {"vote": 6, "claim": 6} and not enough_to_learn(counts)
    assert store_tagged_counts(store_root, ("bob",), SCHEMA.names) == {}  # another analyst's tags teach nothing
    tag_in_store(store_root, *vote_article(tmp_path / "b.txt", 1))
    assert enough_to_learn(store_tagged_counts(store_root, ("ana",), SCHEMA.names))
    leave_out = next((store_root / "articles").glob("*.json"))
    assert store_tagged_counts(store_root, ("ana",), SCHEMA.names, leave_out=leave_out)["vote"] == 6


def test_the_service_trains_suggests_and_ends_when_its_input_ends(store_root: Path, tmp_path: Path) -> None:
    fill(store_root, tmp_path)
    argv = [sys.executable, "-m", learn_process.SERVICE]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(config_line(store_root, SCHEMA, None, ("ana", "final")))
    process.stdin.write(json.dumps({"train": "store"}) + "\n")
    process.stdin.write(json.dumps({"suggest": [[1, "The ballot in the east drew a crowd."], [2, "The bakery reopened."]]}) + "\n")
    process.stdin.flush()
    trained = json.loads(process.stdout.readline())
    assert "vote" in trained["used"] and trained["examples"] > 0
    found = json.loads(process.stdout.readline())["found"]
    by = {(n, tag): patterns for n, tag, _, patterns, _ in found}
    assert by[(1, "vote")] == ["learned/vote"] and (2, "vote") not in by
    assert trained["before"] == []  # nothing was cached: every tag learned is news
    process.stdin.write(json.dumps({"train": "store"}) + "\n")
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["before"] == trained["used"]  # what the last training found
    process.stdin.close()  # the reader ended, however it ended
    assert process.wait(timeout=60) == 0
    process.stdout.close()


async def test_the_reader_learns_in_its_process_and_ends_it_on_leaving(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(store_root, tmp_path)
    app = make_app(store_root, write_article(ARTICLE))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "vote" in suggested(app, 1), "the learned suggestion", timeout=60)
        pid = reader(app).learning.process.pid
        assert pid is not None and pid != os.getpid() and not gone(pid)
        assert "vote" not in suggested(app, 2) and "figure" in suggested(app, 3)
        await app.action_quit()
    assert gone(pid)  # no orphan: ended and reaped with the reader


def test_the_reader_process_never_imports_scikit_learn(store_root: Path, tmp_path: Path) -> None:
    fill(store_root, tmp_path)
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    script = f"""
import asyncio, sys, time
from pathlib import Path
from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import DEFAULT_TAGS, Tag, TagSchema
from annotations.store.folder import Store
from annotations.store.holding import LockMode
from tui.app import NewsmarkApp

schema = TagSchema((*DEFAULT_TAGS, Tag("vote", "B", "#87d787", "A vote.")))
store_root, path = Path({str(store_root)!r}), Path({str(path)!r})

async def main() -> None:
    settings = Settings(store_path=store_root, annotator="ana", schema=schema, suggestions=True)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path), paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 120
        while not any(s.tag == "vote" for s in app.screen.suggestions.get(1, ())):
            assert time.monotonic() < deadline, "no learned suggestion"
            await pilot.pause()
    print(sorted(name for name in ("sklearn", "numpy", "scipy") if name in sys.modules))

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_a_learning_process_that_dies_leaves_the_patterns_and_one_notice(
    store_root: Path, write_article, tmp_path: Path, notices: list[Notice]
) -> None:  # type: ignore[no-untyped-def]
    fill(store_root, tmp_path)
    app = make_app(store_root, write_article(ARTICLE))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "vote" in suggested(app, 1), "the learned suggestion", timeout=60)
        pid = reader(app).learning.process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        await pilot.press("j", "B")  # tags change: the next look asks the dead process to learn them
        await wait_until(pilot, lambda: any(OFF in n.message for n in notices), "the notice", timeout=60)
        await wait_until(pilot, lambda: "vote" not in suggested(app, 1), "the patterns alone", timeout=60)
        await pilot.press("B")
        await wait_until(pilot, lambda: reader(app).annotations.tagged_count == 0, "the tag taken off")
        assert "figure" in suggested(app, 3) and not reader(app).learning.used
        assert reader(app).learning.process.pid is None
    assert [n.severity for n in notices if OFF in n.message] == ["warning"]


async def test_a_learning_process_that_cannot_start_leaves_the_patterns(
    store_root: Path, write_article, tmp_path: Path, notices: list[Notice], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    fill(store_root, tmp_path)
    monkeypatch.setattr(learn_process, "SERVICE", "annotations.no_such_service")
    app = make_app(store_root, write_article(ARTICLE))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: any(OFF in n.message for n in notices), "the notice", timeout=60)
        await wait_until(pilot, lambda: "figure" in suggested(app, 3), "the patterns' suggestion")
        assert not suggested(app, 1) and reader(app).learning.process.failed
    assert len([n for n in notices if OFF in n.message]) == 1


async def test_a_store_without_enough_examples_starts_no_process(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tag_in_store(store_root, *vote_article(tmp_path / "a.txt", 0))  # 6 of vote: not enough for any tag
    app = make_app(store_root, write_article(ARTICLE))
    async with app.run_test(size=SIZE) as pilot:
        learning = reader(app).learning
        await wait_until(pilot, lambda: learning.counted_elsewhere is not None, "the store counted")
        await wait_until(pilot, lambda: "figure" in suggested(app, 3), "the patterns' suggestion")
        assert not learning.process.started and learning.process.pid is None


async def test_the_workers_are_started_without_a_repr_of_the_article(
    store_root: Path, write_article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Textual describes a worker by the repr of its callable unless told otherwise: for the
    suggestion and learning workers, the whole article, made on the UI thread the keys wait for."""
    from tui.screens.reader.screen import ReaderScreen

    fill(store_root, tmp_path)
    started = workers_started(monkeypatch, ReaderScreen)
    app = make_app(store_root, write_article(ARTICLE * 300))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: {"suggest", "learn"} <= {w.group for w in started}, "both workers started", timeout=60)
    assert all(len(w.description) < 100 for w in started if w.group in ("suggest", "learn")), [w.description[:80] for w in started]


def test_a_new_learning_process_says_what_the_cached_model_decided(store_root: Path, tmp_path: Path) -> None:
    fill(store_root, tmp_path)
    config = json.loads(config_line(store_root, SCHEMA, None, ("ana", "final")))
    first = LearnService(config).train("store")
    again = LearnService(config).train("store")  # the next reading: the model comes from the cache
    assert first["before"] == [] and "vote" in first["used"]
    assert again["before"] == first["used"] == again["used"]
