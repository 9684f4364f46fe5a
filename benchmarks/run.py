"""newsmark's benchmarks: one table of what users feel, each next to a baseline.

    python benchmarks/run.py [--quick]

Generates its own inputs (articles of normal size, 1 MB and 5 MB, 5 MB of the sample
articles' paragraphs, 1 MB in one
paragraph; stores of 1k, 10k and 100k annotations; an article of 50,000 sentences to tag
at once and to hold 50,000 annotations; a folder of 10,000 articles for the library; web
pages and the same text as .txt; 10,000 and 1,000 articles to search) in a temporary folder. Timings are
medians of several runs, measured in the same run as their baseline because these
machines are noisy. --quick uses smaller inputs and fewer runs, to check that the
script still works.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_anchor
import bench_bulk
import bench_elsewhere
import bench_learning
import bench_library
import bench_save
import bench_search
import bench_sentences
import bench_spans
import bench_suggest
import bench_web
from common import (
    REPO,
    PtyProcess,
    generate_article,
    generate_one_paragraph_article,
    median_ms,
    newsmark_argv,
    p90_ms,
    repeat,
    run_command,
    run_from_bytecode,
    time_to_text,
)

BARE_APP = [sys.executable, str(REPO / "benchmarks" / "bare_app.py")]
SAMPLE = REPO / "sample_articles" / "artillery-pipeline.txt"
FIRST_WORDS = b"Russian forces"


@dataclass
class Row:
    what: str
    value: str
    baseline: str
    ratio: str
    target: str
    met: bool | None


def fmt_ms(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.2f} ms"


class Bench:
    def __init__(self, workdir: Path, quick: bool) -> None:
        self.workdir = workdir
        self.quick = quick
        self.runs = 3 if quick else 7
        self.rows: list[Row] = []

    def env(self, name: str, cache: Path | None = None) -> dict[str, str]:
        return {
            "NEWSMARK_DB": str(self.workdir / f"store-{name}"),
            "NEWSMARK_ANNOTATOR": "bench",
            "XDG_CACHE_HOME": str(cache or self.workdir / "cache"),
            "XDG_CONFIG_HOME": str(self.workdir / "config"),
        }

    def bare(self) -> float:
        return median_ms(repeat(self.runs, lambda: time_to_text(BARE_APP, FIRST_WORDS)))

    def own_state(self, name: str) -> dict[str, str]:
        """:meth:`env` with remembered choices of its own: the user's (one sentence a line,
        say) would change what the reader lays out and draws."""
        return {**self.env(name), "XDG_STATE_HOME": str(self.workdir / f"state-{name}")}

    def start_up(self) -> None:
        """The reader's first paint next to the bare app's, started in turn (bare, newsmark,
        bare, ...) so that both meet the same load; the ratio is the median of the pairs'."""
        env = self.own_state("start")
        ours_argv = newsmark_argv(str(SAMPLE))
        time_to_text(BARE_APP, FIRST_WORDS)
        time_to_text(ours_argv, FIRST_WORDS, env)
        bares: list[float] = []
        ours_runs: list[float] = []
        for _ in range(self.runs * 3):
            bares.append(time_to_text(BARE_APP, FIRST_WORDS))
            ours_runs.append(time_to_text(ours_argv, FIRST_WORDS, env))
        bare, ours = median_ms(bares), median_ms(ours_runs)
        ratio = statistics.median(mine / theirs for mine, theirs in zip(ours_runs, bares, strict=True))
        self.rows.append(
            Row(
                "cold start, normal article (first sentence painted)",
                fmt_ms(ours),
                f"bare Textual app {fmt_ms(bare)}",
                f"{ratio:.2f}x",
                "<= 1.2x",
                ratio <= 1.2,
            )
        )

    def big_article(self) -> None:
        sizes = (100_000, 500_000) if self.quick else (1_000_000, 5_000_000)
        bare = self.bare()
        for size in sizes:
            self.open_big(size, bare, measure_memory=size == sizes[-1])

    def open_big(self, size: int, bare: float, *, measure_memory: bool) -> None:
        article = self.workdir / f"big-{size}.txt"
        generate_article(article, size)
        needle = b"Lede paragraph one"
        runs = 1 if self.quick else 3

        def first_open() -> float:
            fresh_cache = Path(tempfile.mkdtemp(dir=self.workdir))
            return time_to_text(newsmark_argv(str(article)), needle, self.env("big", fresh_cache), timeout=600)

        cold = median_ms([first_open() for _ in range(runs)])
        run_command(newsmark_argv("parse", "--json", str(article)), self.env("big"))  # what the first open's worker caches
        warm = median_ms(repeat(runs, lambda: time_to_text(newsmark_argv(str(article)), needle, self.env("big"), timeout=600)))
        label = f"{size / 1e6:g} MB article"
        self.rows.append(
            Row(
                f"{label}: first section painted, first open",
                fmt_ms(cold),
                f"bare app {fmt_ms(bare)}",
                f"{cold / bare:.1f}x",
                "<= 3x",
                cold / bare <= 3,
            )
        )
        self.rows.append(
            Row(
                f"{label}: first section painted, second open",
                fmt_ms(warm),
                f"bare app {fmt_ms(bare)}",
                f"{warm / bare:.1f}x",
                "<= 3x",
                warm / bare <= 3,
            )
        )
        if not measure_memory:
            return
        # Memory with the whole article split and on screen (sentences cached above).
        process = PtyProcess(newsmark_argv(str(article)), self.env("big"))
        try:
            process.wait_for(needle, 600)
            process.send(b"G")  # the last section: every section laid out once on the way
            process.wait_for(b"sentence ", 60)
            time.sleep(0.5)
            rss = process.peak_rss_mb()
        finally:
            process.close()
        self.rows.append(Row(f"{label} open (whole article): peak memory (RSS)", f"{rss:,.0f} MB", "", "", "<= 250 MB", rss <= 250))

    def long_paragraph(self) -> None:
        """Splitting a 1 MB article that is one paragraph, next to the same text in paragraphs."""
        size = 100_000 if self.quick else 1_000_000
        one = self.workdir / "one-paragraph.txt"
        many = self.workdir / "paragraphs.txt"
        generate_one_paragraph_article(one, size)
        generate_article(many, size)
        runs = 1 if self.quick else 3

        def parse(article: Path) -> float:  # a fresh sentence cache: the split is measured
            fresh_cache = Path(tempfile.mkdtemp(dir=self.workdir))
            return run_command(newsmark_argv("parse", "--json", str(article)), self.env("parse", fresh_cache))

        ours = median_ms([parse(one) for _ in range(runs)])
        base = median_ms([parse(many) for _ in range(runs)])
        self.rows.append(
            Row(
                f"parse {size / 1e6:g} MB article in one paragraph",
                f"{ours / 1000:.2f} s",
                f"same text in paragraphs {base / 1000:.2f} s",
                f"{ours / base:.2f}x",
                "<= 10 s",
                ours <= 10_000 if size == 1_000_000 else None,
            )
        )

    def sentences(self) -> None:
        """Every sentence of a 1 MB and a 5 MB article known on first open, next to pysbd alone."""
        for row in bench_sentences.rows(self.workdir, self.quick, self.env("sentences")):
            self.rows.append(Row(*row))

    def bulk(self) -> None:
        """Tagging a range of 50,000 sentences, and one toggle in an article holding 50,000 annotations."""
        folder = self.workdir / "bulk"
        folder.mkdir()
        for row in bench_bulk.rows(folder, self.quick):
            self.rows.append(Row(*row))
        for row in bench_spans.rows(folder, self.quick):
            self.rows.append(Row(*row))

    def library(self) -> None:
        """A folder of 10,000 articles in the library: listed cold and warm, sorted, filtered; memory."""
        folder = self.workdir / "library"
        folder.mkdir()
        for row in bench_library.rows(folder, self.quick):
            self.rows.append(Row(*row))

    def search(self) -> None:
        """Searching 10,000 articles: the text index's size, a warm search next to --version and to 1,000 articles; library keys while it builds."""
        folder = self.workdir / "search"
        folder.mkdir()
        for row in bench_search.rows(folder, self.quick):
            self.rows.append(Row(*row))

    def anchoring(self) -> None:
        """Re-anchoring 1,000 annotations on an edited 5 MB article."""
        folder = self.workdir / "anchor"
        folder.mkdir()
        for row in bench_anchor.rows(folder, self.quick):
            self.rows.append(Row(*row))

    def elsewhere(self) -> None:
        """A sentence's claim in other articles, warm, at 10,000 articles."""
        folder = self.workdir / "elsewhere"
        folder.mkdir()
        for row in bench_elsewhere.rows(folder, self.quick):
            self.rows.append(Row(*row))

    def web(self) -> None:
        """A saved web page parsed (trafilatura) next to a .txt of the same text."""
        folder = self.workdir / "web"
        folder.mkdir()
        for row in bench_web.rows(folder, self.quick, self.env("web")):
            self.rows.append(Row(*row))

    def key_latency(self) -> None:
        sizes = {100: 7_000, 10_000: 700_000, 50_000: 3_500_000}
        if self.quick:
            sizes = {100: 7_000, 2_000: 140_000}
        for label, size in sizes.items():
            article = self.workdir / f"keys-{label}.txt"
            generate_article(article, size)
            env = self.own_state(f"keys-{label}")
            run_command(newsmark_argv("parse", "--json", str(article)), env)  # fill the sentence cache
            process = PtyProcess(newsmark_argv(str(article)), env)
            try:
                process.wait_for(b"sentence 1/", 600)
                time.sleep(0.5)
                # A person's key lands at a random point between two frames, not right
                # after one, so each key waits a random fraction of a frame first.
                rng = random.Random(7)
                moves: list[float] = []
                for number in range(2, 2 + (20 if self.quick else 80)):
                    time.sleep(rng.uniform(0, 0.02))
                    started = time.perf_counter()
                    process.send(b"j")
                    process.wait_for(f"sentence {number}/".encode(), 30)
                    moves.append(time.perf_counter() - started)
                tags: list[float] = []
                for index in range(10 if self.quick else 30):
                    time.sleep(rng.uniform(0, 0.02))
                    started = time.perf_counter()
                    process.send(b"1")
                    process.wait_for(b"[claim]" if index % 2 == 0 else b"0 tagged", 30)
                    tags.append(time.perf_counter() - started)
            finally:
                process.close()
            total = label
            for name, samples in (("cursor move (j)", moves), ("tag key (1)", tags)):
                median, p90 = median_ms(samples), p90_ms(samples)
                self.rows.append(
                    Row(
                        f"{name}, ~{total:,} sentences",
                        f"median {fmt_ms(median)}, p90 {fmt_ms(p90)}",
                        "",
                        "",
                        "median <= 8 ms, p90 <= 16 ms",
                        median <= 8 and p90 <= 16,
                    )
                )

    def suggestions(self) -> None:
        """Suggestions on (the default) next to off: first paint and keys; and their quality."""
        off_config = self.workdir / "config-off"
        (off_config / "newsmark").mkdir(parents=True)
        (off_config / "newsmark" / "config.yaml").write_text("suggestions: false\n", encoding="utf-8")

        def env(name: str, on: bool) -> dict[str, str]:
            return {**self.env(f"{name}-{'on' if on else 'off'}"), **({} if on else {"XDG_CONFIG_HOME": str(off_config)})}

        paint = {
            on: median_ms(repeat(self.runs, lambda on=on: time_to_text(newsmark_argv(str(SAMPLE)), FIRST_WORDS, env("start", on))))
            for on in (True, False)
        }
        self.rows.append(
            Row(
                "cold start with suggestions (first sentence painted)",
                fmt_ms(paint[True]),
                f"suggestions off {fmt_ms(paint[False])}",
                f"{paint[True] / paint[False]:.2f}x",
                "<= 1.1x",
                paint[True] / paint[False] <= 1.1,
            )
        )
        size = 140_000 if self.quick else 3_500_000
        article = self.workdir / "suggest-keys.txt"
        generate_article(article, size)
        run_command(newsmark_argv("parse", "--json", str(article)), self.env("suggest"))  # fill the sentence cache
        # Every module compiled, as installed: else the first reader with suggestions on (and
        # the first learning process) compiles the suggestion modules and scikit-learn's while
        # its keys are timed, which no installed newsmark does.
        run_command([sys.executable, "-m", "compileall", "-q", "annotations", "tui"])
        run_command([sys.executable, "-c", "import sklearn.linear_model, sklearn.feature_extraction.text, sklearn.utils"])
        for key, name in ((b"j", "cursor move (j) from the first frame on"), (b"l", "next section (l), suggested as shown")):
            median = {on: median_ms(self._key_times(article, env(f"keys-{key.decode()}", on), key)) for on in (True, False)}
            self.rows.append(
                Row(
                    f"{name}, ~{size // 70:,} sentences, suggestions on",
                    f"median {fmt_ms(median[True])}",
                    f"off {fmt_ms(median[False])}",
                    f"{median[True] / median[False]:.2f}x",
                    "<= 1.2x or <= 8 ms",
                    median[True] / median[False] <= 1.2 or median[True] <= 8,
                )
            )
        self._keys_while_learning(article, env)
        for row in bench_suggest.pathological_rows(self.workdir, self.quick, self.env("suggest-runs")):
            self.rows.append(Row(*row))
        self._learning_rows()
        for split in bench_suggest.SPLITS:
            micro = bench_suggest.scores(split).micro
            met = None if split == "dev" else micro.precision >= 0.85 and micro.recall >= 0.75
            self.rows.append(
                Row(
                    f"suggestion quality, {split} articles (micro)",
                    f"P {micro.precision:.2f}, R {micro.recall:.2f}",
                    "",
                    "",
                    "P >= 0.85, R >= 0.75",
                    met,
                )
            )

    def _keys_while_learning(self, article: Path, env: Callable[[str, bool], dict[str, str]]) -> None:
        """j from the first frame on, in a store of the eight tagged articles: with
        suggestions on, the learned suggester trains on them in the background meanwhile."""
        median = {}
        for on in (True, False):
            learn_env = env(f"learning-{'on' if on else 'off'}", on)
            articles = bench_learning.golds(bench_learning.GOLD)
            bench_learning.fill_store(Path(learn_env["NEWSMARK_DB"]), articles, self.workdir / f"learn-{on}", annotator="bench")
            median[on] = median_ms(self._key_times(article, learn_env, b"j"))
        self.rows.append(
            Row(
                "cursor move (j), store of 8 tagged articles, learned suggester training meanwhile",
                f"median {fmt_ms(median[True])}",
                f"suggestions off {fmt_ms(median[False])}",
                f"{median[True] / median[False]:.2f}x",
                "<= 1.2x or <= 8 ms",
                median[True] / median[False] <= 1.2 or median[True] <= 8,
            )
        )

    def _learning_rows(self) -> None:
        """Quality on each blind set from a cold store, and after 4 tagged articles."""
        for folder in (bench_learning.BLIND, bench_learning.GOLD / "blind2"):
            blind = bench_learning.golds(folder)
            if not blind:
                continue
            rows = {count: (outcome.cold, outcome.learned) for count, outcome in bench_learning.curve_rows(blind)}
            cold = rows[0][0].micro
            self.rows.append(
                Row(
                    f"suggestion quality, {len(blind)} blind articles ({folder.name}), cold store (micro)",
                    f"P {cold.precision:.2f}, R {cold.recall:.2f}",
                    "",
                    "",
                    "P >= 0.85, R >= 0.75",
                    cold.precision >= 0.85 and cold.recall >= 0.75,
                )
            )
            before, after = bench_learning.f1(rows[4][0]), bench_learning.f1(rows[4][1])
            self.rows.append(
                Row(
                    f"learned suggester after 4 tagged articles, blind articles ({folder.name}, micro F1)",
                    f"F1 {after:.2f}",
                    f"cold {before:.2f}",
                    f"{after - before:+.2f}",
                    ">= +0.10",
                    after - before >= 0.10,
                )
            )

    def _key_times(self, article: Path, env: dict[str, str], key: bytes) -> list[float]:
        """Seconds from each key to the status line naming where it moved (the next
        sentence for j, section for l), sent from the first frame on. (Waiting for any
        status line took a second frame of the key before, drawn as suggestions arrive,
        for the answer to the next key: medians of 0.06 ms.)"""
        process = PtyProcess(newsmark_argv(str(article)), env)
        rng = random.Random(7)
        times: list[float] = []
        where = "section" if key == b"l" else "sentence"
        try:
            process.wait_for(b"sentence 1/", 600)
            for number in range(2, 2 + (10 if self.quick else 30)):
                time.sleep(rng.uniform(0, 0.02))
                started = time.perf_counter()
                process.send(key)
                process.wait_for(f"{where} {number}/".encode(), 30)
                times.append(time.perf_counter() - started)
        finally:
            process.close()
        return times

    def saves(self) -> None:
        sizes = [1_000] if self.quick else [1_000, 10_000, 100_000]
        saves = 20 if self.quick else 200
        for total in sizes:
            folder = Path(tempfile.mkdtemp(dir=self.workdir))
            article = bench_save.fill_store(folder / "store", total, folder)
            ours = median_ms(bench_save.time_newsmark(folder / "store", article, saves))
            theirs = median_ms(
                bench_save.time_tinydb_default(total, folder, max(3, saves // (1 if total <= 1_000 else 10 if total <= 10_000 else 40)))
            )
            target = "<= 1 ms, >= 1000x" if total == 100_000 else ""
            met = (ours <= 1 and theirs / ours >= 1000) if total == 100_000 else None
            self.rows.append(
                Row(
                    f"durable save (tag toggle), {total:,} annotations",
                    fmt_ms(ours),
                    f"TinyDB JSONStorage {fmt_ms(theirs)}",
                    f"{theirs / ours:,.0f}x faster",
                    target,
                    met,
                )
            )
            span = median_ms(bench_save.time_newsmark_span(folder / "store", article, saves))
            self.rows.append(
                Row(
                    f"durable save (span tag toggle), {total:,} annotations",
                    fmt_ms(span),
                    f"sentence toggle {fmt_ms(ours)}",
                    f"{span / ours:.2f}x",
                    "<= 1 ms, <= 1.2x" if total == 100_000 else "",
                    (span <= 1 and span / ours <= 1.2) if total == 100_000 else None,
                )
            )
            shutil.rmtree(folder)

    def big_store(self) -> None:
        total = 2_000 if self.quick else 100_000
        folder = self.workdir / "bigstore"
        bench_save.fill_store(folder / "store", total, folder)
        full = {**self.env("x"), "NEWSMARK_DB": str(folder / "store")}
        empty = {**self.env("x"), "NEWSMARK_DB": str(self.workdir / "empty-store")}
        with_store = median_ms(repeat(self.runs, lambda: time_to_text(newsmark_argv(str(SAMPLE)), FIRST_WORDS, full)))
        without = median_ms(repeat(self.runs, lambda: time_to_text(newsmark_argv(str(SAMPLE)), FIRST_WORDS, empty)))
        self.rows.append(
            Row(
                f"open reader, {total:,} annotations in other articles",
                fmt_ms(with_store),
                f"empty store {fmt_ms(without)}",
                f"{with_store / without:.2f}x",
                "<= 1.2x",
                with_store / without <= 1.2,
            )
        )
        export_file = self.workdir / "export.yaml"
        exports = [run_command(newsmark_argv("export", "-o", str(export_file)), full) for _ in range(1 if self.quick else 3)]
        imports = []
        for attempt in range(1 if self.quick else 3):
            target = {**full, "NEWSMARK_DB": str(self.workdir / f"import-store-{attempt}")}
            imports.append(run_command(newsmark_argv("import", str(export_file)), target))
        export_s, import_s = median_ms(exports) / 1000, median_ms(imports) / 1000
        size = export_file.stat().st_size / 1e6
        self.rows.append(
            Row(
                f"export {total:,} annotations to YAML ({size:,.0f} MB)",
                f"{export_s:.2f} s",
                "",
                "",
                "<= 3 s",
                export_s <= 3 if total == 100_000 else None,
            )
        )
        self.rows.append(
            Row(
                f"import {total:,} annotations into an empty store",
                f"{import_s:.2f} s",
                "",
                "",
                "<= 5 s",
                import_s <= 5 if total == 100_000 else None,
            )
        )

    def print_table(self) -> None:
        headers = ("what", "measured", "baseline (same run)", "ratio", "target", "met")
        rows = [(r.what, r.value, r.baseline, r.ratio, r.target, "" if r.met is None else ("yes" if r.met else "NO")) for r in self.rows]
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
        print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small inputs, few runs: checks the script works")
    parser.add_argument(
        "--only",
        choices=(
            "start",
            "big",
            "sentences",
            "paragraph",
            "keys",
            "suggest",
            "saves",
            "bulk",
            "store",
            "library",
            "search",
            "anchor",
            "web",
            "elsewhere",
        ),
        action="append",
        help="run only these groups",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-bench-") as tmp:
        bench = Bench(Path(tmp), args.quick)
        run_from_bytecode(Path(tmp) / "bytecode")
        # One start of each program first: compiles their bytecode and fills the OS caches.
        time_to_text(BARE_APP, FIRST_WORDS)
        time_to_text(newsmark_argv(str(SAMPLE)), FIRST_WORDS, bench.env("warm-up"))
        groups = {
            "start": bench.start_up,
            "big": bench.big_article,
            "sentences": bench.sentences,
            "paragraph": bench.long_paragraph,
            "keys": bench.key_latency,
            "suggest": bench.suggestions,
            "saves": bench.saves,
            "bulk": bench.bulk,
            "store": bench.big_store,
            "library": bench.library,
            "search": bench.search,
            "anchor": bench.anchoring,
            "web": bench.web,
            "elsewhere": bench.elsewhere,
        }
        for name, run in groups.items():
            if not args.only or name in args.only:
                print(f"... {name}", file=sys.stderr, flush=True)
                run()
        print(
            f"newsmark benchmarks · {time.strftime('%Y-%m-%d')} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}{' · quick' if args.quick else ''}"
        )
        bench.print_table()


if __name__ == "__main__":
    main()
