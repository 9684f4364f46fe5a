"""A Line-API scroll view that finds its geometry once a frame, not once a line, and
keeps each line's finished (styled) strip while the line is on screen."""

from __future__ import annotations

from textual.color import Color
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

FrameKey = tuple[Size, Size, int, tuple[Color, Color], float, tuple[int, ...]]
"""What every finished line depends on besides its content: the size, the size inside
the scroll bars (a scroll bar that comes or goes leaves the size alone), the horizontal
scroll, the background colours, the opacity and the app's line filters."""


class FrameScrollView(ScrollView):
    """A :class:`ScrollView` whose ``render_line`` reads :meth:`frame_geometry`: while a
    frame is drawn the width and the scroll offset are found once (a scroll draws every
    line, each of which would otherwise find them again).

    A line's finished strip (padding, styles and the app's filters applied by Textual) is
    kept by its index in the text, next to the content strip it was made from: when the
    text scrolls by a line, the lines still on screen are not styled again, only the new
    one. A finished strip is reused only while ``render_line`` returns the very same
    content strip for it (:meth:`kept_content`: a subclass that caches its content strips
    says which it holds, and any change to a line's content makes a new one) and while nothing
    else it depends on changed (see :data:`FrameKey`; a style change clears them all)."""

    _frame: tuple[int, int] | None = None
    _finished: dict[int, tuple[Strip, Strip]]
    _finished_key: FrameKey | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``, with the geometry found once for all of them."""
        self._frame = (self.scrollable_content_region.width, self.scroll_offset.y)
        try:
            if not self._lines_are_positionless(crop):
                return super().render_lines(crop)
            return self._render_kept_lines(crop)
        finally:
            self._frame = None

    def frame_geometry(self) -> tuple[int, int]:
        """The width of the content region and the vertical scroll offset now."""
        return self._frame or (self.scrollable_content_region.width, self.scroll_offset.y)

    def notify_style_update(self) -> None:
        """Styles changed: finished lines are stale."""
        super().notify_style_update()
        self.finished_lines.clear()

    @property
    def finished_lines(self) -> dict[int, tuple[Strip, Strip]]:
        """Finished strips by line index in the text, each with the content strip it was made from."""
        try:
            return self._finished
        except AttributeError:
            self._finished = {}
            return self._finished

    def _lines_are_positionless(self, crop: Region) -> bool:
        """Whether a finished line depends only on its content and the frame, not on
        where on the widget it is drawn (no top or bottom gutter or outline, whole
        lines, no link under the mouse)."""
        styles = self.styles
        gutter = styles.gutter
        outline = styles.outline
        hover = self.hover_style
        return (
            gutter.top == gutter.bottom == 0
            and not (outline.top[0] or outline.bottom[0])
            and crop.column_span == (0, self.region.width)
            and not (self.auto_links and hover.link_id and hover.meta)
        )

    def _render_kept_lines(self, crop: Region) -> list[Strip]:
        key: FrameKey = (
            self.region.size,
            self.scrollable_content_region.size,
            self.scroll_offset.x,
            self.background_colors,
            self.opacity,
            tuple(id(line_filter) for line_filter in self.get_line_filters() if line_filter.enabled),
        )
        finished = self.finished_lines
        if key != self._finished_key:
            finished.clear()
            self._finished_key = key
        top = self.scroll_offset.y
        strips: list[Strip | None] = []
        missing: list[int] = []
        for y in crop.line_range:
            kept = finished.get(top + y)
            if kept is not None and kept[0] is self.kept_content(top + y):
                strips.append(kept[1])
            else:
                strips.append(None)
                missing.append(y)
        for first, count in _runs(missing):
            fresh = super().render_lines(Region(crop.x, first, crop.width, count))
            for y, strip in zip(range(first, first + count), fresh, strict=True):
                strips[y - crop.y] = strip
                content = self.kept_content(top + y)
                if content is not None:
                    finished[top + y] = (content, strip)
        self._forget_lines_off_screen(top)
        return [strip for strip in strips if strip is not None]

    def kept_content(self, index: int) -> Strip | None:
        """The content strip ``render_line`` keeps for line ``index`` of the text, if it
        keeps one (a subclass that caches its lines says which; None: none is kept, so
        no finished line is reused)."""
        return None

    def _forget_lines_off_screen(self, top: int) -> None:
        """Keep at most a few screens of finished lines (the ones near the view)."""
        finished = self.finished_lines
        height = self.size.height
        if len(finished) > 4 * height:
            for index in [index for index in finished if not top - height <= index < top + 2 * height]:
                del finished[index]


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending ``rows`` as runs of consecutive rows: (first, count) each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs
