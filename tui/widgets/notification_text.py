"""Notification text fitted to the toast's width: whole words on each line, a path on
lines of its own (too long for a line, its folders are shortened in their middle and its
file name is kept whole: a name longer than a line goes on as many lines as it needs,
broken after a ``-``, ``_`` or ``.`` where it can be)."""

from __future__ import annotations

import os

from rich.cells import cell_len

#: Textual's ``Toast``: 60 cells wide at most, else half the ``ToastRack``, which is the
#: screen less its vertical scrollbar (2 cells); its text is the width less the padding
#: (1 each side) and the severity's border on the left (1).
TOAST_WIDTH = 60
RACK_SCROLLBAR = 2
TOAST_FRAME = 3
ELLIPSIS = "…"
#: Punctuation after a path that is not part of it (``FILE: reason``, ``(FILE)``).
TRAILING = ":;,.)"


def toast_text_width(screen_width: int) -> int:
    """The cells of text on a line of a toast on a screen ``screen_width`` cells wide."""
    return max(2, min(TOAST_WIDTH, (screen_width - RACK_SCROLLBAR) // 2) - TOAST_FRAME)


def shown_file(word: str) -> str:
    """A path as a notification names it: relative to the current folder when it is in
    it (or below), else as written."""
    if not os.path.isabs(word):
        return word
    here = os.getcwd()
    try:
        inside = os.path.commonpath([here, word]) == here
    except ValueError:  # another drive (Windows): not below the current folder
        inside = False
    return os.path.relpath(word, here) if inside else word


def is_path(word: str) -> bool:
    """Whether ``word`` names a file or folder: an absolute or relative path, or a path
    of folders ending in a file name with a suffix (``exports/ana.yaml``), not ``and/or``."""
    if word.startswith(("/", "~/", "./", "../")):
        return True
    folder, slash, name = word.rpartition("/")
    return bool(slash and folder and "." in name.strip("."))


def fit_notice(message: str, width: int) -> str:
    """``message`` wrapped at whole words into lines of at most ``width`` cells (its own
    line breaks kept): a path goes on a line of its own, relative to the current folder
    when it is in it, and a word longer than a line is shortened by :func:`shorten`."""
    lines: list[str] = []
    for paragraph in message.split("\n"):
        line = ""
        for word in paragraph.split():
            stem = word.rstrip(TRAILING)
            if is_path(stem):
                if line:
                    lines.append(line)
                lines.extend(path_lines(shown_file(stem), word[len(stem) :], width))
                line = ""
                continue
            word = shorten(word, width) if cell_len(word) > width else word
            if line and cell_len(line) + 1 + cell_len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        if line or not lines:
            lines.append(line)
    return "\n".join(lines)


def path_lines(path: str, mark: str, width: int) -> list[str]:
    """A path (and the punctuation ``mark`` after it) on lines of at most ``width``
    cells: one line when it fits; else its folders shortened with the name whole on one
    line; else the folders on a line and the name over as many as it needs."""
    if cell_len(path + mark) <= width:
        return [path + mark]
    folder, slash, name = path.rpartition("/")
    if cell_len(name + mark) + 2 <= width or (not slash and cell_len(name + mark) <= width):
        return [shorten(path, width - cell_len(mark)) + mark]
    head = [shorten(folder + slash, width) if cell_len(folder + slash) > width else folder + slash] if slash else []
    return head + _broken(name + mark, width)


def _broken(name: str, width: int) -> list[str]:
    """``name`` over lines of at most ``width`` cells, each broken after a ``-``, ``_`` or
    ``.`` where one falls in the line, else at the width."""
    lines: list[str] = []
    while cell_len(name) > width:
        line = _head(name, width)
        cut = max(line.rfind(mark) for mark in "-_.") + 1
        line = line[:cut] if cut > 0 else line
        lines.append(line)
        name = name[len(line) :]
    return [*lines, name] if name else lines


def shorten(word: str, width: int) -> str:
    """``word`` in ``width`` cells with an ellipsis in its middle: a path keeps its file
    name whole and as much of its folders' start as fits (``/tmp/ne…/story.yaml``); a
    name longer than the line keeps its start and its end (``artillery-pi…ark.yaml``)."""
    folder, slash, name = word.rpartition("/")
    if slash and cell_len(name) + 2 <= width:
        return _head(folder + slash, width - cell_len(name) - 2) + ELLIPSIS + "/" + name
    start = (width - 1) // 2
    return _head(word, start) + ELLIPSIS + _tail(word, width - 1 - start)


def _head(text: str, cells: int) -> str:
    """The longest start of ``text`` at most ``cells`` wide."""
    taken = ""
    for char in text:
        if cell_len(taken + char) > cells:
            break
        taken += char
    return taken


def _tail(text: str, cells: int) -> str:
    """The longest end of ``text`` at most ``cells`` wide."""
    return _head(text[::-1], cells)[::-1]
