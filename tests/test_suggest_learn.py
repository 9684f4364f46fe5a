"""The learned suggester (issue 28): trained on the store's own tagged sentences,
incrementally, used for a tag only once it beats the patterns on the store's held-out
sentences, a cache beside the store that never writes to it; ``suggest --explain`` names
the suggester of each tag."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import DEFAULT_TAGS, Tag, TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import MIN_EXAMPLES, Example, LearnedModels
from annotations.suggest.patterns import load_patterns
from annotations.suggest.training import cache_paths, store_examples, update_from_store

VOTE = Tag("vote", "B", "#87d787", "A vote, ballot or election.")
SCHEMA = TagSchema((*DEFAULT_TAGS, VOTE))
VOTE_WORDS = ("ballot", "election", "referendum", "polls", "voters")
OTHER_WORDS = ("harbour", "garden", "museum", "bakery", "bridge")


@pytest.fixture(autouse=True)
def empty_shelf() -> Iterator[None]:
    SHELF.put(None)
    yield
    SHELF.put(None)


def vote_article(path: Path, seed: int, count: int = 12) -> tuple[Path, dict[int, list[str]]]:
    """An article whose sentences about voting are tagged ``vote`` (the patterns know no
    such tag: only the learned suggester can propose it)."""
    lines, tags = [], {}
    for index in range(count):
        if index % 2 == 0:
            lines.append(
                f"The {VOTE_WORDS[(index + seed) % 5]} in district {chr(65 + index)} drew a long queue of {OTHER_WORDS[index % 5]} workers."
            )
            tags[index + 1] = ["vote"]
        else:
            lines.append(
                f"The {OTHER_WORDS[(index + seed) % 5]} in district {chr(65 + index)} drew a long queue of {OTHER_WORDS[index % 5]} workers."
            )
            tags[index + 1] = ["claim"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, tags


def tag_in_store(store_root: Path, path: Path, tags: dict[int, list[str]], annotator: str = "ana") -> None:
    store = Store(store_root)
    try:
        annotations = open_article(store, load_article(path, cache=None), annotator=annotator, schema=SCHEMA)
        annotations.add_each(tags, "test")
        annotations.release()
    finally:
        store.close()


def test_trains_on_the_stores_tags_and_updates_incrementally(tmp_path: Path) -> None:
    store_root, patterns = tmp_path / "store", load_patterns(SCHEMA)
    tag_in_store(store_root, *vote_article(tmp_path / "a.txt", 0))
    first = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    vote = first.models["vote"]
    assert len(first.seen) == 12 and vote.positives + vote.negatives == len(first.examples) == 12  # every one trained on
    model_file, figures_file = cache_paths(store_root, SCHEMA, patterns)
    assert model_file.exists() and json.loads(figures_file.read_text())["examples"] == 12
    again = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    assert again.update(store_examples(store_root, SCHEMA, ("ana",)), patterns) == 0  # nothing new: nothing trained
    tag_in_store(store_root, *vote_article(tmp_path / "b.txt", 1))
    models = LearnedModels(tuple(SCHEMA.names))
    cached = update_from_store(store_root, SCHEMA, patterns, ("ana",))
    assert len(cached.seen) == 24
    trained = cached.models["vote"].positives + cached.models["vote"].negatives
    assert trained == 24  # each example trained once: the first article's not again
    assert models.update(store_examples(store_root, SCHEMA, ("bob",)), patterns) == 0  # another annotator's tags are not learned


def test_a_tag_is_learned_only_once_it_has_enough_examples_and_beats_the_patterns(tmp_path: Path) -> None:
    patterns = load_patterns(SCHEMA)
    models = LearnedModels(tuple(SCHEMA.names))
    path, tags = vote_article(tmp_path / "a.txt", 0, count=MIN_EXAMPLES)
    texts = [s.text for s in load_article(path, cache=None).sentences]
    models.update([Example(t, frozenset(tags[n + 1])) for n, t in enumerate(texts)], patterns)
    assert "vote" not in models.used_tags()  # too few examples yet
    for seed in range(1, 6):
        path, tags = vote_article(tmp_path / f"a{seed}.txt", seed)
        texts = [s.text for s in load_article(path, cache=None).sentences]
        models.update([Example(t, frozenset(tags[n + 1])) for n, t in enumerate(texts)], patterns)
    gate = models.models["vote"].gate
    assert gate.open and gate.learned_f1 > gate.patterns_f1 == 0.0
    assert "vote" in models.used_tags()
    # claim: the patterns propose no claim here (no reporting verb, no figure), but the
    # model has only ever seen claim beside vote's absence: it is checked all the same
    claim = models.models["claim"].gate
    assert claim.open == (claim.learned_f1 > claim.patterns_f1)
    # figure: nothing tagged figure, the patterns propose none: a tie keeps the patterns
    assert "figure" not in models.used_tags()


def test_the_learned_suggester_proposes_its_tags_with_its_features(tmp_path: Path) -> None:
    patterns = load_patterns(SCHEMA)
    models = LearnedModels(tuple(SCHEMA.names))
    for seed in range(6):
        path, tags = vote_article(tmp_path / f"a{seed}.txt", seed)
        texts = [s.text for s in load_article(path, cache=None).sentences]
        models.update([Example(t, frozenset(tags[n + 1])) for n, t in enumerate(texts)], patterns)
    new = tmp_path / "new.txt"
    new.write_text("The referendum in the north drew long queues.\nShares fell 9% on Friday.\n", encoding="utf-8")
    sentences = load_article(new, cache=None).sentences
    engine = SuggestionEngine(patterns)
    assert not [s for s in engine.suggest(sentences) if s.tag == "vote"]  # nothing shelved: patterns only
    SHELF.put(models, patterns)
    found = {(s.sentence, s.tag): s for s in engine.suggest(sentences)}
    vote = found[(1, "vote")]
    assert vote.suggester == "learned" and vote.reason.startswith("learned: p=") and "referendum" in vote.reason
    assert vote.patterns == ("learned/vote",) and 0.0 <= vote.certainty <= 1.0
    assert found[(2, "figure")].suggester == "patterns" and found[(2, "figure")].reason.startswith("figure/percent")
    assert (2, "vote") not in found


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_suggest_learns_stores_nothing_and_explain_names_the_suggester(tmp_path: Path) -> None:
    store_root = tmp_path / "store"
    config = tmp_path / "config.yaml"
    tags = "\n".join(f"  - {{name: {t.name}, key: {t.key}, colour: '{t.colour}', description: '{t.description}'}}" for t in SCHEMA.tags)
    config.write_text(f"tags:\n{tags}\n", encoding="utf-8")
    for seed in range(6):
        tag_in_store(store_root, *vote_article(tmp_path / f"a{seed}.txt", seed))
    before = {p: p.read_bytes() for p in store_root.rglob("*") if p.is_file()}
    new = tmp_path / "new.txt"
    new.write_text("The referendum in the north drew long queues.\nShares fell 9% on Friday, the exchange said.\n", encoding="utf-8")
    env = {**os.environ, "NEWSMARK_DB": str(store_root), "NEWSMARK_ANNOTATOR": "ana", "NEWSMARK_CONFIG": str(config)}
    result = run("suggest", str(new), "--explain", "--json", env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    by = {(s["sentence"], s["tag"]): s for s in out["suggestions"]}
    assert by[(1, "vote")]["suggester"] == "learned" and by[(1, "vote")]["reason"].startswith("learned: p=")
    assert by[(2, "figure")]["suggester"] == "patterns" and by[(2, "figure")]["patterns"][0] == "figure/percent"
    assert out["learned"]["tags"]["vote"]["used"] is True and out["learned"]["tags"]["vote"]["mode"] in ("either", "model")
    text = run("suggest", str(new), "--explain", env=env)
    line = next(line for line in text.stdout.splitlines() if line.split()[:2] == ["1", "vote"])
    assert line.split()[2] == "learned"
    vote_row = next(line for line in text.stdout.splitlines() if line.startswith("vote "))
    assert re.search(r"(patterns or learned|learned decides) \(p >= 0\.\d\)$", vote_row)  # no vote pattern: either way
    after = {p: p.read_bytes() for p in store_root.rglob("*") if p.is_file()}
    assert after == before  # suggesting and learning stored nothing
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "newsmark" / "learned").glob("*.pickle"))  # the model: a cache


def test_scikit_learn_is_not_loaded_on_the_start_path() -> None:
    code = "import sys\nimport tui.cli, tui.app\nimport annotations.suggest.registry\nprint('sklearn' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
