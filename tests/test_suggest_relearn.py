"""The learned suggester unlearns changed tags (tryout 3, D13): the model is a cache of the
store, so after a sentence's tags change (a tag removed or added, a sentence untagged)
its examples, counts, gates and predictions equal a model trained from scratch on the
store, whether the update came for the whole store, for one article (the reader's
learning process), or with the cache lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import Store
from annotations.suggest.learn_service import LearnService, config_line
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import LearnedModels
from annotations.suggest.patterns import PatternSet, load_patterns
from annotations.suggest.training import figures, store_examples, update_from_store
from tests.test_suggest_learn import SCHEMA, tag_in_store, vote_article

PROBES = (
    "The referendum in the north drew long queues.",
    "The harbour in district C drew a long queue of museum workers.",
    "Voters at the polls in district B waited for the ballot.",
)


@pytest.fixture(autouse=True)
def empty_shelf() -> Iterator[None]:
    SHELF.put(None)
    yield
    SHELF.put(None)


def tagged_store(tmp_path: Path) -> tuple[Path, Path]:
    """A store of five tagged vote articles (60 sentences, 30 vote, 30 claim); the first one's path."""
    store_root = tmp_path / "store"
    for seed in range(5):
        tag_in_store(store_root, *vote_article(tmp_path / f"a{seed}.txt", seed))
    return store_root, tmp_path / "a0.txt"


def edit(store_root: Path, path: Path, change: Callable[[ArticleAnnotations], object]) -> Path:
    """Change one article's tags in the store; its store file."""
    store = Store(store_root)
    try:
        annotations = open_article(store, load_article(path, cache=None), annotator="ana", schema=SCHEMA)
        change(annotations)
        file = annotations.file.path
        annotations.release()
    finally:
        store.close()
    return file


def retag(annotations: ArticleAnnotations) -> None:
    """A removed tag, an added one, and the last tagged sentence untagged (no example any more)."""
    annotations.remove_tags([1], ["vote"])
    annotations.add_tags([2], ["figure"])
    annotations.clear([12])


def assert_as_from_scratch(models: LearnedModels, store_root: Path, patterns: PatternSet) -> None:
    scratch = LearnedModels(tuple(SCHEMA.names))
    scratch.update(store_examples(store_root, SCHEMA, ("ana",)), patterns)
    assert len(scratch.seen) == 59  # 5 x 12 sentences, the last one of a0 no example any more
    assert models.seen == scratch.seen and models.examples == scratch.examples
    assert figures(models) == figures(scratch)  # examples, positives, negatives, gates
    rows = scratch.rows(list(PROBES), patterns)
    for tag in SCHEMA.names:
        assert models.models[tag].probabilities(rows) == scratch.models[tag].probabilities(rows)


def test_a_store_update_after_retagging_equals_training_from_scratch(tmp_path: Path) -> None:
    store_root, first = tagged_store(tmp_path)
    patterns = load_patterns(SCHEMA)
    before = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    assert figures(before)["examples"] == 60 and before.models["vote"].positives == 30
    edit(store_root, first, retag)
    models = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    assert models.models["vote"].positives == 29 and models.models["figure"].positives == 1  # the removed vote unlearned
    assert_as_from_scratch(models, store_root, patterns)
    assert_as_from_scratch(update_from_store(store_root, SCHEMA, patterns, ("ana",)), store_root, patterns)  # the cache kept it


def test_an_article_update_from_the_reader_after_retagging_equals_training_from_scratch(tmp_path: Path) -> None:
    store_root, first = tagged_store(tmp_path)
    patterns = load_patterns(SCHEMA)
    service = LearnService(json.loads(config_line(store_root, SCHEMA, None, ("ana", "final"))))
    assert service.answer({"train": "store"})["examples"] == 60
    file = edit(store_root, first, retag)
    answer = service.answer({"train": str(file)})
    assert answer["examples"] == 59
    models, _ = SHELF.get()
    assert models is not None
    assert_as_from_scratch(models, store_root, patterns)
    # a sentence tagged further on (nothing trained on changed) is learned on top, as before
    edit(store_root, first, lambda annotations: annotations.add_tags([12], ["claim"]))
    assert service.answer({"train": str(file)})["examples"] == 60
    models, _ = SHELF.get()
    assert models is not None and models.models["claim"].positives == 30


def test_explain_counts_equal_the_stores_with_or_without_the_cache(tmp_path: Path) -> None:
    store_root, first = tagged_store(tmp_path)
    config = tmp_path / "config.yaml"
    tags = "\n".join(f"  - {{name: {t.name}, key: {t.key}, colour: '{t.colour}', description: '{t.description}'}}" for t in SCHEMA.tags)
    config.write_text(f"tags:\n{tags}\n", encoding="utf-8")
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": str(config)}
    new = tmp_path / "new.txt"
    new.write_text("\n".join(PROBES) + "\n", encoding="utf-8")

    def explain() -> dict[str, object]:
        command = [sys.executable, "-m", "tui.cli", "suggest", str(new), "--explain", "--json"]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        learned: dict[str, object] = json.loads(result.stdout)["learned"]
        return learned

    assert explain()["examples"] == 60
    edit(store_root, first, retag)
    cached = explain()
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "newsmark" / "learned")
    assert cached == explain()
    assert cached["examples"] == cached["held_out"] == 59
    counts = cached["tags"]
    assert isinstance(counts, dict) and counts["vote"]["positives"] == 29 and counts["claim"]["positives"] == 29
