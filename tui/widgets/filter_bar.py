"""The filter bar a list screen opens at its foot (the library, the annotations overview)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.widgets import Input

from ..typed_ahead import TypedAheadBar


def filter_bar(screen: Screen[Any], bar_id: str) -> Input | None:
    """The screen's filter bar, if it was opened once."""
    found = screen.query(f"#{bar_id}")
    return found.first(Input) if found else None


async def open_filter_bar(screen: Screen[Any], bar_id: str, placeholder: str, value: str, finished: Callable[[bool, str], None]) -> Input:
    """Show the screen's filter bar (mounted above its status line the first time) holding
    ``value``, and focus it at once, so that keys typed together with the one that opened
    it are the bar's; Enter (keep) or Esc calls ``finished(keep, value)``, which closes the
    bar and moves the focus at once (see :mod:`tui.typed_ahead`)."""
    bar = filter_bar(screen, bar_id)
    if bar is None:
        bar = TypedAheadBar(finished, placeholder=placeholder, id=bar_id)
        await screen.mount(bar, before="#status-line")
    bar.value = value
    bar.display = True
    screen.set_focus(bar)
    return bar


def close_filter_bar(screen: Screen[Any], bar_id: str) -> None:
    """Hide the screen's filter bar, if it is there."""
    bar = filter_bar(screen, bar_id)
    if bar is not None:
        bar.display = False
