"""Text from files and the store, made inert on its way to the screen.

The core cleans text where it enters (decoding, front matter, imports, typed values);
this is the second line of defence where it leaves: whatever reached a title, a label,
a name or a note, no control character or bidi override is drawn as itself (Textual
and Rich pass ESC straight to the terminal).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

from annotations.errors import escape_controls
from annotations.formats.hygiene import clean_field
from annotations.model import storable_path


def inert(text: str) -> str:
    """One line for the screen: control characters, line breaks and bidi controls escaped (``\\x1b``)."""
    return escape_controls(text)


def shown_path(path: str) -> str:
    """A file's path as one line shows it: bytes of its name that are not UTF-8 as
    ``\\xe9`` (as the store, exports and titles write them), controls escaped."""
    return path if path.isascii() and path.isprintable() else inert(storable_path(path))


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


def excerpt_end(text: str, limit: int) -> str:
    """``…`` and the last words of one-line ``text`` in at most ``limit`` cells (the
    whole text if it fits), or "" if its last word alone does not fit: never a cut word."""
    text = " ".join(text.split())
    if cell_len(text) <= limit:
        return text
    end = tail_cells(text, limit - 1)
    start = end.find(" ") if end[:1] != " " else 0
    return "" if start < 0 else "…" + end[start:].lstrip()


#: A piece of a word that ends where a path or a name may break: after / \\ - _ or .
BREAKABLE = re.compile(r"[^/\\_.-]*(?:[/\\_.-]+|$)")


def wrapped(text: str, width: int) -> list[str]:
    """One-line ``text`` in lines of at most ``width`` cells, broken at spaces; a word
    wider than a line (a file's path, an address) is broken after a separator (``/``,
    ``-``, ``_``, ``.``), and cut only where a piece between them is wider still."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        pieces = [word] if cell_len(word) <= width else _pieces(word, width)
        for index, piece in enumerate(pieces):
            joined = line + (" " if index == 0 and line else "") + piece
            if line and cell_len(joined) > width:
                lines.append(line)
                line = piece
            else:
                line = joined
    return [*lines, line]


def _pieces(word: str, width: int) -> list[str]:
    """``word`` in pieces that each end at a separator, those wider than ``width`` cut."""
    pieces = []
    for piece in filter(None, BREAKABLE.findall(word)):
        while cell_len(piece) > width:
            head = head_cells(piece, max(width, 1)) or piece[0]
            pieces.append(head)
            piece = piece[len(head) :]
        pieces.append(piece)
    return pieces


def column(text: str, width: int) -> str:
    """``text`` in exactly ``width`` terminal cells: padded, or cut ending in ``…`` (a
    wide character, CJK or emoji, takes two cells)."""
    size = cell_len(text)
    if size > width:
        text = head_cells(text, width - 1) + "…"
        size = cell_len(text)
    return text + " " * (width - size)


def head_cells(text: str, cells: int) -> str:
    """The longest start of ``text`` that takes at most ``cells`` terminal cells."""
    if text.isascii():
        return text[: max(cells, 0)]
    return text[: _longest(text, cells, lambda n: text[:n])]


def tail_cells(text: str, cells: int) -> str:
    """The longest end of ``text`` that takes at most ``cells`` terminal cells."""
    if text.isascii():
        return text[len(text) - max(min(cells, len(text)), 0) :]
    return text[len(text) - _longest(text, cells, lambda n: text[len(text) - n :]) :]


def _longest(text: str, cells: int, piece: Callable[[int], str]) -> int:
    """The most characters ``piece`` can take of ``text`` within ``cells`` cells (a
    binary search: the cells of a piece grow with its length)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(piece(middle)) <= cells:
            low = middle
        else:
            high = middle - 1
    return low
