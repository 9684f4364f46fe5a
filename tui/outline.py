"""The readable outline that ``newsmark parse`` prints, rendered with Rich."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from annotations.model import Article


def render_outline(article: Article) -> RenderableType:
    """An outline of the article: section headings and numbered sentences.

    Article text is always wrapped in :class:`Text`, never parsed as markup.
    """
    parts: list[RenderableType] = [Text(article.title, style="bold underline")]
    meta = ", ".join(f"{key}: {value}" for key, value in article.meta.items() if key != "title")
    if meta:
        parts.append(Text(meta, style="dim"))
    parts.append(Text(f"{len(article.sections)} sections · {len(article.sentences)} sentences", style="dim"))
    width = len(str(len(article.sentences)))
    for section in article.sections:
        heading = Text(f"\n{section.number}/{len(article.sections)} · ", style="bold cyan")
        heading.append(section.label, style="bold")
        for subtitle in section.subtitles:
            heading.append(" — ")
            heading.append(subtitle, style="italic")
        parts.append(heading)
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(justify="right", style="dim", no_wrap=True, min_width=width + 2)
        grid.add_column(overflow="fold")
        for paragraph in section.paragraphs:
            grid.add_row("", "")
            for sentence in paragraph.sentences:
                grid.add_row(str(sentence.number), Text(sentence.text))
        parts.append(grid)
    return Group(*parts)


def print_outline(article: Article, console: Console) -> None:
    """Print the outline of ``article`` on ``console``."""
    console.print(render_outline(article), soft_wrap=False)
