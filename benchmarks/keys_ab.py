"""The cursor-move (j) benchmark of ``run.py --only keys``, this checkout against another,
in alternating rounds, so a change is judged by ratios measured in the same minutes:

    python benchmarks/keys_ab.py OTHER_CHECKOUT [--rounds 4]

OTHER_CHECKOUT is a copy of the project at another commit (``git archive COMMIT | tar -x
-C DIR``); each run starts ``python -m tui.cli`` inside its checkout, on a fresh store,
with the sentence cache shared. Prints each round's medians and, per size, the medians
of both and this/other per round.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, PtyProcess, generate_article, median_ms, newsmark_argv, run_command, run_from_bytecode

SIZES = {100: 7_000, 10_000: 700_000, 50_000: 3_500_000}
PRESSES = 80


def j_median(checkout: Path, article: Path, env: dict[str, str]) -> float:
    """The median ms of 80 presses of j, as run.py times them."""
    process = PtyProcess(newsmark_argv(str(article)), env, cwd=checkout)
    try:
        process.wait_for(b"sentence 1/", 600)
        time.sleep(0.5)
        rng = random.Random(7)
        moves: list[float] = []
        for number in range(2, 2 + PRESSES):
            time.sleep(rng.uniform(0, 0.02))
            started = time.perf_counter()
            process.send(b"j")
            process.wait_for(f"sentence {number}/".encode(), 30)
            moves.append(time.perf_counter() - started)
    finally:
        process.close()
    return median_ms(moves)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="another checkout of the project")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    checkouts = {"this": REPO, "other": args.other.resolve()}
    work = Path(tempfile.mkdtemp(prefix="newsmark-keys-ab-"))
    run_from_bytecode(work / "bytecode")
    articles: dict[int, Path] = {}
    for label, size in SIZES.items():
        articles[label] = work / f"keys-{label}.txt"
        generate_article(articles[label], size)
    runs = 0

    def env() -> dict[str, str]:
        nonlocal runs
        runs += 1
        return {
            "NEWSMARK_DB": str(work / f"store-{runs}"),
            "NEWSMARK_ANNOTATOR": "bench",
            "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_CONFIG_HOME": str(work / f"config-{runs}"),
        }

    for article in articles.values():
        run_command(newsmark_argv("parse", "--json", str(article)), env())  # fill the sentence cache
    medians: dict[tuple[str, int], list[float]] = {(name, label): [] for name in checkouts for label in SIZES}
    for round_number in range(args.rounds):
        order = list(checkouts) if round_number % 2 == 0 else list(reversed(checkouts))
        for label in SIZES:
            for name in order:
                medians[(name, label)].append(j_median(checkouts[name], articles[label], env()))
        print(
            f"round {round_number}: "
            + "  ".join(
                f"~{label:,}: this {medians[('this', label)][-1]:.2f} other {medians[('other', label)][-1]:.2f}" for label in SIZES
            ),
            flush=True,
        )
    for label in SIZES:
        this, other = medians[("this", label)], medians[("other", label)]
        ratios = [a / b for a, b in zip(this, other, strict=True)]
        print(
            f"~{label:,} sentences: this {statistics.median(this):.2f} ms, other {statistics.median(other):.2f} ms, "
            f"this/other per round {' '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})"
        )


if __name__ == "__main__":
    main()
