"""Bulk tagging and single toggles in one article holding tens of thousands of annotations.

Two rows for benchmarks/run.py, runnable alone:

- ``newsmark tag ARTICLE 1-N claim`` as a whole process, for a range of 50,000 sentences
  next to a range of 2,000 in the same run: the cost per sentence should not grow with
  the range (linear work).
- one tag toggle (a durable save) in an article that already holds 50,000 annotations,
  next to the same toggle in an article holding 100: what one key costs as an article
  fills up.

    python benchmarks/bench_bulk.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

SENTENCES_PER_PARAGRAPH = 2


def write_article(path: Path, sentences: int) -> Path:
    """An article of ``sentences`` sentences (two per paragraph, a heading every 40 paragraphs)."""
    lines: list[str] = []
    for paragraph in range(sentences // SENTENCES_PER_PARAGRAPH):
        if paragraph % 40 == 0:
            lines += ["|", f"Part {paragraph // 40 + 1} of the Report"]
        lines.append(f"Paragraph {paragraph} says officials counted {paragraph * 10} shells. Analysts disagreed on the {paragraph}th.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def time_range_tag(workdir: Path, sentences: int, runs: int) -> float:
    """Median seconds of ``newsmark tag ARTICLE 1-sentences claim`` in a fresh store (sentences cached first)."""
    article = write_article(workdir / f"range-{sentences}.txt", sentences)
    env = {**os.environ, "NEWSMARK_CONFIG": "", "NEWSMARK_ANNOTATOR": "bench", "XDG_CACHE_HOME": str(workdir / "cache")}
    subprocess.run([sys.executable, "-m", "tui.cli", "parse", str(article)], env=env, check=True, capture_output=True)
    times = []
    for run in range(runs):
        store = workdir / f"range-store-{sentences}-{run}"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tui.cli", "tag", str(article), f"1-{sentences}", "claim"],
            env={**env, "NEWSMARK_DB": str(store)},
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_toggle(workdir: Path, annotations: int, toggles: int) -> float:
    """Median seconds of one durable tag toggle in an article already holding ``annotations`` records."""
    cache = SentenceCache(workdir / "cache-toggle")
    article = load_article(write_article(workdir / f"toggle-{annotations}.txt", max(annotations, 100) + 10), cache=cache)
    with Store(workdir / f"toggle-store-{annotations}") as store:
        notes = open_article(store, article, annotator="bench", schema=TagSchema())
        notes.add_tags(range(1, annotations + 1), ["claim"])
        free = len(article.sentences)
        times = []
        for _ in range(toggles):
            started = time.perf_counter()
            notes.toggle([free], "figure")
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def rows(workdir: Path, quick: bool) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    big, small = (5_000, 500) if quick else (50_000, 2_000)
    runs = 1 if quick else 3
    big_s, small_s = time_range_tag(workdir, big, runs), time_range_tag(workdir, small, runs)
    per_sentence = (big_s / big) / (small_s / small)
    toggles = 10 if quick else 40
    full, light = time_toggle(workdir, big, toggles), time_toggle(workdir, 100, toggles)
    return [
        (
            f"tag a range of {big:,} sentences (newsmark tag, whole process)",
            f"{big_s:.2f} s",
            f"range of {small:,}: {small_s:.2f} s",
            f"{per_sentence:.2f}x per sentence",
            "<= 1.5x per sentence (linear)",
            per_sentence <= 1.5 if not quick else None,
        ),
        (
            f"one tag toggle, {big:,} annotations in the article",
            f"{full * 1000:.1f} ms",
            f"100 in the article: {light * 1000:.1f} ms",
            f"{full / light:.1f}x",
            "<= 100 ms",
            full <= 0.1 if not quick else None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs: checks the script works")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-bulk-") as folder:
        for row in rows(Path(folder), args.quick):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
