"""Where notifications go: clear of the reader's cursor sentence and of what is under the
text (the note line, an open bar).

The screen's ``ToastRack`` sits at the bottom (above whatever is under the text: the note
line, the status line and the key bar) or
at the top, on the side where its toasts fit beside the cursor sentence's lines; where
they fit on neither side, the toasts shrink (no padding, then one line each). The choice
is made again when the cursor moves and when a notification comes or goes, from the
lines each toast's text takes (the app fits the text to the toast's width itself, so it
knows them before the toasts are laid out)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import Enum
from typing import Any, NamedTuple
from weakref import ReferenceType, WeakKeyDictionary, ref

from textual.app import App
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

#: The class that moves the screen's ``ToastRack`` to the top (see newsmark.tcss).
ON_TOP = "-top"
#: Rows under the rack at the bottom at least: the status line and the key bar (newsmark.tcss).
BOTTOM_ROWS = 2
#: Rows of a toast besides its text: padding above and below, and the gap above it.
TOAST_ROWS = 3


class ToastSize(Enum):
    """How much room each toast takes: the class on the rack that sizes them (newsmark.tcss)."""

    FULL = ""
    SMALL = "-small"
    """Text only: no padding, no gap between toasts."""
    ONE_LINE = "-one-line"
    """The first line of the text only."""


# Named tuples rather than frozen dataclasses: made at import, on the reader's start path,
# a frozen dataclass costs about 0.3 ms, a named tuple a seventh of that.
class Place(NamedTuple):
    """Where the rack goes and how big its toasts are."""

    on_top: bool
    size: ToastSize


class ShownToast(NamedTuple):
    """A toast on screen: the lines of its text and the monotonic time it goes."""

    lines: int
    until: float


class KeptClear(NamedTuple):
    """The cursor sentence's rows on a reader screen, and the rows under its text."""

    rows: tuple[int, int]
    view: ReferenceType[Widget]


#: What each reader screen keeps clear, and the toasts each app shows.
_kept_clear: WeakKeyDictionary[Screen[Any], KeptClear] = WeakKeyDictionary()
_toasts: WeakKeyDictionary[App[Any], tuple[ShownToast, ...]] = WeakKeyDictionary()


def choose_place(height: int, rows: tuple[int, int], toasts: Sequence[int], bottom: int = BOTTOM_ROWS) -> Place:
    """The place for toasts of ``toasts`` lines of text on a screen ``height`` rows high
    whose rows ``rows`` (first, last) and ``bottom`` last rows must stay clear: the side
    with more room, then the other, at full size, then small, then one line each; where
    nothing fits, one line each on the side with more room."""
    first, last = rows
    above, below = first, height - bottom - 1 - last
    sides = sorted(((below, False), (above, True)), key=lambda side: side[0], reverse=True)
    needed = {
        ToastSize.FULL: sum(lines + TOAST_ROWS for lines in toasts),
        ToastSize.SMALL: sum(toasts),
        ToastSize.ONE_LINE: len(toasts),
    }
    for size, rows_needed in needed.items():
        for room, on_top in sides:
            if rows_needed <= room:
                return Place(on_top, size)
    return Place(sides[0][1], ToastSize.ONE_LINE)


def keep_notifications_clear(view: ScrollView, first: int, last: int) -> None:
    """Keep notifications off the cursor sentence, on lines ``first`` to ``last`` of
    ``view`` (as much of it as is shown), from now on, and place them now."""
    content = view.content_region
    shown_from = view.scroll_offset.y
    top = max(content.y, content.y + first - shown_from)
    bottom = min(content.bottom - 1, content.y + last - shown_from)
    _kept_clear[view.screen] = KeptClear((top, max(top, bottom)), ref(view))
    place_notifications(view.screen)


def toasts_shown(app: App[Any], toasts: Sequence[ShownToast]) -> None:
    """The app shows these toasts now (its notify): place them on its screen."""
    _toasts[app] = tuple(toasts)
    place_notifications(app.screen)


def place_notifications(screen: Screen[Any]) -> None:
    """Put the screen's toast rack where its toasts keep clear of the rows kept clear on
    it (nothing to do on a screen that keeps none). Restyled only when the place changes.
    With no toast shown the rack stays where it is (empty, it covers nothing): the next
    toast places it, so a cursor move costs no restyle, and nor does the reader's start."""
    kept = _kept_clear.get(screen)
    view = kept.view() if kept is not None else None
    if kept is None or view is None:
        return
    now = time.monotonic()
    lines = [toast.lines for toast in _toasts.get(screen.app, ()) if toast.until > now]
    if not lines:
        return
    bottom = max(BOTTOM_ROWS, screen.size.height - view.region.bottom)  # the note line, an open bar
    place = choose_place(screen.size.height, kept.rows, lines, bottom)
    for rack in screen.query_children("ToastRack"):
        rack.set_class(place.on_top, ON_TOP)
        rack.styles.margin = (0, 0, 0 if place.on_top else bottom, 0)
        for size in ToastSize:
            if size.value:
                rack.set_class(size is place.size, size.value)
