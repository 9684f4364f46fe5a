"""The learned suggester beside the patterns (issue 28): per tag, the store's held-out
sentences decide whether the patterns alone, the patterns or the model, or the model
alone propose it, and above which probability; an analyst who tags concern where no
pattern fires gets concern proposed once the model has learned it, the patterns' own
suggestions kept; each update trains only what is new; nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.gating import EITHER, MODEL
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import MAX_CLASS_WEIGHT, TagModel
from annotations.suggest.patterns import load_patterns
from annotations.suggest.training import update_from_store

SCHEMA = TagSchema()
FAULTS = (
    "Rust was spreading along",
    "Deep cracks had opened in",
    "Water was leaking through",
    "Mould had grown across",
    "Loose bolts were found in",
)
PLACES = ("the north bridge", "the west school", "the old library", "the river tunnel", "the tram depot", "the sports hall")
CALM = ("A gardener planted tulips beside", "Children painted a mural near", "The choir sang carols outside", "A bakery opened a shop by")


@pytest.fixture(autouse=True)
def empty_shelf() -> Iterator[None]:
    SHELF.put(None)
    yield
    SHELF.put(None)


def inspection_article(path: Path, seed: int) -> tuple[Path, dict[int, list[str]]]:
    """Sentences about faults the analyst tags concern (no concern pattern fires on
    them), between calm sentences left untagged, and one warning the patterns catch."""
    lines: list[str] = []
    tags: dict[int, list[str]] = {}
    for index in range(12):
        place = PLACES[(index + seed) % len(PLACES)]
        if index % 2 == 0:
            lines.append(f"{FAULTS[(index // 2 + seed) % len(FAULTS)]} {place} in block {seed * 12 + index}.")
            tags[index + 1] = ["concern"]
        else:
            lines.append(f"{CALM[(index // 2 + seed) % len(CALM)]} {place} in block {seed * 12 + index}.")
    lines.append(f"Officials warned of a serious risk at the site in block {seed}.")
    tags[len(lines)] = ["claim", "concern", "source"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, tags


def tag_in_store(store_root: Path, path: Path, tags: dict[int, list[str]]) -> None:
    store = Store(store_root)
    try:
        annotations = open_article(store, load_article(path, cache=None), annotator="ana", schema=SCHEMA)
        annotations.add_each(tags, "test")
        annotations.release()
    finally:
        store.close()


def store_bytes(store_root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in store_root.rglob("*") if p.is_file()}


NEW_ARTICLE = (
    "Rust was spreading along the east ferry ramp in block 900.\n"
    "A gardener planted tulips beside the east ferry ramp in block 901.\n"
    "Officials warned of a serious risk to the ferry.\n"
)


def test_concern_the_analyst_tags_where_no_pattern_fires_is_proposed_after_training(tmp_path: Path) -> None:
    store_root, patterns = tmp_path / "store", load_patterns(SCHEMA)
    new = tmp_path / "new.txt"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    sentences = load_article(new, cache=None).sentences
    engine = SuggestionEngine(patterns)
    assert (1, "concern") not in {(s.sentence, s.tag) for s in engine.suggest(sentences)}  # cold: the patterns miss it
    tag_in_store(store_root, *inspection_article(tmp_path / "a.txt", 0))
    first = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    assert "concern" not in first.used_tags()  # one article: too few examples to judge
    for seed in range(1, 5):
        tag_in_store(store_root, *inspection_article(tmp_path / f"a{seed}.txt", seed))
    before = store_bytes(store_root)
    models = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    concern = models.models["concern"]
    assert concern.gate.open and concern.gate.learned_f1 > concern.gate.patterns_f1
    assert concern.gate.mode in (EITHER, MODEL) and concern.gate.held_positives >= 3
    found = {(s.sentence, s.tag): s for s in engine.suggest(sentences)}
    assert found[(1, "concern")].suggester == "learned" and found[(1, "concern")].reason.startswith("learned: p=")
    assert (2, "concern") not in found  # the calm sentence stays untagged
    assert (3, "concern") in found and (3, "source") in found  # the patterns' own hits are still proposed
    if concern.gate.mode == EITHER:
        assert found[(3, "concern")].suggester == "patterns"
    assert store_bytes(store_root) == before  # training and suggesting stored nothing


def test_each_update_trains_only_the_new_examples_and_checks_every_gate_again(tmp_path: Path) -> None:
    store_root, patterns = tmp_path / "store", load_patterns(SCHEMA)
    for seed in range(3):
        tag_in_store(store_root, *inspection_article(tmp_path / f"a{seed}.txt", seed))
    first = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    trained = first.models["concern"].positives + first.models["concern"].negatives
    assert trained == len(first.seen)  # every example trained on (the gate judges them out of fold)
    tag_in_store(store_root, *inspection_article(tmp_path / "a3.txt", 3))
    second = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    added = len(second.seen) - len(first.seen)
    assert added == 13  # the new article's sentences only
    assert second.models["concern"].positives + second.models["concern"].negatives == trained + added
    assert second.models["concern"].gate.held_positives == sum("concern" in e.tags for e in second.examples.values())


def test_a_rare_tag_is_weighted_up_within_bounds() -> None:
    model = TagModel("concern")
    model.positives, model.negatives = 2, 20
    assert model.positive_weight == MAX_CLASS_WEIGHT
    model.positives, model.negatives = 10, 20
    assert model.positive_weight == 2.0
    model.positives, model.negatives = 20, 10
    assert model.positive_weight == 1.0
