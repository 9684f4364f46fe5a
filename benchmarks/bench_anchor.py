"""Re-anchoring 1,000 annotations on a 5 MB article whose text changed.

A row for benchmarks/run.py, runnable alone. The article (the benchmarks' generated 5 MB
one, its numbers made unique: ~70,000 sentences, one of every five the same sentence
repeated, the hard case for finding the right copy) gets 1,000 annotations spread over it; then a paragraph is inserted
near the top (every annotation moves), 50 tagged sentences get a clause added and 20
are deleted. Measured: opening the annotations of the edited article (re-anchoring all
1,000 and saving the result), next to opening them on the unchanged text; and the
matching alone.

    python benchmarks/bench_anchor.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.formats.sectioned import is_heading_line
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.reanchoring import reanchored

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import generate_article

ANNOTATIONS = 1_000
REWORDED = 50
DELETED = 20


def prepare(workdir: Path, size: int) -> tuple[Article, Article, Path]:
    """The article before and after the edits, and a store holding the annotations."""
    path = workdir / "article.txt"
    generate_article(path, size)
    # Every number made unique: the generated paragraphs repeat word for word every 97
    # paragraphs, and an annotation then moves to the nearest identical copy, as it
    # should; here sentences differ, but for the one with no number, repeated ~14,000 times.
    counter = itertools.count(1)
    path.write_text(re.sub(r"\d+", lambda match: str(next(counter)), path.read_text(encoding="utf-8")), encoding="utf-8")
    cache = SentenceCache(workdir / "cache")
    before = load_article(path, cache=cache)
    step = max(1, len(before.sentences) // ANNOTATIONS)
    numbers = [1 + i * step for i in range(ANNOTATIONS)]
    store_root = workdir / "store"
    with Store(store_root) as store:
        open_article(store, before, annotator="bench", schema=TagSchema()).toggle(numbers, "claim")
    # Edit the paragraph lines holding the tagged sentences (the text repeats sentences,
    # so a search and replace over the whole file would hit other copies).
    lines = path.read_text(encoding="utf-8").split("\n")
    paragraph_lines = [i for i, line in enumerate(lines) if line and line != "|" and not is_heading_line(line)]
    paragraphs = [p for s in before.sections for p in s.paragraphs]
    line_of = {s.number: paragraph_lines[index] for index, p in enumerate(paragraphs) for s in p.sentences}
    for number in numbers[10 : 10 + REWORDED]:
        sentence = before.sentence(number).text
        lines[line_of[number]] = lines[line_of[number]].replace(sentence, sentence[:-1] + ", officials said.", 1)
    for number in numbers[100 : 100 + DELETED]:
        lines[line_of[number]] = lines[line_of[number]].replace(before.sentence(number).text, "", 1).replace("  ", " ").strip()
    lines.insert(1, "A paragraph added at the top after publication. It shifts every sentence below it.")
    edited = "\n".join(lines)
    path.write_text(edited, encoding="utf-8")
    after = load_article(path, cache=cache)
    return before, after, store_root


def time_open(article: Article, store_root: Path, workdir: Path, runs: int) -> float:
    """Median seconds to open the article's annotations, each run on a fresh copy of the store."""
    times = []
    for run in range(runs):
        copy = workdir / f"store-{article.sha256[:8]}-{run}"
        shutil.copytree(store_root, copy)
        with Store(copy) as store:
            started = time.perf_counter()
            open_article(store, article, annotator="bench", schema=TagSchema())
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def rows(workdir: Path, quick: bool) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    size = 500_000 if quick else 5_000_000
    runs = 1 if quick else 5
    before, after, store_root = prepare(workdir, size)
    changed = time_open(after, store_root, workdir, runs)
    unchanged = time_open(before, store_root, workdir, runs)
    with Store(store_root, mode=LockMode.READ) as store:
        records = store.article_file(before.path).records()
    started = time.perf_counter()
    placed = reanchored(after, records)
    matching = time.perf_counter() - started
    summary = {kind: sum(1 for r in placed.values() if str(r.get("anchor", "")).startswith(kind)) for kind in ("moved", "fuzzy", "orphan")}
    extra = changed - unchanged
    return [
        (
            f"re-anchor {ANNOTATIONS:,} annotations, {size // 1_000_000 or size / 1_000_000} MB article edited (open + save)",
            f"{changed * 1000:.0f} ms (+{extra * 1000:.0f} ms; matching {matching * 1000:.0f} ms)",
            f"text unchanged: {unchanged * 1000:.0f} ms",
            f"{changed / unchanged:.2f}x",
            "<= 250 ms more",
            extra <= 0.25 if not quick else None,
        ),
        (
            "  of which moved / fuzzy / orphaned",
            f"{summary['moved']} / {summary['fuzzy']} / {summary['orphan']}",
            f"edits: {REWORDED} reworded, {DELETED} deleted",
            "",
            "0 lost",
            len(placed) == ANNOTATIONS if not quick else None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small article: checks the script works")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-anchor-") as tmp:
        for row in rows(Path(tmp), args.quick):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
