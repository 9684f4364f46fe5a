"""The learned suggester's gate (issue 28): judged out of fold on every stored sentence,
by fold models that never saw the sentence's article; the model adds a tag only where
its additions are as precise as the patterns' own hits, adds enough of them and beats
the patterns' F1; the model alone is not chosen. And what the model sees of concern."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.schema import TagSchema
from annotations.suggest.features import CUE_WEIGHT, sentence_features
from annotations.suggest.gating import EITHER, PATTERNS, choose
from annotations.suggest.learner import FOLDS, Example, LearnedModels
from annotations.suggest.patterns import load_patterns

SCHEMA = TagSchema()
REPO = Path(__file__).resolve().parent.parent


def test_the_model_adds_a_tag_only_where_its_additions_are_as_precise_as_the_patterns() -> None:
    gold = [True] * 20 + [False] * 20
    hits = [True] * 8 + [False] * 32  # the patterns find 8 of 20, all right
    # the model is sure of 4 more, and unsure (0.5) of 8 right ones and 4 wrong ones
    probabilities = [0.1] * 8 + [0.9] * 4 + [0.5] * 8 + [0.5] * 4 + [0.1] * 16
    gate = choose(probabilities, hits, gold, ready=True)
    # at 0.5 F1 would be best (0.91), but a quarter of what the model adds there is wrong
    assert gate.mode == EITHER and gate.threshold == 0.9
    assert gate.learned_f1 == 0.75 > gate.patterns_f1 == 2 * 8 / 28


def test_too_few_additions_or_too_small_a_gain_keep_the_patterns() -> None:
    gold = [True, True, True, False, False, False]
    hits = [True, False, False, False, False, False]
    two_more = [0.2, 0.8, 0.7, 0.1, 0.2, 0.1]  # right, but only two
    assert choose(two_more, hits, gold, ready=True).mode == PATTERNS
    many = [True] * 60 + [False] * 40
    found = [True] * 56 + [False] * 44
    three_of_many = [0.1] * 56 + [0.9] * 3 + [0.1] * 41  # three right of four missed: F1 0.97 → 0.99
    assert choose(three_of_many, found, many, ready=True).mode == EITHER
    assert choose(three_of_many, found, many, ready=False).mode == PATTERNS  # too few examples: not considered


def test_the_model_alone_is_not_chosen_even_where_it_would_drop_wrong_hits() -> None:
    gold = [True, True, True, False, False, False]
    wrong = [True, True, True, True, True, False]  # the patterns also fire where the analyst does not tag
    drops = [0.9, 0.8, 0.7, 0.1, 0.2, 0.1]
    gate = choose(drops, wrong, gold, ready=True)
    assert gate.mode == PATTERNS and not gate.open


def _pseudo_words(seed: int, count: int) -> list[str]:
    shuffle = random.Random(seed)
    return ["".join(shuffle.choice("bdfgklmnprstvz") + shuffle.choice("aeiou") for _ in range(3)) for _ in range(count)]


def test_a_tag_learned_from_words_of_its_own_articles_only_does_not_pass_the_gate() -> None:
    """Each article tags concern on sentences with words only that article uses: the
    model can learn them within an article, not carry them to another one, and the gate
    judges each sentence by a model that never saw its article."""
    patterns = load_patterns(SCHEMA)
    models = LearnedModels(tuple(SCHEMA.names))
    for article in range(8):
        title = f"Report number {article}"
        marked, calm = _pseudo_words(2 * article, 3), _pseudo_words(2 * article + 1, 3)
        examples = [Example(title, frozenset(), title)]
        for index in range(12):
            words = marked if index % 2 == 0 else calm
            text = f"The {words[index % 3]} {words[(index + 1) % 3]} stood near the gate in block {article * 12 + index}."
            examples.append(Example(text, frozenset({"concern"} if index % 2 == 0 else ()), title))
        models.update(examples, patterns)
    concern = models.models["concern"]
    assert concern.enough and concern.gate.held_positives == 48  # every stored sentence judged, not a sample
    assert len({e.fold for e in models.examples.values()}) > 1 and len(concern.folds) == FOLDS
    assert not concern.gate.open and "concern" not in models.used_tags()
    # trained on every example all the same: the sentences it saw get the tag
    seen = models.rows([e.text for e in models.examples.values() if "concern" in e.tags], patterns)
    assert min(concern.probabilities(seen)) > 0.5


def test_the_features_carry_concern_and_leave_function_words_out() -> None:
    features = set(sentence_features("It is not clear whether the bridge could fail, engineers warned.", load_patterns(SCHEMA)))
    assert {"c:negation", "c:doubt", "c:modal", "c:risk", "c:fault", "c:reporting-verb"} <= features
    assert "w:bridge" in features and "b:the_bridge" in features
    assert not {"w:the", "w:is", "w:it", "b:it_is"} & features


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Analysts caution that the index is an imperfect measure.", "c:hedge"),
        ("The union disputes that promise.", "c:denial"),
        ("The council approved less than a quarter of that amount.", "c:shortfall"),
        ("Prosecutors have opened an inquiry into whether the alert was handled properly.", "c:scrutiny"),
        ("Logistics companies were not consulted before the ban was announced.", "c:negated-expectation"),
        ("It is not clear where the rest of the money would come from.", "c:negated-expectation"),
    ],
)
def test_the_features_carry_concerns_hedges_denials_shortfalls_and_unmet_expectations(text: str, cue: str) -> None:
    features = sentence_features(text, load_patterns(SCHEMA))
    assert features.count(cue) == CUE_WEIGHT  # a cue counts more than one story's words
    plain = set(sentence_features("The mayor opened the bridge.", load_patterns(SCHEMA)))
    assert not {"c:hedge", "c:denial", "c:shortfall", "c:scrutiny", "c:negated-expectation"} & plain


def test_bench_learning_measures_any_folder_of_gold_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "one.txt").write_text("The reservoir was 31% full on Monday, the utility said.\nA gardener planted tulips.\n", encoding="utf-8")
    (gold / "one.gold.yaml").write_text(
        "article: one.txt\nsplit: blind\nsentences:\n  1: [claim, figure, source]\n  2: []\n", encoding="utf-8"
    )
    bench = [sys.executable, str(REPO / "benchmarks" / "bench_learning.py")]
    result = subprocess.run([*bench, "--gold", str(gold)], capture_output=True, text=True, env=os.environ, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{gold}: 1 articles, 2 sentences" in result.stdout
    assert "| micro | 1.00 | 1.00 | 3 |" in result.stdout
    rows = [line.split(" | ")[0] for line in result.stdout.splitlines() if line[:3] in ("| 0", "| 1", "| 2", "| 4", "| 8")]
    assert rows == ["| 0", "| 1", "| 2", "| 4", "| 8"]
    empty = subprocess.run([*bench, "--gold", str(tmp_path)], capture_output=True, text=True, env=os.environ, timeout=60)
    assert empty.returncode == 0 and "no gold files" in empty.stdout
