"""The learned suggester: quality on the blind articles, and a learning curve.

    python benchmarks/bench_learning.py

*Blind* articles (``tests/data/suggest/blind``) were written and labelled by someone who
never saw the patterns, by docs/tagging-guidelines.md; they are only measured on. The
curve: a fresh store in which the analyst has tagged 0, 1, 2, 4 and 8 of the eight
articles of ``tests/data/suggest`` (their gold tags, in a fixed order), the learned
suggester trained on it as ``newsmark suggest`` trains it, then precision, recall and F1
on the blind articles: cold (the patterns alone) and with the learned suggester.
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
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import LearnedModels
from annotations.suggest.training import update_from_store

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "suggest"
BLIND = GOLD / "blind"
#: The order the analyst tags the eight articles in (dev and held-out alternating).
ORDER = (
    "river-flood",
    "measles-outbreak",
    "inflation-report",
    "data-breach",
    "border-clashes",
    "court-ruling",
    "mayor-interview",
    "school-meeting",
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
        model.gate.open = model.enough
    SHELF.put(alone, engine.patterns)
    return scores(engine, evaluated)


def after_tagging(count: int, evaluated: list[GoldArticle], workdir: Path) -> tuple[Scores, Scores, Scores, frozenset[str]]:
    """Cold, learned and model-alone scores on ``evaluated`` once the analyst has tagged
    ``count`` articles of :data:`ORDER`; and the tags the learned suggester decides."""
    by_name = {g.article.stem: g for g in golds(GOLD)}
    schema = TagSchema()
    engine = SuggestionEngine.for_schema(schema)
    SHELF.put(None)
    cold = scores(engine, evaluated)
    store_root = workdir / f"store-{count}"
    fill_store(store_root, [by_name[name] for name in ORDER[:count]], workdir / f"articles-{count}")
    models = update_from_store(store_root, schema, engine.patterns, ("ana",))
    learned = scores(engine, evaluated)
    alone = model_alone(engine, models, evaluated)
    SHELF.put(None)
    return cold, learned, alone, models.used_tags()


def curve_rows(evaluated: list[GoldArticle]) -> list[tuple[int, Scores, Scores, Scores, frozenset[str]]]:
    """The learning curve on ``evaluated``: (articles tagged, cold, learned, model alone, learned tags)."""
    with tempfile.TemporaryDirectory(prefix="newsmark-learning-") as tmp:
        return [(count, *after_tagging(count, evaluated, Path(tmp))) for count in CURVE]


def main() -> None:
    """Print the blind quality table (cold store) and the learning curve."""
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
    print("\n| articles tagged | cold P / R / F1 | learned P / R / F1 | model alone P / R / F1 | learned decides |")
    print("|---|---|---|---|---|")
    for count, before, after, alone, used in curve_rows(blind):
        print(f"| {count} | {prf(before)} | {prf(after)} | {prf(alone)} | {', '.join(sorted(used)) or '-'} |")


def prf(result: Scores) -> str:
    """Micro precision / recall / F1."""
    micro = result.micro
    return f"{micro.precision:.2f} / {micro.recall:.2f} / {f1(result):.2f}"


if __name__ == "__main__":
    main()
