"""The user cache stays within its budget: the learned models are kept sparse and
compressed (a store's dense models took 42 MB, and one cache per store opened filled a
disk), and a cache folder over its budget loses the files used longest ago first."""

from __future__ import annotations

import os
import pickle
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from annotations import cache_budget
from annotations.cache_budget import trim
from annotations.formats.loader import load_article
from annotations.schema import DEFAULT_TAGS, TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.suggest.learner import Example, LearnedModels
from annotations.suggest.patterns import load_patterns
from annotations.suggest.training import cache_paths, load_models, save_models

SCHEMA = TagSchema(DEFAULT_TAGS)
WORDS = "officials said shells were fired near the border town doubt claims of 300 deaths on monday police".split()


def cache_file(folder: Path, name: str, size: int, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"x" * size)
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def test_a_folder_over_its_budget_loses_the_files_used_longest_ago(tmp_path: Path) -> None:
    old = cache_file(tmp_path, "old", 400, age=300)
    older_kept = cache_file(tmp_path, "kept", 400, age=400)
    middle = cache_file(tmp_path, "middle", 400, age=200)
    new = cache_file(tmp_path, "new", 400, age=100)
    stale_temporary = cache_file(tmp_path, ".new.ab12.tmp", 50, age=2 * 3600)
    live_temporary = cache_file(tmp_path, ".new.cd34.tmp", 50, age=10)
    freed = trim(tmp_path, 1000, keep=[older_kept])
    assert freed == 850
    assert not old.exists() and not middle.exists() and not stale_temporary.exists()
    assert older_kept.exists() and new.exists() and live_temporary.exists()  # kept, newest, being written
    assert trim(tmp_path, 1000) == 0  # within budget: nothing more goes
    assert trim(tmp_path / "missing", 0) == 0


def test_reading_a_cache_file_keeps_it_over_older_ones(tmp_path: Path) -> None:
    folder = tmp_path / "sentences"
    folder.mkdir()
    article = tmp_path / "a.txt"
    article.write_text("One sentence here. Another one there.\n", encoding="utf-8")
    cache = SentenceCache(folder)
    load_article(article, cache=cache)
    (cached,) = folder.iterdir()
    os.utime(cached, (time.time() - 500, time.time() - 500))
    newer = cache_file(folder, "other.json", 10, age=100)
    load_article(article, cache=cache)  # read from the cache: used now
    assert trim(folder, cached.stat().st_size) == 10
    assert cached.exists() and not newer.exists()


def trained_models() -> LearnedModels:
    patterns = load_patterns(SCHEMA)
    models = LearnedModels(tuple(SCHEMA.names))
    tags = [frozenset(), frozenset({"claim"}), frozenset({"claim", "source"}), frozenset({"figure"})]
    examples = [
        Example(" ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(12)) + f" {i}.", tags[i % 4], f"article {i % 6}")
        for i in range(120)
    ]
    models.update(examples, patterns)
    return models


def test_the_learned_models_are_cached_small_and_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    patterns = load_patterns(SCHEMA)
    models = trained_models()
    paths = cache_paths(tmp_path / "store", SCHEMA, patterns)
    save_models(paths, models)
    stored = pickle.loads(zlib.decompress(paths[0].read_bytes()))
    assert all(sparse.issparse(c.coef_) for m in stored.models.values() for c in (m.classifier, *m.folds) if c is not None)
    assert paths[0].stat().st_size < 100_000  # dense, 20 classifiers of 2^18 weights took 42 MB (207 KB compressed)
    assert isinstance(models.models["claim"].classifier.coef_, np.ndarray)  # the shelved models are not changed
    read = load_models(paths[0], tuple(SCHEMA.names))
    rows = read.rows(["officials said 300 deaths on monday.", "the border town."], patterns)
    for tag, model in models.models.items():
        again = read.models[tag]
        assert isinstance(again.classifier.coef_, np.ndarray)  # dense again: trained on incrementally
        assert again.probabilities(rows) == pytest.approx(model.probabilities(rows))
        assert again.out_of_fold(rows, [0, 1]) == pytest.approx(model.out_of_fold(rows, [0, 1]))
    assert read.seen == models.seen and read.used_tags() == models.used_tags()
    read.update([Example("a new sentence about police.", frozenset({"claim"}))], patterns)  # trains on


def test_saving_the_learned_models_keeps_their_folder_within_its_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    patterns = load_patterns(SCHEMA)
    paths = cache_paths(tmp_path / "store", SCHEMA, patterns)
    folder = paths[0].parent
    folder.mkdir(parents=True)
    others = [cache_file(folder, f"other-{n}.pickle", 300_000, age=1000 - n) for n in range(4)]
    stranger = cache_file(folder, "notes.txt", 900_000, age=5000)  # not a cache file: never touched
    monkeypatch.setitem(cache_budget.BUDGETS, "learned", (1_000_000, (".pickle", ".json")))
    save_models(paths, trained_models())
    assert paths[0].exists() and paths[1].exists()  # this store's, just written
    left = [p for p in others if p.exists()]
    assert left and left == others[len(others) - len(left) :]  # the oldest went first
    assert stranger.exists()
    assert sum(p.stat().st_size for p in folder.iterdir() if p != stranger) <= 1_000_000


def test_an_unreadable_cache_is_rebuilt_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    paths = cache_paths(tmp_path / "store", SCHEMA, load_patterns(SCHEMA))
    paths[0].parent.mkdir(parents=True)
    paths[0].write_bytes(b"\x80\x05 not a compressed pickle")
    models = load_models(paths[0], tuple(SCHEMA.names))
    assert not models.seen and models.models["claim"].classifier is None
