"""CSV exports for spreadsheets: one row per annotation, its tags joined.

Columns: the article's ``title`` and ``path``, then every exported record field but the
selector, in record order (``sentence``, ``section``, ``section_title``, ``text``,
``tags`` joined with ``"; "``, ``note``, ``annotator``, ``created``, ``updated``, ``id``,
…; empty ``sentence``, ``section``, ``section_title`` for an orphan that never was on
a sentence: another tool's quote not found), a verdict's ``status`` and a source's
``grade`` (empty where none was set) and ``evidence_count``, ``orphan`` (``yes`` for a
record whose sentence is gone), and ``span_start``,
``span_end``, ``span_quote`` (a span record's words in its sentence; empty for a
whole-sentence record). A cell that a
spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) is written with a ``'`` before it. A path's control characters (a
file name may hold ESC or a bidi override) are written as their escapes (``\\x1b``).
CSV is written, never imported: it keeps no selector to re-anchor by.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError, escape_controls
from annotations.store.records import RECORD_SPECS

#: The record fields a row holds, in record order (the selector is for re-anchoring).
ROW_FIELDS = tuple(spec.name for spec in RECORD_SPECS if spec.kind is not dict)
#: A span record's words (empty for a whole-sentence record), after ``orphan``.
SPAN_COLUMNS = ("span_start", "span_end", "span_quote")
#: What a record's assessment shows in a row (see :mod:`annotations.store.verdicts`).
VERDICT_COLUMNS = ("status", "grade", "evidence_count")
COLUMNS = ("title", "path", *ROW_FIELDS, *VERDICT_COLUMNS, "orphan", *SPAN_COLUMNS)
TAG_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if isinstance(value, list):
        value = TAG_SEPARATOR.join(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _span_cells(record: dict[str, Any]) -> list[str]:
    """The ``span_start``, ``span_end`` and ``span_quote`` cells ("" for a whole sentence)."""
    span = record.get("span")
    return ["", "", ""] if span is None else [str(span["start"]), str(span["end"]), _cell(span["quote"])]


#: Where a record was, left empty for an orphan that never was on a sentence.
_PLACE = ("sentence", "section", "section_title")


def _row_cells(record: dict[str, Any]) -> list[str]:
    """A record's field cells; an orphan whose selector has no position (another tool's
    quote not found in the text) was on no sentence: its place cells are empty."""
    unplaced = record.get("anchor") == "orphan" and record["selector"]["end"] == 0
    return ["" if unplaced and name in _PLACE else _cell(record.get(name, "")) for name in ROW_FIELDS]


def dump(document: dict[str, Any]) -> bytes:
    """One row per annotation (then per orphan) of every article, under a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for article in document.get("articles", []):
        for key, orphan in (("annotations", "no"), ("orphans", "yes")):
            for record in article.get(key, []):
                writer.writerow(
                    [
                        _cell(article["title"]),
                        _cell(escape_controls(article["path"])),
                        *_row_cells(record),
                        _cell(record.get("status", "")),
                        _cell(record.get("grade", "")),
                        str(len(record.get("evidence", ()))),
                        orphan,
                        *_span_cells(record),
                    ]
                )
    return out.getvalue().encode("utf-8")


def load(text: str, path: Path) -> tuple[Any, bool]:
    """CSV exports are not imported: refuse in one line."""
    raise ImportFormatError(path, "a CSV export is for spreadsheets and cannot be imported; import a YAML or JSON export")
