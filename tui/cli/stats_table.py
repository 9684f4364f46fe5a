"""The Rich table that ``newsmark stats`` prints."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text

from annotations.errors import escape_controls
from annotations.exchange.stats import ArticleStats
from annotations.schema import TagSchema


def render_stats(rows: list[ArticleStats], schema: TagSchema) -> Table:
    """Per-article tag counts with a totals row; article titles shown literally.

    Each article is named by its title, then its file name (or, for a page fetched from
    the web, its URL). Titles and file names come from the store (an import, a file name): any control
    character still in them is shown escaped, never sent to the terminal.
    """
    extra = sorted({tag for row in rows for tag in row.tag_counts} - set(schema.names))
    names = list(schema.names) + extra
    table = Table(title="Annotations", show_footer=bool(rows), box=box.SIMPLE_HEAD)
    table.add_column("article", footer="total", overflow="ellipsis", min_width=12)
    for name in names:
        tag = schema.get(name)
        total = sum(row.tag_counts.get(name, 0) for row in rows)
        table.add_column(name, justify="right", style=tag.colour if tag else None, footer=str(total))
    counts = [("tagged", "tagged_sentences"), ("notes", "notes"), ("orphans", "orphans")]
    if any(row.spans for row in rows):  # a column only where some article has spans
        counts.append(("spans", "spans"))
    for label, attribute in counts:
        table.add_column(label, justify="right", footer=str(sum(getattr(row, attribute) for row in rows)))
    for row in rows:
        title = Text(escape_controls(row.title) or "(untitled)", overflow="ellipsis")
        title.append(f"\n{escape_controls(row.url or Path(row.path).name)}", style="dim")
        table.add_row(title, *(str(row.tag_counts.get(n, 0)) for n in names), *(str(getattr(row, attribute)) for _, attribute in counts))
    if not rows:
        table.caption = "no annotations yet"
    return table
