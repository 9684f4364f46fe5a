"""A Line-API scroll view that finds its geometry once a frame, not once a line."""

from __future__ import annotations

from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class FrameScrollView(ScrollView):
    """A :class:`ScrollView` whose ``render_line`` reads :meth:`frame_geometry`: while a
    frame is drawn the width and the scroll offset are found once (a scroll draws every
    line, each of which would otherwise find them again)."""

    _frame: tuple[int, int] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``, with the geometry found once for all of them."""
        self._frame = (self.scrollable_content_region.width, self.scroll_offset.y)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def frame_geometry(self) -> tuple[int, int]:
        """The width of the content region and the vertical scroll offset now."""
        return self._frame or (self.scrollable_content_region.width, self.scroll_offset.y)
