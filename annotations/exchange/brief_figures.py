"""The HTML brief's picture of the corpus: the dashboard's figures as inline SVG.

The figures are the library dashboard's (:mod:`annotations.library.dashboard`), made
from the brief's articles: their export entries (records and front matter) and the
reading positions the store keeps. Each is drawn by leather (a small pure-Python chart
library writing SVG through ElementTree: no JavaScript, no timestamp or random id, so
the same store still gives the same bytes; every label is escaped by ElementTree and
its bidi controls closed), with its exact numbers in its caption. Imported only when an
HTML brief is made.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import leather

from annotations.exchange.export import ArticleEntry
from annotations.exchange.markdown_escape import close_bidi
from annotations.library.dashboard import (
    EMPTY,
    PROGRESS_SERIES,
    TITLES,
    UNVERIFIED,
    ArticleFacts,
    Dashboard,
    build_dashboard,
    captions,
    publication_day,
)
from annotations.store.folder import Store

#: The section's heading in the brief.
HEADING = "A picture of the corpus"
#: Each figure's size in SVG user units.
WIDTH, HEIGHT = 640, 260


def entry_facts(entries: Iterable[ArticleEntry], positions: Mapping[str, int]) -> list[ArticleFacts]:
    """The dashboard's facts of a brief's articles: ``positions`` by stored path (see :func:`reading_positions`)."""
    return [
        ArticleFacts(entry["path"], publication_day(entry.get("meta")), tuple(entry["annotations"]), positions.get(entry["path"]))
        for entry in entries
    ]


def reading_positions(store: Store, paths: Iterable[str]) -> dict[str, int]:
    """Where a reader left each of ``paths`` (stored paths), as its store file keeps it:
    only positions a reader saved (see :mod:`annotations.library.dashboard_facts`)."""
    wanted = set(paths)
    found: dict[str, int] = {}
    for file in store.stored_files():
        try:
            meta = file.meta
        finally:
            file.close()
        position, path = meta.get("position"), meta.get("path")
        if path in wanted and type(position) is int and position >= 1 and meta.get("position_at") is not None:
            found[str(path)] = position
    return found


def figures_html(store: Store, entries: Sequence[ArticleEntry], *, reader: str = "", scale: Sequence[str] = (UNVERIFIED,)) -> str:
    """The brief's section of figures over ``entries``' articles (``reader``: the store's
    own annotator, whose reading positions the store keeps): a heading, then each figure
    with its numbers, or one line saying there is nothing to picture."""
    positions = reading_positions(store, [entry["path"] for entry in entries]) if reader else {}
    dashboard = build_dashboard(entry_facts(entries, positions), reader=reader, scale=scale)
    parts = [f'<section class="figures">\n<h2>{HEADING}</h2>\n']
    if dashboard.empty:
        parts.append(f"<p>{html.escape(EMPTY)}</p>\n")
    else:
        for title, pairs, caption in zip(TITLES, _figure_data(dashboard), captions(dashboard), strict=True):
            parts.append(_figure(title, pairs, caption))
    parts.append("</section>\n")
    return "".join(parts)


def _figure_data(dashboard: Dashboard) -> tuple[list[tuple[str, float]], ...]:
    """Each figure's bars as (label, value), in :data:`TITLES` order."""
    dates = [(group.period, group.per_article) for group in dashboard.date_groups()]
    progress = [
        (f"{p.annotator}: {series}", float(value or 0))
        for p in dashboard.progress
        for series, value in zip(PROGRESS_SERIES, (p.articles, p.read, p.tagged), strict=True)
    ]
    return dates, [(s, float(n)) for s, n in dashboard.claims], [(s, float(n)) for s, n in dashboard.sources], progress


def _figure(title: str, pairs: list[tuple[str, float]], caption: str) -> str:
    """One ``<figure>``: the SVG bars (when any is above zero) and the caption."""
    body = _svg(title, pairs) if any(value > 0 for _, value in pairs) else ""
    return (
        f"<figure>\n{body}<figcaption><strong>{html.escape(title)}</strong>: {html.escape(close_bidi(caption))}</figcaption>\n</figure>\n"
    )


def _svg(title: str, pairs: list[tuple[str, float]]) -> str:
    """Horizontal bars, one per label, drawn by leather, as an inline ``<svg>`` element."""
    chart: Any = leather.Chart(title)
    chart.add_bars([(value, _label(label)) for label, value in pairs])
    height = max(HEIGHT, 60 + 24 * len(pairs))
    root = ET.Element("svg", width=str(WIDTH), height=str(height), version="1.1", xmlns="http://www.w3.org/2000/svg")
    root.set("role", "img")
    root.set("aria-label", title)
    root.append(chart.to_svg_group(WIDTH, height))
    return ET.tostring(root, encoding="unicode") + "\n"


def _label(text: str) -> str:
    """A bar's label: bidi controls closed, at most 40 characters."""
    return close_bidi(text if len(text) <= 40 else text[:39] + "…")
