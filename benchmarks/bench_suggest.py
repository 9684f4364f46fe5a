"""Suggestion quality: precision and recall per tag on the hand-tagged set.

    python benchmarks/bench_suggest.py

Runs the built-in patterns over every article in ``tests/data/suggest`` and prints one
table for the articles the patterns were written against (dev) and one for those they
never saw (held-out). See ``tests/data/suggest/GUIDELINES.md`` for how the gold tags
were written. ``run.py`` also times ``newsmark suggest`` and ``newsmark brief`` on an
article of runs that took Python's backtracking ``re`` minutes (:func:`pathological_rows`).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import median_ms, newsmark_argv, repeat, run_command

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


#: Runs that took Python's re seconds to minutes in the figure patterns (issue 30): with
#: it, the digits alone took ~90 s and froze the reader's keys.
PATHOLOGICAL_RUNS = ("Totals: " + "1" * 60_000 + ".", "Runs " + "1," * 10_000 + " ended.", "5" + " " * 20_000 + "per cent of it.")

Row = tuple[str, str, str, str, str, bool | None]


def pathological_rows(workdir: Path, quick: bool, env: dict[str, str]) -> list[Row]:
    """``newsmark suggest`` and ``newsmark brief`` on a normal article and on the same
    article with the pathological runs added: the extra time must stay under a second."""
    normal = workdir / "suggest-normal.txt"
    shutil.copy(GOLD / "river-flood.txt", normal)
    runs = workdir / "suggest-runs.txt"
    runs.write_text(normal.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(PATHOLOGICAL_RUNS) + "\n", encoding="utf-8")
    times = 1 if quick else 5
    commands: dict[str, Callable[[Path], list[str]]] = {
        "suggest": lambda path: newsmark_argv("suggest", "--json", str(path)),
        "brief": lambda path: newsmark_argv("brief", str(path)),
    }
    rows: list[Row] = []
    for name, argv in commands.items():
        run_command(argv(runs), env)  # the sentence cache filled: splitting is timed elsewhere
        base = median_ms(repeat(times, lambda argv=argv: run_command(argv(normal), env)))
        ours = median_ms(repeat(times, lambda argv=argv: run_command(argv(runs), env)))
        rows.append(
            (
                f'newsmark {name}, article with 60,000 digits, "1,"x10,000, 20,000 spaces',
                f"{ours:.0f} ms",
                f"same article without them {base:.0f} ms",
                f"{ours - base:+.0f} ms",
                "<= +1000 ms",
                None if quick else ours - base <= 1000,
            )
        )
    return rows


def main() -> None:
    """Print the table for each split."""
    print("| split | tag | precision | recall | gold tags |")
    print("|---|---|---|---|---|")
    for split in SPLITS:
        for tag, precision, recall, count in scores(split).table():
            print(f"| {split} | {tag} | {precision:.2f} | {recall:.2f} | {count} |")


if __name__ == "__main__":
    main()
