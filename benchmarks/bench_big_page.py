"""A big web page: how the extraction's time and memory grow with the page's size.

Generates pages of N ``<p>`` paragraphs (110,000 of them make the 9.4 MB page of issue
30) and reads each in a process of its own (``parse_body``: decode and extract, no
sentence splitting), printing the seconds, the peak memory (maximum resident set) and the
time per MB: a cost linear in size keeps the last column flat. The baseline is the same
run's smallest page. The goal (issue 30, item 10) is for the issue's 9.4 MB page (here
9.9 MB): within 20 s and 400 MB, the last line says whether the largest page met it.
Before the fix (110,000 paragraphs): 104 s and 471 MB, 6.6 times the smallest's s per MB.

    python benchmarks/bench_big_page.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Paragraph counts measured: a quarter, half and all of the issue's page.
SIZES = (27_500, 55_000, 110_000)
QUICK_SIZES = (5_000, 10_000, 20_000)
#: The goal for the issue's page (its size or more): seconds, peak MB.
GOAL_SECONDS, GOAL_PEAK_MB = 20, 400
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from annotations.formats.loader import parse_body
path = Path(sys.argv[1])
data = path.read_bytes()
started = time.perf_counter()
body = parse_body(data, path)
seconds = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "paragraphs": len(body.paragraphs)}))
"""


def write_page(path: Path, paragraphs: int) -> int:
    """A page of ``paragraphs`` ``<p>`` in one article; its size in bytes."""
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Long report</title></head><body><article><h1>Long report</h1>'
    ]
    parts += [f"<p>Paragraph {n} says the harbour authority met on Tuesday and voted on item {n}.</p>" for n in range(paragraphs)]
    parts.append("</article></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path.stat().st_size


def measure(path: Path) -> dict[str, float]:
    """Seconds and peak memory of reading ``path`` in a fresh process."""
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, cwd=REPO, check=True)
    return dict(json.loads(result.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print("paragraphs | MB | seconds | peak MB | s per MB | vs smallest (1.0 = linear)")
    with tempfile.TemporaryDirectory(prefix="newsmark-bench-big-page-") as tmp:
        baseline = None
        figures: dict[str, float] = {}
        for count in QUICK_SIZES if args.quick else SIZES:
            page = Path(tmp) / f"page-{count}.html"
            megabytes = write_page(page, count) / 1e6
            figures = measure(page)
            per_mb = figures["seconds"] / megabytes
            baseline = baseline or per_mb
            print(
                f"{count:,} | {megabytes:.1f} | {figures['seconds']:.1f} | {figures['peak_mb']:.0f} | {per_mb:.2f} | {per_mb / baseline:.2f}"
            )
    if not args.quick:
        met = figures["seconds"] <= GOAL_SECONDS and figures["peak_mb"] <= GOAL_PEAK_MB
        print(f"goal for the largest page (<= {GOAL_SECONDS} s, <= {GOAL_PEAK_MB} MB): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
