"""Annotations made by other tools, as newsmark reads them before anchoring them.

A :class:`ForeignAnnotation` is what an import from W3C Web Annotation JSON-LD
(:mod:`annotations.exchange.w3c_import`) or the Hypothesis API
(:mod:`annotations.exchange.hypothesis`) knows of one annotation: its id, the page it
is on, its quote selector (and a position hint), tags, note, author and times.
:func:`read_json` reads the file; :data:`~annotations.exchange.formats.IMPORT_FROM` names the parser of each ``--from``.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from annotations.errors import ImportFormatError
from annotations.exchange.formats import IMPORT_FROM
from annotations.files import read_user_file
from annotations.store.records import parse_timestamp

#: Larger files are refused before they are parsed (as a non-newsmark export is).
MAX_FOREIGN_BYTES = 8 * 1024 * 1024
_STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class ForeignAnnotation:
    """One annotation of another tool: where it is, what it quotes, what it says."""

    id: str
    """Its id as the tool gave it (an IRI for W3C, Hypothesis's own id)."""
    source: str | None
    """The IRI of the page or text it annotates."""
    exact: str
    prefix: str
    suffix: str
    position: tuple[int, int] | None
    """The TextPositionSelector's start and end, only a hint."""
    tags: tuple[str, ...]
    note: str
    user: str
    """The author's name (``acct:NAME@host`` already made NAME); "" if unknown."""
    created: str
    updated: str
    group: str = ""
    """The range it belongs to (a newsmark W3C export names it), "" if none."""


#: Why an annotation that anchors on no words is left out, as the summary says it
#: (singular, plural).
LEFT_OUT = {
    "reply": ("reply", "replies"),
    "page note": ("page note", "page notes"),
    "whole": ("on the whole article", "on the whole article"),
    "positions": (
        "with positions only (no TextQuoteSelector; positions alone are not anchored)",
        "with positions only (no TextQuoteSelector; positions alone are not anchored)",
    ),
    "other": ("with no TextQuoteSelector", "with no TextQuoteSelector"),
}


@dataclass(frozen=True)
class ForeignFile:
    """A file's annotations, and by reason (a key of :data:`LEFT_OUT`) how many it held
    that quote no words: those are not imported."""

    annotations: list[ForeignAnnotation]
    left_out: dict[str, int]


class Malformed(ValueError):
    """An annotation's part has the wrong shape (the parser names the annotation)."""


def read_json(path: str | Path, *, streams: bool = False) -> Any:
    """The JSON of an import file; one-line :class:`ImportFormatError` if it is not JSON."""
    path = Path(path)
    try:
        raw = read_user_file(path, ImportFormatError, what="an annotation file", max_bytes=MAX_FOREIGN_BYTES, streams=streams)
    except FileNotFoundError:
        raise ImportFormatError(path, "no such file") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFormatError(path, "not UTF-8 text") from None
    except RecursionError:
        raise ImportFormatError(path, "nested too deeply to be an annotation file") from None
    except ValueError as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise ImportFormatError(path, f"not valid JSON{where}") from None


def stamp(value: Any, fallback: str) -> str:
    """An ISO 8601 time as newsmark stamps it (UTC, microseconds, ``Z``); ``fallback``
    when there is none or it is not a time."""
    if not isinstance(value, str):
        return fallback
    try:
        return parse_timestamp(value).astimezone(_dt.timezone.utc).strftime(_STAMP)
    except (ValueError, OverflowError):
        return fallback


def account_name(user: str) -> str:
    """``acct:NAME@host`` as NAME; anything else as it is."""
    if user.startswith("acct:"):
        return user[len("acct:") :].rsplit("@", 1)[0]
    return user


def text_of(value: Any) -> str:
    """A value that should be text, else ""."""
    return value if isinstance(value, str) else ""


def quote_selectors(selectors: Any) -> tuple[dict[str, Any] | None, tuple[int, int] | None]:
    """The TextQuoteSelector and the TextPositionSelector's (start, end) of a target's
    selector (one or a list); :class:`Malformed` for a TextQuoteSelector without
    ``exact`` text (the model requires it: its words would be lost)."""
    items = selectors if isinstance(selectors, list) else [selectors]
    quote: dict[str, Any] | None = None
    position: tuple[int, int] | None = None
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        if kind == "TextQuoteSelector":
            if not isinstance(item.get("exact"), str) or not item["exact"].strip():
                raise Malformed("its TextQuoteSelector has no 'exact' text")
            quote = quote or item
        elif kind == "TextPositionSelector" and _whole(item.get("start")) and _whole(item.get("end")):
            position = position or (item["start"], item["end"])
    return quote, position


def unquoted_reason(selectors: Any, position: tuple[int, int] | None) -> str:
    """Why a target with no TextQuoteSelector is left out (a key of :data:`LEFT_OUT`)."""
    if selectors is None or selectors == []:
        return "whole"
    return "positions" if position is not None else "other"


def repeated(seen: dict[str, tuple[int, Any]], number: int, item: dict[str, Any], path: Path, what: str) -> bool:
    """Whether ``item`` (the ``number``-th ``what`` of the file, from 1) repeats one
    already read: the same annotation twice (two pages of a search that overlap) is read
    once; two different ones with one id are one error line naming both."""
    first = seen.setdefault(item["id"], (number, item))
    if first[0] == number:
        return False
    if first[1] == item:
        return True
    raise ImportFormatError(path, f"{what}s {first[0]} and {number} are both annotation {item['id']!r} but differ: keep one of them")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


Parser = Callable[[Any, Path, str], ForeignFile]


def parse_file(kind: str, path: str | Path, now: str, *, streams: bool = False) -> ForeignFile:
    """The annotations of a ``kind`` (``w3c`` or ``hypothesis``) file."""
    module = importlib.import_module(IMPORT_FROM[kind])
    parser = cast(Parser, module.parse)
    return parser(read_json(path, streams=streams), Path(path), now)
