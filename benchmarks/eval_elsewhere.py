"""Precision and recall of elsewhere on the labelled sets: the dev set it was tuned on
(tests/data/elsewhere/dev) and the blind set written by someone else and never tuned on
(tests/data/elsewhere/blind, its README says how it was made). Each set is measured with
candidates from the corpus search index (as the command and the reader find them) and
from every sentence sharing a stem (what the index could miss).

    python benchmarks/eval_elsewhere.py [--misses]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.elsewhere.evaluation import Report, evaluate, load_dev_queries, load_queries

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "elsewhere"


def reports() -> list[tuple[str, str, Report]]:
    """(set, candidates, report) for each set and each way of finding candidates."""
    sets = {"dev": load_dev_queries(DATA / "dev" / "pairs.yaml"), "blind": load_queries(DATA / "blind" / "pairs.yaml")}
    found = []
    for name, queries in sets.items():
        with tempfile.TemporaryDirectory(prefix="newsmark-eval-") as index:
            found.append((name, "search index", evaluate(DATA / name, queries, index_folder=Path(index))))
        found.append((name, "every sentence sharing a stem", evaluate(DATA / name, queries)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list each miss and each wrong result")
    args = parser.parse_args()
    for name, candidates, report in reports():
        print(f"{name} · candidates from the {candidates}: {report.summary()}")
        if args.misses:
            print("\n".join(f"    {miss}" for miss in report.misses))


if __name__ == "__main__":
    main()
