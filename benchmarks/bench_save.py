"""Durable save (one tag toggle) at 1k, 10k and 100k annotations in the store.

Prints one table: newsmark's median save next to TinyDB's default JSONStorage
measured in the same run on a store of the same size, and the same toggle on words
inside a sentence (a span) next to it: tagging a span should cost what tagging a
sentence does.

    python benchmarks/bench_save.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import parse_article_bytes
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import ARTICLES_DIR, MARKER_NAME, Store, article_key
from annotations.store.records import new_record, utc_now
from annotations.store.spans import find_words

PER_ARTICLE = 100


def make_article(index: int, sentences: int = 120) -> bytes:
    lines = [
        f"Paragraph {p} of report {index} says officials counted {p * 1000} shells. U.S. analysts disagreed on the {p}th."
        for p in range(sentences // 2)
    ]
    return "\n".join(lines).encode()


def fill_store(root: Path, total: int, workdir: Path) -> Path:
    """Write ``total`` annotations spread over articles of PER_ARTICLE each; return one article."""
    (root / ARTICLES_DIR).mkdir(parents=True)
    (root / MARKER_NAME).write_text(json.dumps({"newsmark_store": 1}))
    now = utc_now()
    first_path = None
    for index in range(max(1, total // PER_ARTICLE)):
        path = workdir / f"article-{index}.txt"
        data = make_article(index)
        path.write_bytes(data)
        article = parse_article_bytes(data, path)
        annotations = {}
        for number in range(1, PER_ARTICLE + 1):
            record = new_record(article, article.sentence(number), "bench", now)
            record["tags"] = ["claim"]
            annotations[str(number)] = record
        tables = {
            "meta": {
                "1": {
                    "newsmark_store": 1,
                    "path": article.path,
                    "sha256": article.sha256,
                    "title": article.title,
                    "meta": {},
                    "position": 1,
                }
            },
            "annotations": annotations,
            "history": {},
        }
        (root / ARTICLES_DIR / f"{article_key(article.path)}.json").write_text(json.dumps(tables, ensure_ascii=False))
        first_path = first_path or path
    assert first_path is not None
    return first_path


def time_newsmark(root: Path, article_path: Path, saves: int) -> list[float]:
    article = parse_article_bytes(article_path.read_bytes(), article_path)
    with Store(root) as store:
        notes = open_article(store, article, annotator="bench", schema=TagSchema())
        timings = []
        for index in range(saves):
            sentence = 101 + index % 19
            started = time.perf_counter()
            notes.toggle([sentence], "figure")
            timings.append(time.perf_counter() - started)
    return timings


def time_newsmark_span(root: Path, article_path: Path, saves: int) -> list[float]:
    """The toggle of :func:`time_newsmark`, on the first two words of each sentence."""
    article = parse_article_bytes(article_path.read_bytes(), article_path)
    with Store(root) as store:
        notes = open_article(store, article, annotator="bench", schema=TagSchema())
        timings = []
        for index in range(saves):
            sentence = 101 + index % 19
            words = find_words(article, sentence, " ".join(article.sentence(sentence).text.split()[:2]))
            started = time.perf_counter()
            notes.edits.toggle_span(words, "figure")
            timings.append(time.perf_counter() - started)
    return timings


def time_tinydb_default(total: int, workdir: Path, saves: int) -> list[float]:
    from tinydb import TinyDB

    path = workdir / "default.json"
    record = {
        "id": "",
        "sentence": 1,
        "text": "x" * 150,
        "tags": ["claim"],
        "note": "",
        "selector": {"exact": "x" * 150, "prefix": "p" * 32, "suffix": "s" * 32, "start": 0, "end": 150},
    }
    docs = {str(i): dict(record, id=str(uuid.uuid4()), sentence=i) for i in range(1, total + 1)}
    path.write_text(json.dumps({"_default": docs}))
    db = TinyDB(path)
    timings = []
    for index in range(saves):
        started = time.perf_counter()
        db.update({"tags": ["figure"] if index % 2 else ["claim"]}, doc_ids=[1 + index % total])
        timings.append(time.perf_counter() - started)
    db.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer sizes and saves, to check the script works")
    args = parser.parse_args()
    sizes = [1_000] if args.quick else [1_000, 10_000, 100_000]
    saves = 20 if args.quick else 200
    rows = []
    for total in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            article = fill_store(workdir / "store", total, workdir)
            ours = statistics.median(time_newsmark(workdir / "store", article, saves))
            span = statistics.median(time_newsmark_span(workdir / "store", article, saves))
            baseline_saves = max(3, saves // (1 if total <= 1_000 else 10 if total <= 10_000 else 40))
            theirs = statistics.median(time_tinydb_default(total, workdir, baseline_saves))
        rows.append((total, ours, theirs, span))
    print(
        f"{'annotations':>12} | {'newsmark save (median)':>22} | {'TinyDB JSONStorage':>18} | {'speed-up':>8} | {'span save (median)':>18}"
    )
    print("-" * 93)
    for total, ours, theirs, span in rows:
        print(f"{total:>12,} | {ours * 1000:>19.3f} ms | {theirs * 1000:>15.1f} ms | {theirs / ours:>7.0f}x | {span * 1000:>15.3f} ms")


if __name__ == "__main__":
    main()
