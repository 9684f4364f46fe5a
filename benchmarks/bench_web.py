"""Opening a saved web page next to a .txt of the same text: the extraction's cost.

Generates a news page (navigation, cookie banner, share bar, related links, ads,
comments, footer around the article) of a normal article's size and a long one, and the
sectioned text of the same article. Measures, in the same run, the parse of each
(``parse_body``: decode, extract or read sections; no sentence splitting) and the whole
``newsmark parse --json`` command (which imports trafilatura for the page).

    python benchmarks/bench_web.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import median_ms, newsmark_argv, repeat, run_command

from annotations.formats.loader import parse_body

SENTENCES = (
    "Officials said the shipments arrived by rail on the {n}th of the month.",
    "Analysts counted about {n},000 tonnes at the depot near the port.",
    'The minister called the figures "misleading" and promised a review.',
    "Prices rose {n}.5% in the quarter, the central bank reported.",
)
FURNITURE = """<div class="cookie-banner"><p>We use cookies. Accept all cookies to continue.</p></div>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="ad">Advertisement: summer cruises at half price.</div>"""
AFTER = """<section class="comments"><h3>Comments</h3><div class="comment"><p>Reader: what a disgrace.</p></div></section>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">Storm warning for the weekend</a></li></ol></aside>
<footer><p>Copyright 2026 The Ledger. All rights reserved.</p></footer>"""


def article(paragraphs: int) -> list[tuple[str | None, list[str]]]:
    """Sections (title, paragraphs) of an article of about ``paragraphs`` paragraphs."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for number in range(paragraphs):
        if number and number % 12 == 0:
            sections.append((f"Section {len(sections)} of the report", []))
        sections[-1][1].append(" ".join(s.format(n=(number * 7 + i) % 97 + 3) for i, s in enumerate(SENTENCES)))
    return sections


def write_pair(folder: Path, name: str, paragraphs: int) -> tuple[Path, Path]:
    """The page and the sectioned text of the same article."""
    sections = article(paragraphs)
    body = []
    lines = []
    for title, texts in sections:
        if title:
            body.append(f"<h2>{title}</h2>")
            lines += ["|", title]
        body += [f"<p>{text}</p>" for text in texts]
        lines += texts
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shipments report | The Ledger</title>'
        '<meta name="author" content="Ana Lima"><meta property="og:site_name" content="The Ledger"></head><body>'
        f"{FURNITURE}<main><article><h1>Shipments report</h1>"
        '<div class="share"><a href="#">Share</a></div>' + "\n".join(body) + f"</article></main>{AFTER}</body></html>"
    )
    html_path, text_path = folder / f"{name}.html", folder / f"{name}.txt"
    html_path.write_text(page, encoding="utf-8")
    text_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return html_path, text_path


def time_parse(path: Path) -> float:
    data = path.read_bytes()
    started = time.perf_counter()
    parse_body(data, path)
    return time.perf_counter() - started


def rows(workdir: Path, quick: bool, env: dict[str, str]) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(what, measured, baseline, ratio, target, met) rows for the benchmark table."""
    runs = 3 if quick else 9
    sizes = {"normal (8 KB)": 36, "long (120 KB)": 540} if not quick else {"normal (8 KB)": 36}
    result = []
    for label, paragraphs in sizes.items():
        page, text = write_pair(workdir, label.split()[0], paragraphs)
        same = parse_body(page.read_bytes(), page).paragraphs == parse_body(text.read_bytes(), text).paragraphs
        html_ms = median_ms(repeat(runs, lambda page=page: time_parse(page)))
        text_ms = median_ms(repeat(runs, lambda text=text: time_parse(text)))
        result.append(
            (
                f"web page {label}: parse (extract) vs the same text as .txt",
                f"{html_ms:.1f} ms",
                f".txt: {text_ms:.2f} ms",
                f"{html_ms / text_ms:.0f}x",
                "same paragraphs",
                same,
            )
        )
        command_html = median_ms(repeat(runs, lambda page=page: run_command(newsmark_argv("parse", "--json", str(page)), env)))
        command_text = median_ms(repeat(runs, lambda text=text: run_command(newsmark_argv("parse", "--json", str(text)), env)))
        result.append(
            (
                f"web page {label}: newsmark parse --json",
                f"{command_html:,.0f} ms",
                f".txt: {command_text:,.0f} ms",
                f"{command_html / command_text:.2f}x",
                "",
                None,
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmark-bench-web-") as tmp:
        env = {"XDG_CACHE_HOME": f"{tmp}/cache", "XDG_CONFIG_HOME": f"{tmp}/config", "XDG_DATA_HOME": f"{tmp}/data"}
        for row in rows(Path(tmp), args.quick, env):
            print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
