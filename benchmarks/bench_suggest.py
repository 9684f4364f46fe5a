"""Suggestion quality: precision and recall per tag on the hand-tagged set.

    python benchmarks/bench_suggest.py

Runs the built-in patterns over every article in ``tests/data/suggest`` and prints one
table for the articles the patterns were written against (dev) and one for those they
never saw (held-out). See ``tests/data/suggest/GUIDELINES.md`` for how the gold tags
were written.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.suggest.engine import SuggestionEngine
from annotations.suggest.evaluation import Scores, Tagging, load_gold

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "suggest"
SPLITS = ("dev", "held-out")


def predicted(engine: SuggestionEngine, article_path: Path) -> Tagging:
    """Suggested tags by sentence for one article (nothing tagged, nothing rejected)."""
    article = load_article(article_path, cache=None)
    result: Tagging = {}
    for suggestion in engine.suggest(article.sentences):
        result.setdefault(suggestion.sentence, set()).add(suggestion.tag)
    return result


def scores(split: str, folder: Path = GOLD, engine: SuggestionEngine | None = None) -> Scores:
    """Precision and recall of the built-in patterns on one split of the gold set."""
    schema = TagSchema()
    engine = engine or SuggestionEngine.for_schema(schema)
    result = Scores()
    for gold_file in sorted(folder.glob("*.gold.yaml")):
        gold = load_gold(gold_file)
        if gold.split == split:
            result.add(predicted(engine, gold.article), gold.tags, schema.names)
    return result


def main() -> None:
    """Print the table for each split."""
    print("| split | tag | precision | recall | gold tags |")
    print("|---|---|---|---|---|")
    for split in SPLITS:
        for tag, precision, recall, count in scores(split).table():
            print(f"| {split} | {tag} | {precision:.2f} | {recall:.2f} | {count} |")


if __name__ == "__main__":
    main()
