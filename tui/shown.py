"""Text from files and the store, made inert on its way to the screen.

The core cleans text where it enters (decoding, front matter, imports, typed values);
this is the second line of defence where it leaves: whatever reached a title, a label,
a name or a note, no control character or bidi override is drawn as itself (Textual
and Rich pass ESC straight to the terminal).
"""

from __future__ import annotations

from annotations.errors import escape_controls
from annotations.formats.hygiene import clean_field


def inert(text: str) -> str:
    """One line for the screen: control characters, line breaks and bidi controls escaped (``\\x1b``)."""
    return escape_controls(text)


def shown_note(text: str) -> str:
    """A note for the note dialog: line breaks and tabs kept, every other control removed."""
    return clean_field(text)


def excerpt(text: str, limit: int) -> str:
    """At most ``limit`` characters of one-line ``text``, cut at a word boundary with ``…``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > limit // 2 else text[: limit - 1]).rstrip(" ,;:") + "…"


def column(text: str, width: int) -> str:
    """``text`` in exactly ``width`` characters: padded, or cut ending in ``…``."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
