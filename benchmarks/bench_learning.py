"""The learned suggester: quality on the blind articles, and a learning curve.

    python benchmarks/bench_learning.py

    python benchmarks/bench_learning.py --cv   # design checks, never on the blind articles

*Blind* articles (``tests/data/suggest/blind``) were written and labelled by someone who
never saw the patterns, by docs/tagging-guidelines.md; they are only measured on. The
*analyst* articles (``tests/data/suggest/analyst``), labelled blind the same way by a
second labeller, play the analyst: the curve is a fresh store in which the analyst has
tagged 0, 1, 2, 4 and 8 of them (their gold tags, in a fixed order), the learned
suggester trained on it as ``newsmark suggest`` trains it, then precision, recall and F1
on the blind articles: cold (the patterns alone) and with the learned suggester.

``--cv`` is what the design was tuned with: four rotations of four analyst articles
tagged, measured on the other four analyst articles and on the eight tuning articles.
"""

from __future__ import annotations

import copy
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.evaluation import GoldArticle, Scores, Tagging, load_gold
from annotations.suggest.gating import MODEL, PATTERNS, Gate
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import LearnedModels
from annotations.suggest.training import update_from_store

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "suggest"
BLIND = GOLD / "blind"
ANALYST = GOLD / "analyst"
#: The order the analyst tags the eight analyst articles in (fixed before any measurement).
ORDER = (
    "drought-water-rationing",
    "pharma-recall",
    "bridge-inspection",
    "food-price-inflation",
    "city-cyberattack",
    "mountain-landslide",
    "port-labour-strike",
    "school-funding-audit",
)
CURVE = (0, 1, 2, 4, 8)


def golds(folder: Path) -> list[GoldArticle]:
    """The gold articles of a folder."""
    return [load_gold(path) for path in sorted(folder.glob("*.gold.yaml"))]


def fill_store(store_root: Path, articles: Iterable[GoldArticle], folder: Path, annotator: str = "ana") -> None:
    """Tag each article's sentences in a store with its gold tags, as ``annotator``
    (copies of the articles in ``folder``, as an analyst's own files)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(store_root)
    try:
        for gold in articles:
            copy = folder / gold.article.name
            shutil.copy(gold.article, copy)
            annotations = open_article(store, load_article(copy, cache=None), annotator=annotator, schema=TagSchema())
            annotations.add_each({n: sorted(tags) for n, tags in gold.tags.items() if tags}, "gold")
            annotations.release()
    finally:
        store.close()


def scores(engine: SuggestionEngine, articles: Iterable[GoldArticle]) -> Scores:
    """Precision and recall of ``engine`` (with whatever model is shelved) on ``articles``."""
    result = Scores()
    schema = TagSchema()
    for gold in articles:
        predicted: Tagging = {}
        for suggestion in engine.suggest(load_article(gold.article, cache=None).sentences):
            predicted.setdefault(suggestion.sentence, set()).add(suggestion.tag)
        result.add(predicted, gold.tags, schema.names)
    return result


def f1(scores: Scores) -> float:
    """Micro F1."""
    micro = scores.micro
    total = micro.precision + micro.recall
    return 2 * micro.precision * micro.recall / total if total else 0.0


def model_alone(engine: SuggestionEngine, models: LearnedModels, evaluated: list[GoldArticle]) -> Scores:
    """Scores with the model deciding every tag it has enough examples of, gate or not
    (what the learning reaches by itself; the suggester uses it only past the gate)."""
    alone = copy.deepcopy(models)
    for model in alone.models.values():
        model.gate = Gate(mode=MODEL if model.enough else PATTERNS)
    SHELF.put(alone, engine.patterns)
    return scores(engine, evaluated)


def after_tagging(tagged: list[GoldArticle], evaluated: list[GoldArticle], workdir: Path) -> tuple[Scores, Scores, Scores, str]:
    """Cold, learned and model-alone scores on ``evaluated`` once the analyst has tagged
    the ``tagged`` articles in a fresh store; and how each tag the model helps with is proposed."""
    schema = TagSchema()
    engine = SuggestionEngine.for_schema(schema)
    SHELF.put(None)
    cold = scores(engine, evaluated)
    store_root = workdir / "store"
    fill_store(store_root, tagged, workdir / "articles")
    models = update_from_store(store_root, schema, engine.patterns, ("ana",))
    learned = scores(engine, evaluated)
    alone = model_alone(engine, models, evaluated)
    SHELF.put(None)
    gates = {tag: m.gate for tag, m in models.models.items() if m.gate.open}
    used = ", ".join(f"{tag} ({gate.mode} ≥ {gate.threshold:.1f})" for tag, gate in gates.items())
    return cold, learned, alone, used or "-"


def curve_rows(evaluated: list[GoldArticle]) -> list[tuple[int, Scores, Scores, Scores, str]]:
    """The learning curve on ``evaluated``: (articles tagged, cold, learned, model alone, learned tags)."""
    by_name = {g.article.stem: g for g in golds(ANALYST)}
    rows = []
    for count in CURVE:
        with tempfile.TemporaryDirectory(prefix="newsmark-learning-") as tmp:
            rows.append((count, *after_tagging([by_name[name] for name in ORDER[:count]], evaluated, Path(tmp))))
    return rows


def cross_validation() -> None:
    """Four rotations of four analyst articles tagged; scores on the other four and on
    the tuning articles (the blind articles are not read)."""
    analyst = [g for name in ORDER for g in golds(ANALYST) if g.article.stem == name]
    tuning = golds(GOLD)
    print("| rotation | on | cold P / R / F1 | learned P / R / F1 | model alone P / R / F1 | learned helps with |")
    print("|---|---|---|---|---|---|")
    for start in range(4):
        tagged = [analyst[(start + i) % 8] for i in range(4)]
        rest = [g for g in analyst if g not in tagged]
        for label, evaluated in (("other analyst", rest), ("tuning", tuning)):
            with tempfile.TemporaryDirectory(prefix="newsmark-learning-") as tmp:
                cold, learned, alone, used = after_tagging(tagged, evaluated, Path(tmp))
            print(f"| {start} | {label} | {prf(cold)} | {prf(learned)} | {prf(alone)} | {used} |")


def main() -> None:
    """Print the blind quality table (cold store) and the learning curve."""
    if "--cv" in sys.argv[1:]:
        cross_validation()
        return
    blind = golds(BLIND)
    if not blind:
        print("no blind articles in tests/data/suggest/blind")
        return
    SHELF.put(None)
    cold = scores(SuggestionEngine.for_schema(TagSchema()), blind)
    print(f"Blind articles: {len(blind)}, cold store (patterns only)\n")
    print("| tag | precision | recall | gold tags |")
    print("|---|---|---|---|")
    for tag, precision, recall, count in cold.table():
        print(f"| {tag} | {precision:.2f} | {recall:.2f} | {count} |")
    print("\n| analyst articles tagged | cold P / R / F1 | learned P / R / F1 | model alone P / R / F1 | learned helps with |")
    print("|---|---|---|---|---|")
    for count, before, after, alone, used in curve_rows(blind):
        print(f"| {count} | {prf(before)} | {prf(after)} | {prf(alone)} | {used} |")


def prf(result: Scores) -> str:
    """Micro precision / recall / F1."""
    micro = result.micro
    return f"{micro.precision:.2f} / {micro.recall:.2f} / {f1(result):.2f}"


if __name__ == "__main__":
    main()
