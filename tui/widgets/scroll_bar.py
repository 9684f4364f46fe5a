"""The scroll bars' drawing, made straight into strips (a line per distinct cell, shared)."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.css.styles import RulesMap
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

BACK = Color.parse("#555555")
BAR = Color.parse("bright_magenta")


class StripScrollBarRender(ScrollBarRender, Visual):
    """Textual's scroll bar look (:meth:`ScrollBarRender.render_bar`), drawn as a
    :class:`Visual`: the bar's cells become strips directly, the same strip for every
    line that looks the same, instead of going through Rich's console a line at a time."""

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The bar's lines: ``width`` x ``height`` cells."""
        height = height or 1
        size, thickness = (height, width) if self.vertical else (width, height)
        bar_style = self.style if isinstance(self.style, RichStyle) else RichStyle.parse(self.style)
        segments = self.render_bar(
            size=size,
            window_size=self.window_size,
            virtual_size=self.virtual_size,
            position=self.position,
            vertical=self.vertical,
            thickness=thickness,
            back_color=bar_style.bgcolor or BACK,
            bar_color=bar_style.color or BAR,
        ).segments
        base = style.rich_style
        shared: dict[Segment, Strip] = {}
        if not self.vertical:
            line = Strip([Segment(text, base + (cell_style or RichStyle.null())) for text, cell_style, _ in segments if text != "\n"])
            return [line] * height
        lines = []
        for segment in segments[:size]:
            strip = shared.get(segment)
            if strip is None:
                strip = shared[segment] = Strip([Segment(segment.text, base + (segment.style or RichStyle.null()))])
            lines.append(strip)
        return lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """A bar fills what it is given."""
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """A bar fills what it is given."""
        return self.thickness
