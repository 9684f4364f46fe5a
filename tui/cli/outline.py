"""The readable outline that ``newsmark parse`` prints, rendered with Rich."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from annotations.errors import escape_controls
from annotations.formats.hygiene import strip_controls
from annotations.metadata import counted
from annotations.model import Article


def render_outline(article: Article) -> RenderableType:
    """An outline of the article: section headings and numbered sentences.

    Article text is always wrapped in :class:`Text`, never parsed as markup. Nothing in
    it reaches the terminal as a control (the loader cleaned it; this is the second line
    of defence): the title and meta are shown with control characters escaped, section
    headings and sentences with them removed, as the loader removes them from article
    text (bidi controls, the author's typography there, kept).
    """
    parts: list[RenderableType] = [Text(escape_controls(article.title), style="bold underline")]
    meta = ", ".join(f"{key}: {value}" for key, value in article.meta.items() if key != "title")
    if meta:
        parts.append(Text(escape_controls(meta), style="dim"))
    parts.append(Text(f"{counted(len(article.sections), 'section')} · {counted(len(article.sentences), 'sentence')}", style="dim"))
    width = len(str(len(article.sentences)))
    for section in article.sections:
        heading = Text(f"\n{section.number}/{len(article.sections)} · ", style="bold cyan")
        heading.append(strip_controls(section.label), style="bold")
        for subtitle in section.subtitles:
            heading.append(" — ")
            heading.append(strip_controls(subtitle), style="italic")
        parts.append(heading)
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(justify="right", style="dim", no_wrap=True, min_width=width + 2)
        grid.add_column(overflow="fold")
        for paragraph in section.paragraphs:
            grid.add_row("", "")
            for sentence in paragraph.sentences:
                grid.add_row(str(sentence.number), Text(strip_controls(sentence.text)))
        parts.append(grid)
    return Group(*parts)


def print_outline(article: Article, console: Console) -> None:
    """Print the outline of ``article`` on ``console``."""
    console.print(render_outline(article), soft_wrap=False)
