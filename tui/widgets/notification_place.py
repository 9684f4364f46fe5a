"""Where the reader's notifications go: clear of the cursor sentence."""

from __future__ import annotations

from textual.scroll_view import ScrollView

#: The class that moves the screen's ``ToastRack`` to the top (see newsmark.tcss).
ON_TOP = "-top"


def keep_notifications_clear(view: ScrollView, first: int, last: int) -> None:
    """Notifications (the screen's ``ToastRack``) go to the top of the screen while the
    cursor sentence, on lines ``first`` to ``last`` of ``view``, has more lines of text
    shown above it than below, else to the bottom: to the side with more room, where
    the two at most (see the app) do not reach it. A look at the screen's few children
    per move; the rack is restyled only when it changes sides."""
    shown_from = view.scroll_offset.y
    on_top = first - shown_from > shown_from + view.scrollable_content_region.height - 1 - last
    for rack in view.screen.query_children("ToastRack"):
        if rack.has_class(ON_TOP) != on_top:
            rack.set_class(on_top, ON_TOP)
