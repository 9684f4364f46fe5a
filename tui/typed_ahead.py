"""Keys that open a text bar, typed together with what goes into it.

A fast typist's ``:15⏎`` or ``/shells⏎`` reaches the app in one read of the terminal.
Textual forwards each key to the focused widget before a key's (ordinary) binding runs,
so the keys after ``:`` would reach the reader, whose digits toggle tags. A key that
opens a bar is therefore a *priority* binding, run before the next key is forwarded, and
its action mounts the bar and gives it the focus before it returns. When a text input
already has the focus the key is the input's: :func:`skip_while_typing` passes it on.

The keys that close a bar (Enter, Esc) race the other way: typed after them, ``o`` or
``:5`` would still be forwarded to the bar. In a :class:`TypedAheadBar` they are priority
keys too: the action waits until the keys already forwarded to the bar are handled, then
hands its value to the bar's owner, who closes it and moves the focus at once (with
``screen.set_focus``, never the deferred ``focus()``) before the next key is forwarded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input


def skip_while_typing(screen: Screen[Any]) -> None:
    """Pass the key on (``SkipAction``) when a text input on ``screen`` has the focus (the
    screens that use it hold only :class:`Input` fields: a note is written in a screen of
    its own, and ``TextArea`` is not imported on the reader's start path)."""
    if isinstance(screen.focused, Input):
        raise SkipAction()


class TypedAheadBar(Input):
    """A text bar whose Enter (keep) and Esc (cancel) are done before the next key is
    forwarded: ``finished(keep, value)`` closes the bar and moves the focus at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "finish(True)", "Done", show=False, priority=True),
        Binding("escape", "finish(False)", "Cancel", show=False, priority=True),
    ]

    def __init__(self, finished: Callable[[bool, str], None], **options: Any) -> None:
        super().__init__(**options)
        self._finished = finished

    async def action_finish(self, keep: bool) -> None:
        """Enter or Esc: once the keys typed before it are in the bar, hand over its value."""
        await self.caught_up()
        self._finished(keep, self.value)

    async def caught_up(self) -> None:
        """Wait until what was typed into the bar is handled: the keys already forwarded to
        it, the changes they made, what handling those posted (the bar, three times), and so
        on up to its screen (the messages the bar's changes bubble up to)."""
        for node in (self, self, self, *self.ancestors):
            if node is self.app:
                break
            handled = asyncio.Event()
            if node.call_later(handled.set):
                await handled.wait()
