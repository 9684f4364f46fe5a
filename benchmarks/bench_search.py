"""Searching the corpus: ``newsmark search`` and the text index on the library's generated
folder (10,000 articles of ~8 KB, as benchmarks/bench_library.py writes it).

Rows for benchmarks/run.py, runnable alone, each next to its baseline measured in the same run:

- the index built from nothing by ``newsmark search`` (splitting included), and its size
  next to the size of the articles' files;
- a warm ``newsmark search`` (whole process) next to ``newsmark --version`` (whole process),
  runs interleaved;
- a warm search over 10,000 articles next to the same search over 1,000;
- both again in CPU time (user + system of each process, from the same runs): on a shared
  machine a wall-clock median also holds the time spent waiting for a core;
- the library's sort key while the library builds the index in the background, next to the
  same key once it is built.

``--engines`` compares SQLite FTS5 and tantivy on the same sentences instead (the figures
in annotations/library/text_index.py's docstring).

    python benchmarks/bench_search.py [--quick] [--engines]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_library import env_for, key_to_status, write_folder
from common import REPO, PtyProcess, newsmark_argv, run_command, run_from_bytecode

Row = tuple[str, str, str, str, str, bool | None]
QUERY = '"central bank"'  # a phrase in one sentence of five: a common phrase, the engine's hard case
SORTS = ("path", "size", "sentences", "tagged", "last opened", "title")


def folder_bytes(folder: Path) -> int:
    """The size of every file under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def search_seconds(folder: Path, env: dict[str, str]) -> float:
    """Seconds of one whole ``newsmark search QUERY FOLDER``."""
    return run_command(newsmark_argv("search", QUERY, str(folder)), env)


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one whole command; raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, env={**os.environ, **(env or {})}, cwd=REPO, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def indexed_count(cache: Path) -> int:
    """How many articles the index in ``cache`` lists (0 while it has none)."""
    import json

    try:
        return len(json.loads((cache / "newsmark" / "search" / "articles.json").read_bytes())["stamps"])
    except (OSError, ValueError, KeyError):
        return 0


def keys_while_building(folder: Path, count: int, workdir: Path) -> tuple[list[float], list[float], bool]:
    """Sort-key times in a library while it builds the index, then once it is built; and
    whether the first keys were all answered before the build ended."""
    cache = workdir / "library-cache"
    process = PtyProcess(newsmark_argv(str(folder)), env_for(workdir, cache))
    try:
        process.wait_for(f"{count:,} readable".encode(), 600)
        process.wait_for(b"indexing text", 900)
        during = [key_to_status(process, b"s", f"by {name}".encode()) for name in SORTS * 2]
        before_end = indexed_count(cache) < count
        deadline = time.monotonic() + 1800
        while indexed_count(cache) < count and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # the indexing process commits its last articles and ends
        after = [key_to_status(process, b"s", f"by {name}".encode()) for name in SORTS * 2]
    finally:
        process.close()
    return during, after, before_end


def rows(workdir: Path, quick: bool) -> list[Row]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    big, small = (1_000, 100) if quick else (10_000, 1_000)
    runs = 3 if quick else 15
    folders = {count: workdir / f"corpus-{count}" for count in (big, small)}
    envs = {count: env_for(workdir, workdir / f"cache-{count}") for count in (big, small)}
    for count, folder in folders.items():
        write_folder(folder, count)
    built = {count: search_seconds(folders[count], envs[count]) for count in (big, small)}  # cold: splits and indexes
    index_bytes = folder_bytes(workdir / f"cache-{big}" / "newsmark" / "search")
    text_bytes = folder_bytes(folders[big])
    searches: dict[int, list[tuple[float, float]]] = {big: [], small: []}
    versions: list[tuple[float, float]] = []
    for _ in range(runs):  # interleaved: a load that comes and goes weighs on both alike
        versions.append(timed(newsmark_argv("--version")))
        for count in (big, small):
            searches[count].append(timed(newsmark_argv("search", QUERY, str(folders[count])), envs[count]))
    version, warm_big, warm_small = (
        statistics.median(wall for wall, _ in samples) * 1000 for samples in (versions, searches[big], searches[small])
    )
    cpu_version, cpu_big, cpu_small = (
        statistics.median(cpu for _, cpu in samples) * 1000 for samples in (versions, searches[big], searches[small])
    )
    during, after, measured_during = keys_while_building(folders[big], big, workdir)
    key_during, key_after = statistics.median(during) * 1000, statistics.median(after) * 1000
    full = not quick
    size_ratio = index_bytes / text_bytes
    return [
        (
            f"text index of {big:,} articles built from nothing (newsmark search, splitting included)",
            f"{built[big]:.1f} s",
            "",
            "",
            "",
            None,
        ),
        (
            f"text index of {big:,} articles: size",
            f"{index_bytes / 1e6:.1f} MB",
            f"articles {text_bytes / 1e6:.1f} MB",
            f"{size_ratio:.2f}x",
            "<= 1.5x",
            size_ratio <= 1.5,
        ),
        (
            f"newsmark search, {big:,} articles, warm (whole process)",
            f"median {warm_big:.0f} ms",
            f"newsmark --version {version:.0f} ms",
            f"{warm_big / version:.2f}x",
            "<= 2x",
            warm_big / version <= 2 if full else None,
        ),
        (
            f"newsmark search, {big:,} against {small:,} articles, warm",
            f"median {warm_big:.0f} ms",
            f"{small:,} articles {warm_small:.0f} ms",
            f"{warm_big / warm_small:.2f}x",
            "<= 1.5x",
            warm_big / warm_small <= 1.5 if full else None,
        ),
        (
            f"newsmark search, {big:,} articles, warm: CPU time (user + system, same runs)",
            f"median {cpu_big:.0f} ms",
            f"newsmark --version {cpu_version:.0f} ms",
            f"{cpu_big / cpu_version:.2f}x",
            "<= 2x",
            cpu_big / cpu_version <= 2 if full else None,
        ),
        (
            f"newsmark search, {big:,} against {small:,} articles, warm: CPU time (same runs)",
            f"median {cpu_big:.0f} ms",
            f"{small:,} articles {cpu_small:.0f} ms",
            f"{cpu_big / cpu_small:.2f}x",
            "<= 1.5x",
            cpu_big / cpu_small <= 1.5 if full else None,
        ),
        (
            f"library of {big:,}: sort key while the text index builds{'' if measured_during else ' (build ended first)'}",
            f"median {key_during:.0f} ms",
            f"built {key_after:.0f} ms",
            f"{key_during / key_after:.2f}x",
            "<= 100 ms",
            key_during <= 100 if full else None,
        ),
    ]


def engines(workdir: Path, count: int) -> None:
    """SQLite FTS5 against tantivy on the sentences of ``count`` generated articles: build, size, queries."""
    from annotations.formats.loader import load_article

    folder = workdir / f"engines-{count}"
    write_folder(folder, count)
    sentences = [(number, s.number, s.text) for number, path in enumerate(sorted(folder.iterdir())) for s in load_article(path).sentences]
    files = folder_bytes(folder)
    queries = ["shipments", '"central bank"', "minist*", '"Jan. 17"']
    for name, run in (("fts5", _fts5), ("tantivy", _tantivy)):
        seconds, size, timings = run(workdir / f"{name}-{count}", sentences, queries)
        print(f"{name}: {count:,} articles, {len(sentences):,} sentences: build {seconds:.1f} s, {size / files:.2f}x the files")
        for query, (ms, hits) in timings.items():
            print(f"  {query}: {ms:.1f} ms ({hits:,} matches)")


def _fts5(folder: Path, sentences: list[tuple[int, int, str]], queries: list[str]) -> tuple[float, int, dict[str, tuple[float, int]]]:
    """Build an FTS5 table of the sentences and time the queries (best 20 by BM25)."""
    import sqlite3

    folder.mkdir()
    started = time.perf_counter()
    db = sqlite3.connect(folder / "index.db")
    db.execute("CREATE VIRTUAL TABLE s USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO s(rowid, text) VALUES (?, ?)", ((a << 20 | n, text) for a, n, text in sentences))
    db.execute("INSERT INTO s(s) VALUES('optimize')")
    db.commit()
    seconds = time.perf_counter() - started
    timings = {}
    for query in queries:
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            db.execute("SELECT rowid, text FROM s WHERE s MATCH ? ORDER BY rank LIMIT 20", (query,)).fetchall()
            samples.append(time.perf_counter() - started)
        hits = db.execute("SELECT count(*) FROM s WHERE s MATCH ?", (query,)).fetchone()[0]
        timings[query] = (statistics.median(samples) * 1000, hits)
    return seconds, folder_bytes(folder), timings


def _tantivy(folder: Path, sentences: list[tuple[int, int, str]], queries: list[str]) -> tuple[float, int, dict[str, tuple[float, int]]]:
    """Build newsmark's tantivy index of the sentences and time the same queries through newsmark's own."""
    import tantivy

    from annotations.library.text_index import TOKENIZER, analyzer, schema
    from annotations.library.text_query import parse_query
    from annotations.library.text_search import _part_query

    folder.mkdir()
    started = time.perf_counter()
    index = tantivy.Index(schema(), path=str(folder))
    index.register_tokenizer(TOKENIZER, analyzer())
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    for article, number, text in sentences:
        writer.add_document(tantivy.Document(text=text, path=str(article), number=number, section=1))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    index.reload()
    searcher = index.searcher()
    timings = {}
    for text in queries:
        parts = parse_query(text, analyzer().analyze)
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, _part_query(index.schema, part)) for part in parts])
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            [searcher.doc(address) for _, address in searcher.search(query, 20).hits]
            samples.append(time.perf_counter() - started)
        timings[text] = (statistics.median(samples) * 1000, searcher.search(query, 1, count=True).count or 0)
    return seconds, folder_bytes(folder), timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 100 articles, few runs: checks the script works")
    parser.add_argument("--engines", action="store_true", help="compare SQLite FTS5 and tantivy on the same sentences instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-search-") as folder:
        run_from_bytecode(Path(folder) / "bytecode")  # as installed (see common.run_from_bytecode)
        if args.engines:
            for count in (100, 1_000) if args.quick else (1_000, 10_000):
                engines(Path(folder), count)
            return
        for row in rows(Path(folder), args.quick):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
