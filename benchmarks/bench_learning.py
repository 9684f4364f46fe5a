"""The learned suggester: quality on the blind articles, and a learning curve.

    python benchmarks/bench_learning.py

    python benchmarks/bench_learning.py --cv   # design checks, never on the blind articles
    python benchmarks/bench_learning.py --gold DIR   # another folder of gold files, measured the same way
    python benchmarks/bench_learning.py --gold DIR --agreement DIR2   # two labellers' agreement

*Blind* articles (``tests/data/suggest/blind``) were written and labelled by someone who
never saw the patterns, by docs/tagging-guidelines.md; they are only measured on. The
*analyst* articles (``tests/data/suggest/analyst``), labelled blind the same way by a
second labeller, play the analyst: the curve is a fresh store in which the analyst has
tagged 0, 1, 2, 4 and 8 of them (their gold tags, in a fixed order), the learned
suggester trained on it as ``newsmark suggest`` trains it, then precision, recall and F1
on the blind articles: cold (the patterns alone) and with the learned suggester.

``--cv`` is what the design was tuned with: 1, 2 and 4 analyst articles tagged, in eight
rotations, measured on the other analyst articles and on the eight tuning articles
(labelled by another hand, as the blind ones are); 8 tagged, on the tuning articles.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.scores import Counts
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.evaluation import GoldArticle, Scores, Tagging, load_gold
from annotations.suggest.gating import MODEL, PATTERNS, Gate
from annotations.suggest.learned import SHELF
from annotations.suggest.learner import LearnedModels
from annotations.suggest.training import cache_paths, update_from_store

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


@dataclass
class Outcome:
    """Scores on one evaluated set after the analyst tagged some articles."""

    cold: Scores
    learned: Scores
    alone: Scores
    used: str


def after_tagging(tagged: list[GoldArticle], evaluated: dict[str, list[GoldArticle]], workdir: Path) -> dict[str, Outcome]:
    """Cold, learned and model-alone scores on each ``evaluated`` set once the analyst has
    tagged the ``tagged`` articles in a fresh store; and how each tag the model helps with
    is proposed."""
    schema = TagSchema()
    engine = SuggestionEngine.for_schema(schema)
    SHELF.put(None)
    colds = {label: scores(engine, articles) for label, articles in evaluated.items()}
    store_root = workdir / "store"
    fill_store(store_root, tagged, workdir / "articles")
    try:
        models = update_from_store(store_root, schema, engine.patterns, ("ana",))
    finally:  # the models' cache of a store that is gone with the temporary folder (tens of MB each)
        for path in cache_paths(store_root, schema, engine.patterns):
            path.unlink(missing_ok=True)
    learned = {label: scores(engine, articles) for label, articles in evaluated.items()}
    alone = {label: model_alone(engine, models, articles) for label, articles in evaluated.items()}
    SHELF.put(None)
    gates = {tag: m.gate for tag, m in models.models.items() if m.gate.open}
    used = ", ".join(f"{tag} ({gate.mode} ≥ {gate.threshold:.2f})" for tag, gate in gates.items()) or "-"
    return {label: Outcome(colds[label], learned[label], alone[label], used) for label in evaluated}


def curve_rows(evaluated: list[GoldArticle]) -> list[tuple[int, Outcome]]:
    """The learning curve on ``evaluated``: (articles tagged, its outcome)."""
    by_name = {g.article.stem: g for g in golds(ANALYST)}
    rows = []
    for count in CURVE:
        with tempfile.TemporaryDirectory(prefix="newsmark-learning-") as tmp:
            outcome = after_tagging([by_name[name] for name in ORDER[:count]], {"eval": evaluated}, Path(tmp))
        rows.append((count, outcome["eval"]))
    return rows


def cross_validation(verbose: bool, per_tag: bool = False) -> None:
    """For 1, 2 and 4 analyst articles tagged, eight rotations (each article in turn
    first, in :data:`ORDER`), scored on the other analyst articles and on the tuning
    articles (labelled by another hand); 8 tagged on the tuning articles. The blind
    articles are not read."""
    analyst = [g for name in ORDER for g in golds(ANALYST) if g.article.stem == name]
    tuning = golds(GOLD)
    print("| tagged | on | rotations | cold P / R / F1 | learned P / R / F1 | model alone P / R / F1 | ΔF1 mean | ΔF1 worst | worse |")
    print("|---|---|---|---|---|---|---|---|---|")
    for count in (1, 2, 4, 8):
        results: dict[str, list[Outcome]] = {"other analyst": [], "tuning": []}
        for start in range(8 if count < 8 else 1):
            tagged = [analyst[(start + i) % 8] for i in range(count)]
            evaluated = {"tuning": tuning} if count == 8 else {"other analyst": [g for g in analyst if g not in tagged], "tuning": tuning}
            with tempfile.TemporaryDirectory(prefix="newsmark-learning-") as tmp:
                for label, outcome in after_tagging(tagged, evaluated, Path(tmp)).items():
                    results[label].append(outcome)
                    if verbose:
                        print(
                            f"| {count} | {label} #{start} | 1 | {prf(outcome.cold)} | {prf(outcome.learned)} | {prf(outcome.alone)} | | | {outcome.used} |"
                        )
        for label, outcomes in results.items():
            if outcomes:
                print(summary_row(count, label, outcomes))
                if per_tag:
                    print(tag_rows(count, label, outcomes))


def summary_row(count: int, label: str, outcomes: list[Outcome]) -> str:
    """One table row: the rotations' pooled scores and how F1 moved in each."""
    deltas = [f1(o.learned) - f1(o.cold) for o in outcomes]
    cold, learned, alone = (pooled([getattr(o, name) for o in outcomes]) for name in ("cold", "learned", "alone"))
    worse = sum(d < -0.005 for d in deltas)
    return (
        f"| {count} | {label} | {len(outcomes)} | {prf(cold)} | {prf(learned)} | {prf(alone)} "
        f"| {sum(deltas) / len(deltas):+.3f} | {min(deltas):+.3f} | {worse} |"
    )


def tag_rows(count: int, label: str, outcomes: list[Outcome]) -> str:
    """Per-tag pooled precision / recall / F1, cold and learned (``--per-tag``)."""
    cold, learned = (pooled([getattr(o, name) for o in outcomes]) for name in ("cold", "learned"))
    rows = []
    for tag in cold.per_tag:
        a, b = cold.per_tag[tag], learned.per_tag[tag]
        rows.append(f"|   | {count} {label}: {tag} | | {tag_prf(a)} | {tag_prf(b)} | | | | |")
    return "\n".join(rows)


def tag_prf(counts: Counts) -> str:
    """One tag's precision / recall / F1."""
    total = counts.precision + counts.recall
    return f"{counts.precision:.2f} / {counts.recall:.2f} / {2 * counts.precision * counts.recall / total if total else 0:.2f}"


def pooled(results: list[Scores]) -> Scores:
    """Several runs' counts added up."""
    total = Scores()
    for result in results:
        for tag, counts in result.per_tag.items():
            into = total.per_tag.setdefault(tag, Counts())
            into.tp += counts.tp
            into.fp += counts.fp
            into.fn += counts.fn
    return total


def main() -> None:
    """Print the quality table (cold store) and the learning curve on the blind articles
    (or ``--gold DIR``), or the cross-validation (``--cv``, ``-v`` for every rotation)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cv", action="store_true", help="cross-validation inside the analyst and tuning articles")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --cv: every rotation's row")
    parser.add_argument("--per-tag", action="store_true", help="with --cv: each tag's pooled precision / recall / F1 too")
    parser.add_argument("--gold", type=Path, default=BLIND, help="the folder of gold files measured (default: the blind articles)")
    parser.add_argument(
        "--agreement", type=Path, metavar="DIR", help="another labeller's gold files of the same articles, scored against --gold's"
    )
    args = parser.parse_args()
    if args.cv:
        cross_validation(args.verbose, args.per_tag)
        return
    if args.agreement:
        agreement(golds(args.gold), golds(args.agreement))
        return
    evaluated = golds(args.gold)
    if not evaluated:
        print(f"no gold files (*.gold.yaml) in {args.gold}")
        return
    SHELF.put(None)
    cold = scores(SuggestionEngine.for_schema(TagSchema()), evaluated)
    sentences = sum(len(load_article(g.article, cache=None).sentences) for g in evaluated)
    print(f"{args.gold}: {len(evaluated)} articles, {sentences} sentences; cold store (patterns only)\n")
    print("| tag | precision | recall | gold tags |")
    print("|---|---|---|---|")
    for tag, precision, recall, count in cold.table():
        print(f"| {tag} | {precision:.2f} | {recall:.2f} | {count} |")
    print("\n| analyst articles tagged | cold P / R / F1 | learned P / R / F1 | model alone P / R / F1 | learned helps with |")
    print("|---|---|---|---|---|")
    for count, outcome in curve_rows(evaluated):
        print(f"| {count} | {prf(outcome.cold)} | {prf(outcome.learned)} | {prf(outcome.alone)} | {outcome.used} |")


def agreement(first: list[GoldArticle], second: list[GoldArticle]) -> None:
    """Print how far a second labeller's tags agree with the first's on the articles both
    labelled (the second's as if suggested: its precision and recall against the first):
    the ceiling a suggester can reach against either of them."""
    theirs = {g.article.name: g for g in second}
    both = [g for g in first if g.article.name in theirs]
    result = Scores()
    for gold in both:
        result.add(theirs[gold.article.name].tags, gold.tags, TagSchema().names)
    print(f"{len(both)} articles labelled by both\n")
    print("| tag | precision | recall | F1 | first's tags |")
    print("|---|---|---|---|---|")
    for tag, precision, recall, count in result.table():
        total = precision + recall
        print(f"| {tag} | {precision:.2f} | {recall:.2f} | {2 * precision * recall / total if total else 0:.2f} | {count} |")
    print(f"\nmicro P / R / F1: {prf(result)}")


def prf(result: Scores) -> str:
    """Micro precision / recall / F1."""
    micro = result.micro
    return f"{micro.precision:.2f} / {micro.recall:.2f} / {f1(result):.2f}"


if __name__ == "__main__":
    main()
