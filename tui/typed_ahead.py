"""Keys that open a text bar, typed together with what goes into it.

A fast typist's ``:15⏎`` or ``/shells⏎`` reaches the app in one read of the terminal.
Textual forwards each key to the focused widget before a key's (ordinary) binding runs,
so the keys after ``:`` would reach the reader, whose digits toggle tags. A key that
opens a bar is therefore a *priority* binding, run before the next key is forwarded, and
its action mounts the bar and gives it the focus before it returns. When a text input
already has the focus the key is the input's: :func:`skip_while_typing` passes it on.
"""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction
from textual.screen import Screen
from textual.widgets import Input


def skip_while_typing(screen: Screen[Any]) -> None:
    """Pass the key on (``SkipAction``) when a text input on ``screen`` has the focus (the
    screens that use it hold only :class:`Input` fields: a note is written in a screen of
    its own, and ``TextArea`` is not imported on the reader's start path)."""
    if isinstance(screen.focused, Input):
        raise SkipAction()
