"""An article holding 50,000 span records (tagged words inside sentences): opening it and
one span toggle in it, next to the same article holding 50,000 whole-sentence records.

Two rows for benchmarks/run.py, runnable alone:

- open the article (store file read, records checked, view built): spans should cost
  what sentence records cost (<= 1.2x);
- one span tag toggle (a durable save) in it: within the toggle target of an article
  holding 50,000 annotations (<= 100 ms).

    python benchmarks/bench_spans.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_bulk import write_article

from annotations.formats.loader import load_article
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import ARTICLES_DIR, MARKER_NAME, Store, article_key
from annotations.store.records import Record, new_record, utc_now
from annotations.store.spans import find_words, span_of


def fill(root: Path, article: Article, total: int, *, spans: bool) -> None:
    """A store whose one article holds ``total`` records, on the words "officials counted"
    of each sentence that has them (``spans``) or on the whole sentences."""
    (root / ARTICLES_DIR).mkdir(parents=True)
    (root / MARKER_NAME).write_text(json.dumps({"newsmark_store": 1}))
    now = utc_now()
    records: dict[str, Record] = {}
    for sentence in article.sentences:
        if len(records) == total:
            break
        at = sentence.text.find("officials counted")
        if at < 0:
            continue
        record = new_record(article, sentence, "bench", now)
        record["tags"] = ["claim"]
        if spans:
            record["span"] = span_of(sentence.text, at, at + len("officials counted"))
        records[str(len(records) + 1)] = record
    meta = {"newsmark_store": 1, "path": article.path, "sha256": article.sha256, "title": article.title, "meta": {}, "position": 1}
    tables = {"meta": {"1": meta}, "annotations": records, "history": {}}
    (root / ARTICLES_DIR / f"{article_key(str(article.path))}.json").write_text(json.dumps(tables, ensure_ascii=False))


def time_open_and_toggle(root: Path, article: Article, runs: int, toggles: int) -> tuple[float, float]:
    """Median seconds of opening the article, and of one span toggle in it."""
    opens = []
    for _ in range(runs):
        with Store(root) as store:
            started = time.perf_counter()
            notes = open_article(store, article, annotator="bench", schema=TagSchema())
            opens.append(time.perf_counter() - started)
            notes.release()
    times = []
    with Store(root) as store, open_article(store, article, annotator="bench", schema=TagSchema()) as notes:
        last = len(article.sentences)
        words = find_words(article, last, " ".join(article.sentence(last).text.split()[:2]))
        for _ in range(toggles):
            started = time.perf_counter()
            notes.edits.toggle_span(words, "figure")
            times.append(time.perf_counter() - started)
    return statistics.median(opens), statistics.median(times)


def rows(workdir: Path, quick: bool) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    total = 5_000 if quick else 50_000
    runs, toggles = (1, 5) if quick else (5, 40)
    article = load_article(write_article(workdir / "spans.txt", 2 * total + 10), cache=SentenceCache(workdir / "cache-spans"))
    fill(workdir / "span-store", article, total, spans=True)
    fill(workdir / "sentence-store", article, total, spans=False)
    span_open, span_toggle = time_open_and_toggle(workdir / "span-store", article, runs, toggles)
    sentence_open, sentence_toggle = time_open_and_toggle(workdir / "sentence-store", article, runs, toggles)
    return [
        (
            f"open an article holding {total:,} span records",
            f"{span_open * 1000:.0f} ms",
            f"{total:,} sentence records: {sentence_open * 1000:.0f} ms",
            f"{span_open / sentence_open:.2f}x",
            "<= 1.2x",
            span_open / sentence_open <= 1.2 if not quick else None,
        ),
        (
            f"one span tag toggle, {total:,} span records in the article",
            f"{span_toggle * 1000:.1f} ms",
            f"among sentence records: {sentence_toggle * 1000:.1f} ms",
            f"{span_toggle / sentence_toggle:.2f}x",
            "<= 100 ms",
            span_toggle <= 0.1 if not quick else None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs: checks the script works")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-spans-") as folder:
        for row in rows(Path(folder), args.quick):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
