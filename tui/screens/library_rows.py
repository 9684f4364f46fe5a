"""The library's lines: how a line's width is shared between the title, the path and
the number columns, and what each column shows for an article."""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text

from annotations.library.listing import LibraryItem
from annotations.store.records import parse_timestamp

from ..shown import column, head_cells, inert, tail_cells
from ..shown import shown_path as shown_item_path

# Column widths (cells) after the title and the path.
_NUMBER_COLUMNS = (("size", 6), ("sections", 8), ("sentences", 9), ("tagged", 6), ("left off", 8), ("opened", 10))
# On a narrow terminal these give way, in this order, until the title has room.
_DROPPED_FIRST = ("sections", "size", "opened", "sentences")
# Where a word of a path ends: the end of the stretch shown when paths differ too far in.
_WORD_END = re.compile(r"[\W_]")
# The narrowest a path column gets before columns give way to the title.
_PATH_MIN = 16


class Layout(NamedTuple):
    """How a library line of some width is shared: title, path and the columns shown."""

    title: int
    path: int
    columns: tuple[tuple[str, int], ...]


@lru_cache(maxsize=64)  # asked for every row drawn: the same few widths
def layout(width: int, path_width: int, keep: str = "") -> Layout:
    """Share ``width`` cells: every column when they fit beside a readable title (a
    third of the width, at most 36 cells); otherwise the path narrows, then columns
    give way (sections, size, opened, sentences; never ``keep``, the one sorted by), so
    a title is never cut to a word."""
    wanted = min(36, width // 3)
    columns = list(_NUMBER_COLUMNS)

    def title_width() -> int:
        return width - path_width - sum(size for _, size in columns) - 2 * (len(columns) + 1)

    steps = [*_DROPPED_FIRST]
    steps.insert(2, "path")
    for step in steps:
        if title_width() >= wanted:
            break
        if step == "path":
            path_width = min(path_width, max(_PATH_MIN, path_width - (wanted - title_width())))
        elif step != keep:
            columns = [column for column in columns if column[0] != step]
    return Layout(max(10, title_width()), path_width, tuple(columns))


def header_text(shared: Layout) -> Text:
    """The column names over the library's lines."""
    cells = ["title".ljust(shared.title), "path".ljust(shared.path)]
    cells += [label.rjust(size) for label, size in shared.columns]
    return Text("  ".join(cells), style="bold")


def path_column_width(paths: Sequence[str]) -> int:
    """The path column's cells: the widest of ``paths`` (as shown), 4 to 32 cells."""
    return max(4, min(32, max((cell_len(path) for path in paths), default=4)))


def fit_paths(paths: Sequence[str], width: int) -> list[str]:
    """Each path (as :func:`~tui.shown.shown_path` writes it) cut to ``width`` terminal
    cells: from the left (``…ry-pipeline.txt``), unless that makes it look like another's;
    then its start up to where it differs from those others stays and the middle gives
    way (``ana/…ipeline.txt``, ``sample_a…ine.txt``), or, when they differ too far in, the
    stretch up to there (``…/article-00017…``)."""
    too_long = [cell_len(path) > width for path in paths]
    shown = ["…" + tail_cells(path, width - 1) if cut else path for path, cut in zip(paths, too_long, strict=True)]
    alike: dict[str, list[int]] = {}
    for number, cut in enumerate(too_long):
        if cut:
            alike.setdefault(shown[number], []).append(number)
    colliding = [number for numbers in alike.values() if len(numbers) > 1 for number in numbers]
    needed = _distinct_starts({paths[number] for number in colliding})  # from all of them: no cut alike across groups
    for number in colliding:
        if paths[number] in needed:
            shown[number] = _cut_middle(paths[number], width, needed[paths[number]])
    return shown


def _distinct_starts(paths: set[str]) -> dict[str, int]:
    """How many characters of each of ``paths`` tell it from all the others (none if
    there are no others): one more than it shares with the likest, a neighbour in sorted
    order (so thousands of paths alike take a sort, not every pair)."""
    ordered = sorted(paths)
    needed: dict[str, int] = {}
    for number, path in enumerate(ordered):
        neighbours = ordered[max(0, number - 1) : number] + ordered[number + 1 : number + 2]
        if neighbours:
            needed[path] = 1 + max(_shared_start(path, other) for other in neighbours)
    return needed


def _cut_middle(path: str, width: int, needed: int) -> str:
    """``path`` cut to ``width`` cells, keeping its first ``needed`` characters (to the end
    of that folder's name, or half the width) and as much of its end as fits; if they do
    not fit, the stretch up to them (and to the end of the word they end in) between two ellipses."""
    if cell_len(path[:needed]) > width - 2:
        word_end = _WORD_END.search(path, needed - 1)  # the rest of the word it differs in (a number, a name)
        end = max(needed, word_end.start() if word_end is not None else len(path))
        return "…" + tail_cells(path[:end], width - 2) + "…"
    end = path.find(os.sep, needed - 1)
    head = max(needed, min(len(path) if end < 0 else end + 1, len(head_cells(path, width // 2))))
    start = head_cells(path[:head], width - 2)
    return start + "…" + tail_cells(path, width - 1 - cell_len(start))


def _shared_start(one: str, other: str) -> int:
    """How many characters the two strings start with alike."""
    return next((n for n, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other)))


def row_text(item: LibraryItem, shared: Layout, shown_path: str | None = None) -> Text:
    """The library's line for ``item``, each cell cut to its column's cells (``shown_path``:
    its path as written and cut to the path column by :func:`fit_paths`; cut from the
    left if not given)."""
    title_width = shared.title
    text = Text()
    entry = item.entry
    if entry is not None and entry.error is not None:
        text.append("unreadable".ljust(title_width), style="red")
    else:
        text.append(column(inert(item.title), title_width), style="" if entry is not None else "dim")
    text.append("  ")
    path = shown_path if shown_path is not None else fit_paths([shown_item_path(item.shown_path)], shared.path)[0]
    text.append(column(path, shared.path), style="dim")
    if entry is not None and entry.error is not None:
        text.append("  ")
        text.append(inert(entry.error), style="red")  # where the numbers would be
        return text
    cells = _number_cells(item)
    for label, size in shared.columns:
        text.append("  ")
        text.append(cells.get(label, "").rjust(size))
    return text


def _number_cells(item: LibraryItem) -> dict[str, str]:
    """What the number columns show for a readable (or not yet scanned) item."""
    entry, store = item.entry, item.store
    if entry is None:
        return {"sections": "…", "sentences": "…"}
    total = entry.sentences
    position = store.position if store is not None else None
    if position is None:
        left_off = "—"
    elif total:
        left_off = f"{round(100 * min(position, total) / total)}%"
    else:
        left_off = f"at {position}"
    return {
        "size": human_size(entry.stamp.size),
        "sections": str(entry.sections),
        "sentences": "…" if total is None else f"{total:,}",
        "tagged": "?" if store is not None and store.error else str(store.tagged if store is not None else 0),
        "left off": left_off,
        "opened": _when(store.opened if store is not None else None),
    }


class ScanCounts(NamedTuple):
    """How far a library has read its items: readable and unreadable files, and readable
    ones whose sentences are counted."""

    readable: int
    unreadable: int
    counted: int


def scan_counts(items: Sequence[LibraryItem]) -> ScanCounts:
    """:class:`ScanCounts` of ``items``, in one pass (this runs on every key of a filter)."""
    readable = unreadable = counted = 0
    for item in items:
        entry = item.entry
        if entry is None:
            continue
        if entry.error is not None:
            unreadable += 1
        else:
            readable += 1
            counted += entry.sentences is not None
    return ScanCounts(readable, unreadable, counted)


def progress_parts(counts: ScanCounts, total: int, *, counting: bool) -> list[str]:
    """The status line's first parts: readable and unreadable articles, and how far the
    scan (of ``total`` items) and (while ``counting``) the sentence count have got."""
    readable, unreadable, counted = counts
    scanned = readable + unreadable
    parts = [f"{readable:,} readable", f"{unreadable:,} unreadable"]
    if scanned < total:
        parts.append(f"scanning {scanned:,}/{total:,}")
    if counted < readable and counting:
        parts.append(f"counting sentences {counted:,}/{readable:,}")
    return parts


def human_size(size: int) -> str:
    """A file size as ``ls -h`` shows it: ``812``, ``8.1K``, ``5.0M``."""
    value = float(size)
    for unit in ("", "K", "M", "G"):
        if value < 1024 or unit == "G":
            return f"{value:.0f}{unit}" if not unit or value >= 10 else f"{value:.1f}{unit}"
        value /= 1024
    return f"{value:.0f}G"


def _when(value: object) -> str:
    if not isinstance(value, str):
        return "never"
    try:
        moment = parse_timestamp(value).astimezone()
    except ValueError:
        return "?"
    today = _dt.datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%Y-%m-%d")
