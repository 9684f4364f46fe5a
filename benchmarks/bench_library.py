"""A newsroom's folder in the library: 10,000 articles of ~8 KB listed, sorted and filtered.

Rows for benchmarks/run.py, runnable alone, each next to a bare ``ls -l`` of the same
folder (what listing the files costs at all):

- ``newsmark FOLDER`` from spawn until every article is listed with its title and
  sections (the status line says ``10,000 readable``): cold (empty sentence cache and
  library index) and warm (the index filled by an earlier run);
- a sort key (``s``) and one typed filter key (``/`` then a letter) in that library, from
  the key's bytes to the status line changing;
- the peak memory of the library process;
- the annotations overview over a store of 100,000 annotations (1,000 articles): reading
  every store file (in the background, in the app) and one filter key, in-process.

    python benchmarks/bench_library.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_save
from common import PtyProcess, generate_article, newsmark_argv, run_from_bytecode

from annotations.library.overview import AnnotationFilter, store_annotations
from annotations.store.folder import LockMode, Store

Row = tuple[str, str, str, str, str, bool | None]


def write_folder(folder: Path, count: int) -> None:
    """``count`` generated sectioned articles of about 8 KB each."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        generate_article(folder / f"article-{number:05d}.txt", 8_000, seed=number)


def time_ls(folder: Path, runs: int) -> float:
    """Median seconds of ``ls -l FOLDER`` (the baseline: reading the folder and a stat per file)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(["ls", "-l", str(folder)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def env_for(workdir: Path, cache: Path) -> dict[str, str]:
    """The environment of a library process: its own store, config and cache folders."""
    return {
        "NEWSMARK_DB": str(workdir / "store"),
        "NEWSMARK_ANNOTATOR": "bench",
        "XDG_CACHE_HOME": str(cache),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_STATE_HOME": str(workdir / "state"),  # its own remembered sort, whatever other runs chose
    }


def wait_for_index(cache: Path, timeout: float = 120.0) -> None:
    """Until the library has saved its index (after listing, before counting sentences)."""
    deadline = time.monotonic() + timeout
    while not any((cache / "newsmark" / "library").glob("*.json")):
        if time.monotonic() > deadline:
            raise TimeoutError("the library index was never saved")
        time.sleep(0.05)


def listed(folder: Path, count: int, env: dict[str, str], *, keep: bool = False) -> tuple[float, PtyProcess | None]:
    """Seconds from spawn until all ``count`` articles are listed; the process if ``keep``."""
    process = PtyProcess(newsmark_argv(str(folder)), env)
    try:
        process.wait_for(f"{count:,} readable".encode(), 300)
        seconds = time.perf_counter() - process.started
    except BaseException:
        process.close()
        raise
    if keep:
        return seconds, process
    process.close()
    return seconds, None


def key_to_status(process: PtyProcess, key: bytes, needle: bytes) -> float:
    """Seconds from sending ``key`` until ``needle`` is painted."""
    started = time.perf_counter()
    process.send(key)
    process.wait_for(needle, 60)
    return time.perf_counter() - started


def overview_rows(workdir: Path, quick: bool) -> list[Row]:
    """Reading a big store for the annotations overview, and filtering what it read."""
    total = 10_000 if quick else 100_000
    folder = workdir / "overview"
    folder.mkdir()
    bench_save.fill_store(folder / "store", total, folder)
    reads = []
    for _ in range(1 if quick else 3):
        started = time.perf_counter()
        with Store(folder / "store", mode=LockMode.READ) as store:
            items, _ = store_annotations(store)
        reads.append(time.perf_counter() - started)
    filters = []
    for query in ("s", "sh", "shells", "shells @bench", "#claim shells @bench"):
        started = time.perf_counter()
        AnnotationFilter.parse(query).apply(items)
        filters.append(time.perf_counter() - started)
    read_s, filter_ms = statistics.median(reads), statistics.median(filters) * 1000
    return [
        (f"annotations overview: read {total:,} annotations (background)", f"{read_s:.2f} s", "", "", "", None),
        (f"annotations overview: filter {total:,} (one typed key, core)", f"median {filter_ms:.0f} ms", "", "", "", None),
    ]


def rows(workdir: Path, quick: bool) -> list[Row]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    count = 1_000 if quick else 10_000
    runs = 1 if quick else 3
    folder = workdir / "newsroom"
    write_folder(folder, count)
    ls = time_ls(folder, 5)
    listed(folder, count, env_for(workdir, workdir / "warm-up-cache"))  # compiles bytecode, fills the OS caches
    cold_times = []
    for run in range(runs):
        cache = workdir / f"cold-cache-{run}"
        seconds, process = listed(folder, count, env_for(workdir, cache), keep=True)
        assert process is not None
        try:
            wait_for_index(cache)
        finally:
            process.close()
        cold_times.append(seconds)
    warm_cache = workdir / "cold-cache-0"
    warm_times = [listed(folder, count, env_for(workdir, warm_cache))[0] for _ in range(runs)]
    cold, warm = statistics.median(cold_times), statistics.median(warm_times)

    _, process = listed(folder, count, env_for(workdir, warm_cache), keep=True)
    assert process is not None
    try:
        sorts = [
            key_to_status(process, b"s", f"by {name}".encode()) for name in ("path", "size", "sentences", "tagged", "last opened", "title")
        ]
        process.send(b"/")
        process.wait_for(b"filter by title or path", 30)
        filters = []
        typed = ""
        for letter in "article 0042":
            typed += letter
            filters.append(key_to_status(process, letter.encode(), f"filter {typed!r}:".encode()))
        rss = process.peak_rss_mb()
    finally:
        process.close()
    sort_ms, filter_ms = statistics.median(sorts) * 1000, statistics.median(filters) * 1000
    label = f"{count:,} articles"
    baseline = f"ls -l {ls * 1000:,.0f} ms"
    full = not quick
    return [
        (
            f"library of {label} listed in full, cold (no index)",
            f"{cold:.2f} s",
            baseline,
            f"{cold / ls:,.0f}x",
            "<= 10 s",
            cold <= 10 if full else None,
        ),
        (
            f"library of {label} listed in full, warm index",
            f"{warm:.2f} s",
            baseline,
            f"{warm / ls:,.0f}x",
            "<= 1 s",
            warm <= 1 if full else None,
        ),
        (f"sort {label} (s, key to status)", f"median {sort_ms:.0f} ms", "", "", "<= 100 ms", sort_ms <= 100 if full else None),
        (f"filter {label} by title (one typed key)", f"median {filter_ms:.0f} ms", "", "", "<= 100 ms", filter_ms <= 100 if full else None),
        (f"library of {label}: peak memory (RSS)", f"{rss:,.0f} MB", "", "", "<= 300 MB", rss <= 300 if full else None),
        *overview_rows(workdir, quick),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles, one run: checks the script works")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-library-") as folder:
        run_from_bytecode(Path(folder) / "bytecode")  # as installed (see common.run_from_bytecode)
        for row in rows(Path(folder), args.quick):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
