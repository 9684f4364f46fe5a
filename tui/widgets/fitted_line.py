"""One line of styled text fitted to the width it is drawn in: cut after a whole word,
with ``…`` to say that more was left off."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ..shown import head_cells

#: What a line cut to fit does not end on, before its ``…``.
TRAILING = " —·,;:"


def fit_line(text: Text, width: int) -> Text:
    """``text`` if it fits ``width`` cells, else its start cut after a word (mid-word
    only when a word fills over half the line), ending in ``…``."""
    plain = text.plain
    if cell_len(plain) <= width:
        return text
    head = head_cells(plain, max(width - 1, 0))
    space = head.rfind(" ")
    if space > len(head) // 2:
        head = head[:space]
    head = head.rstrip(TRAILING)
    cut = text[: len(head)]
    cut.append("…")
    return cut


class FittedLine(Visual):
    """``text`` fitted by :func:`fit_line` to the width it is drawn in (found when drawn:
    a resize fits it again)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The line fitted to ``width``."""
        return Content.from_rich_text(fit_line(self.text, width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The cells of the whole line."""
        return cell_len(self.text.plain)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """One line."""
        return 1

    def __str__(self) -> str:
        return self.text.plain
