"""Elsewhere at 10,000 articles: the time from asking for a sentence's claim in other
articles to the ranked results, warm (the corpus index built and open, as in a reader that
has searched once), in-process, as the reader's worker runs it.

The library is the benchmarks' generated one (10,000 articles of ~8 KB whose sentences
come from five templates: every sentence has thousands of near-twins, the matcher's worst
case) plus the dev set's four articles on one story; each of the dev set's sentences is
asked for. The baseline is the index's own candidate query for the same sentences.

    python benchmarks/bench_elsewhere.py [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_library

from annotations.elsewhere.indexed import CANDIDATES, IndexedSource
from annotations.elsewhere.matching import find_elsewhere
from annotations.formats.loader import load_article
from annotations.library.text_index import TextIndex
from annotations.library.text_scope import Scope
from annotations.library.text_search import candidates
from annotations.sentences.cache import SentenceCache

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "elsewhere" / "dev"
#: The issue's target for a warm answer in the reader.
TARGET_MS = 300.0

Row = tuple[str, str, str, str, str, bool | None]


def prepare(workdir: Path, count: int) -> tuple[Path, TextIndex, float]:
    """The library folder (generated articles and the dev set's) and its index, built; the build's seconds."""
    folder = workdir / "library"
    bench_library.write_folder(folder, count)
    for article in DEV.glob("*.md"):
        shutil.copy(article, folder / article.name)
    index = TextIndex(workdir / "index", sentence_cache=SentenceCache(workdir / "sentences"))
    started = time.perf_counter()
    index.update(Scope.of([folder]))
    return folder, index, time.perf_counter() - started


def queries(folder: Path) -> list[tuple[str, str]]:
    """(text, path) of every sentence of the dev set's articles in ``folder``."""
    found = []
    for article in sorted(folder.glob("*.md")):
        loaded = load_article(article)
        found += [(sentence.text, loaded.path) for sentence in loaded.sentences]
    return found


def time_answers(index: TextIndex, folder: Path, asked: list[tuple[str, str]]) -> tuple[list[float], list[float], int]:
    """Seconds of each warm answer, of each bare candidate query, and the results found."""
    scope = Scope.of([folder])
    source = IndexedSource(index, scope)
    find_elsewhere(*asked[0], source)  # the reader's first search opens the index: not warm
    answers, bare, found = [], [], 0
    for text, path in asked:
        started = time.perf_counter()
        found += len(find_elsewhere(text, path, source))
        answers.append(time.perf_counter() - started)
        started = time.perf_counter()
        candidates(index, text, None, CANDIDATES, exclude=path)  # as IndexedSource asks
        bare.append(time.perf_counter() - started)
    return answers, bare, found


def rows(workdir: Path, quick: bool) -> list[Row]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    count = 300 if quick else 10_000
    folder, index, build = prepare(workdir, count)
    asked = queries(folder)
    answers, bare, found = time_answers(index, folder, asked)
    median, worst, query = statistics.median(answers) * 1000, max(answers) * 1000, statistics.median(bare) * 1000
    return [
        (
            f"elsewhere, warm, {count:,} articles ({len(asked)} sentences asked; worst {worst:.0f} ms)",
            f"{median:.0f} ms",
            f"index query alone {query:.1f} ms",
            f"{median / query:.1f}x",
            f"<= {TARGET_MS:.0f} ms",
            worst <= TARGET_MS if not quick else None,
        ),
        (
            f"  index built for {count:,} articles (sentences split first); results listed",
            f"{build:.1f} s",
            f"{found} results",
            "",
            "",
            None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="300 articles: checks the script works")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-bench-elsewhere-") as tmp:
        for row in rows(Path(tmp), args.quick):
            print(" | ".join("" if cell is None else str(cell) for cell in row))


if __name__ == "__main__":
    main()
