"""Word wrapping by terminal cells that keeps every line's offsets in the source text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from rich.cells import cell_len

_WORD = re.compile(r"\S+")


def _no_prefix(offset: int) -> int:
    return 0


def wrap_offsets(text: str, width: int, prefix: Callable[[int], int] = _no_prefix) -> list[tuple[int, int]]:
    """Split ``text`` into lines of at most ``width`` cells; return ``(start, end)`` offsets.

    Lines break at spaces; a word wider than a line is folded. Offsets index ``text``, so
    a line is ``text[start:end]`` and no character is invented or lost (spaces at a break
    are dropped from both lines). ``prefix(offset)`` gives the cells drawn before the
    word starting at ``offset`` (a sentence's marker), which stay with that word.
    """
    return list(iter_wrap(text, width, prefix))


def iter_wrap(
    text: str, width: int, prefix: Callable[[int], int] = _no_prefix, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int]]:
    """The lines of :func:`wrap_offsets`, lazily, for ``text[start:end]`` with offsets in
    ``text`` (``start`` must begin a line: a caller rewrapping from a known line start)."""
    width = max(1, width)
    line_start: int | None = None
    line_end = 0
    line_cells = 0
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        word_start, word_end = match.span()
        extra = prefix(word_start)
        word_cells = cell_len(match.group()) + extra
        gap = cell_len(text[line_end:word_start]) if line_start is not None else 0
        if line_start is not None and line_cells + gap + word_cells <= width:
            line_end = word_end
            line_cells += gap + word_cells
            continue
        if line_start is not None:
            yield (line_start, line_end)
        while word_cells > width:  # fold a word longer than a line
            cut = _cut_at_cells(text, word_start, word_end, width - extra)
            yield (word_start, cut)
            word_start, extra = cut, 0
            word_cells = cell_len(text[word_start:word_end])
        line_start, line_end, line_cells = word_start, word_end, word_cells
    if line_start is not None:
        yield (line_start, line_end)


def _cut_at_cells(text: str, start: int, end: int, width: int) -> int:
    cells = 0
    for index in range(start, end):
        cells += cell_len(text[index])
        if cells > width:
            return max(index, start + 1)
    return end
